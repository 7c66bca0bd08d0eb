import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, AutoComplete, Button, Card, Col, Flex, Form, Input, Popconfirm, Row, Select, Space, Switch, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, CheckCircleOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { TemplateDefinition, TemplateSection } from '../../../../shared/reports.js';
import { ordinal } from '../../../../shared/phrasing.js';
import { ApiError } from '../../../lib/api-client';
import { showApiError } from '../../../lib/form';
import { useDictionaryItems } from '../../../lib/reference-data';
import { type FactPeriod, type SlotProblem, checkTemplate, useCreateTemplate, useUpdateTemplate, useWorklistOptions } from '../api/templates';
import { SlotHelp } from './slot-help';
import { useVersionedSave } from '../../../lib/record-conflict';
import { FactCataloguePanel, type FactPeriodChoice } from './fact-catalogue-panel';
import { PatternPreview, useDebounced } from './pattern-preview';
import { defaultPeriod, periodDates, periodName } from './period';
import { templatePlace } from './doc-model';

interface TemplateEditorProps {
  /** The template being edited, or null for a new one. */
  templateId: number | null;
  /** The version of the template being edited (its save names it). */
  version?: number;
  initial: TemplateDefinition;
  onDone: () => void;
}

const DEFAULT_PLAN: NonNullable<TemplateDefinition['plan']> = { listKey: 'plan', periodField: 'period', titleField: 'title', contentField: 'content' };

/**
 * The plan a switched-on 工作计划 section starts from: the list the bureau marked as its plan (its
 * summary names the period, title and content fields), else the first list with the default field
 * names, else the default names; never a list the bureau does not have when it has one that fits.
 */
function defaultPlan(
  lists: { key: string; fields: { key: string }[]; summary: { plan: Omit<NonNullable<TemplateDefinition['plan']>, 'listKey'> | null } | null }[],
): NonNullable<TemplateDefinition['plan']> {
  const marked = lists.find((l) => l.summary?.plan);
  if (marked) return { listKey: marked.key, ...marked.summary!.plan! };
  const named = lists.find((l) => ['periodField', 'titleField', 'contentField'].every((f) => l.fields.some((x) => x.key === DEFAULT_PLAN[f as 'periodField'])));
  return named ? { ...DEFAULT_PLAN, listKey: named.key } : DEFAULT_PLAN;
}

function newSectionKey(sections: TemplateSection[]): string {
  let n = sections.length + 1;
  while (sections.some((s) => s.key === `section${n}`)) n++;
  return `section${n}`;
}

function move<T>(items: T[], from: number, to: number): T[] {
  const next = items.slice();
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}

/** The pattern at a path of the definition: title, opening, sections.<i>.sentences.<j>. */
function patternAt(def: TemplateDefinition, path: string): string | undefined {
  if (path === 'title') return def.title;
  if (path === 'opening') return def.opening;
  const m = /^sections\.(\d+)\.sentences\.(\d+)$/.exec(path);
  return m ? def.sections[Number(m[1])]?.sentences[Number(m[2])] : undefined;
}

/** The definition with the pattern at a path replaced. */
function withPattern(def: TemplateDefinition, path: string, text: string): TemplateDefinition {
  if (path === 'title') return { ...def, title: text };
  if (path === 'opening') return { ...def, opening: text };
  const m = /^sections\.(\d+)\.sentences\.(\d+)$/.exec(path);
  if (!m) return def;
  const [si, ji] = [Number(m[1]), Number(m[2])];
  return { ...def, sections: def.sections.map((s, i) => (i === si ? { ...s, sentences: s.sentences.map((t, j) => (j === ji ? text : t)) } : s)) };
}

type PatternElement = HTMLInputElement | HTMLTextAreaElement;

/** Problems by path (title, opening, sections.0.sentences.1, plan.listName …). */
function byPath(problems: SlotProblem[]): Map<string, SlotProblem[]> {
  const map = new Map<string, SlotProblem[]>();
  for (const p of problems) map.set(p.path, [...(map.get(p.path) ?? []), p]);
  return map;
}

function ProblemText({ problems }: { problems: SlotProblem[] | undefined }) {
  if (!problems?.length) return null;
  return (
    <div data-testid="slot-problem" role="alert">
      {problems.map((p, i) => (
        <Typography.Text key={i} type="danger" style={{ display: 'block', fontSize: 12 }}>
          {p.slot ? (
            <>
              <Typography.Text code type="danger" style={{ fontSize: 12 }}>
                {p.slot}
              </Typography.Text>{' '}
            </>
          ) : null}
          {p.message}
        </Typography.Text>
      ))}
    </div>
  );
}

/**
 * 模板编辑: name, title and opening patterns, the sections (reordered, renamed, added, removed) with
 * their sentence patterns, the plan settings and the outreach type. Beside them the fact catalogue
 * with each fact's value for a chosen period: a click inserts its {slot} at the cursor of the
 * sentence being edited, under which a live preview shows how the period's draft would write it.
 * 检查 asks the server which slots name no fact; 保存模板 checks first.
 */
export function TemplateEditor({ templateId, version: openedVersion, initial, onDone }: TemplateEditorProps) {
  const { message } = App.useApp();
  const [def, setDef] = useState<TemplateDefinition>(initial);
  const [problems, setProblems] = useState<SlotProblem[] | null>(null);
  const [checking, setChecking] = useState(false);
  const create = useCreateTemplate();
  const update = useUpdateTemplate();
  const worklists = useWorklistOptions();
  const eventTypes = useDictionaryItems('event_type');
  const issues = byPath(problems ?? []);
  const saving = create.isPending || update.isPending;
  const sentences = (v: unknown) => ((v as TemplateSection[] | undefined) ?? []).map((x) => `${x.heading}(${x.sentences.length}句)`).join('、');
  const guard = useVersionedSave<{ id: number; version: number; definition: TemplateDefinition }, TemplateDefinition>({
    record: templateId && openedVersion ? { id: templateId, version: openedVersion, definition: initial } : null,
    open: true,
    toValues: (t) => t.definition,
    fields: [
      { name: 'name', label: '模板名称' },
      { name: 'title', label: '标题句式' },
      { name: 'opening', label: '开头段句式' },
      { name: 'sections', label: '段落与句式', format: sentences },
      { name: 'plan', label: '工作计划' },
      { name: 'outreachType', label: '送科技下乡的活动类型' },
    ],
    resubmit: (definition, version) => send(definition, version),
    reload: (definition) => {
      setDef(definition);
      setProblems(null);
    },
  });
  const helpFor = (path: string) => (issues.get(path) ? <ProblemText problems={issues.get(path)} /> : undefined);

  // The period the catalogue's values and the preview are for: the latest half-year unless chosen.
  const [periodChoice, setPeriodChoice] = useState<FactPeriodChoice>(() => defaultPeriod().choice as FactPeriodChoice);
  const [yearInput, setYearInput] = useState<number | null>(() => defaultPeriod().year);
  // A year being typed (2, 20, 201 …) is not asked for: the last whole year stays until the next one.
  const [wholeYear, setWholeYear] = useState(() => defaultPeriod().year);
  useEffect(() => {
    if (yearInput !== null && yearInput >= 1990 && yearInput <= 2100) setWholeYear(yearInput);
  }, [yearInput]);
  const year = useDebounced(wholeYear, 300);
  const outreachType = useDebounced(def.outreachType.trim(), 500);
  const period = useMemo<FactPeriod>(
    () => ({ ...periodDates(periodChoice, year), ...(outreachType ? { outreachType } : {}) }) as FactPeriod,
    [periodChoice, year, outreachType],
  );
  const periodLabel = periodName(periodChoice, year);

  // The pattern being edited (the last one focused) and its element, whose cursor a clicked fact goes in at.
  const [active, setActive] = useState<string | null>(null);
  const elements = useRef(new Map<string, PatternElement>());
  const caret = useRef<{ path: string; at: number } | null>(null);
  const patternProps = (path: string) => ({
    onFocus: (e: React.FocusEvent<PatternElement>) => {
      elements.current.set(path, e.target);
      setActive(path);
    },
  });
  const preview = (path: string) => {
    const pattern = active === path ? patternAt(def, path) : undefined;
    return pattern === undefined ? null : <PatternPreview pattern={pattern} period={period} periodLabel={periodLabel} />;
  };
  // After an insertion, the cursor goes right after the slot, in the sentence being edited.
  useEffect(() => {
    const pending = caret.current;
    if (!pending) return;
    caret.current = null;
    const el = elements.current.get(pending.path);
    if (!el?.isConnected) return;
    el.focus();
    el.setSelectionRange(pending.at, pending.at);
  });
  const insertRef = useRef<(slot: string) => void>(() => undefined);
  insertRef.current = (slot: string) => {
    const el = active ? elements.current.get(active) : undefined;
    const current = active ? patternAt(def, active) : undefined;
    if (!active || current === undefined || !el?.isConnected) {
      void message.info('请先点一下要写的句式(标题、开头段或某一句),再点击数据插入');
      return;
    }
    const start = Math.min(el.selectionStart ?? current.length, current.length);
    const end = Math.max(start, Math.min(el.selectionEnd ?? start, current.length));
    setDef((d) => withPattern(d, active, current.slice(0, start) + slot + current.slice(end)));
    clearProblem(active);
    caret.current = { path: active, at: start + slot.length };
  };
  const onInsert = useCallback((slot: string) => insertRef.current(slot), []);

  const clearProblem = (path: string) => setProblems((ps) => (ps ? ps.filter((p) => p.path !== path) : ps));
  /** A change of structure moves sentences: the problems found before no longer point at the right ones. */
  const restructure = (fn: (sections: TemplateSection[]) => TemplateSection[]) => {
    setDef((d) => ({ ...d, sections: fn(d.sections) }));
    setProblems(null);
    setActive((path) => (path?.startsWith('sections.') ? null : path));
  };
  const setSection = (index: number, patch: Partial<TemplateSection>) =>
    setDef((d) => ({ ...d, sections: d.sections.map((s, i) => (i === index ? { ...s, ...patch } : s)) }));
  const setSentence = (si: number, ji: number, text: string) => {
    setDef((d) => ({
      ...d,
      sections: d.sections.map((s, i) => (i === si ? { ...s, sentences: s.sentences.map((t, j) => (j === ji ? text : t)) } : s)),
    }));
    clearProblem(`sections.${si}.sentences.${ji}`);
  };

  /** Runs the server's check; validation failures (an empty sentence) come back as problems too. */
  const runCheck = async (): Promise<SlotProblem[] | null> => {
    setChecking(true);
    try {
      const result = await checkTemplate(def);
      setProblems(result.problems);
      return result.problems;
    } catch (error) {
      if (error instanceof ApiError && error.fieldIssues.length) {
        const found = error.fieldIssues.map((i) => ({ path: i.path, slot: '', message: i.message }));
        setProblems(found);
        return found;
      }
      showApiError(message, error);
      return null;
    } finally {
      setChecking(false);
    }
  };

  const onCheck = async () => {
    const found = await runCheck();
    if (found === null) return;
    if (found.length) void message.error(`发现 ${found.length} 处问题,已标在对应句式下方`);
    else void message.success('检查通过:每个占位都对应统计数据');
  };

  const onSave = async () => {
    const found = await runCheck();
    if (found === null) return;
    if (found.length) {
      void message.error(`模板有 ${found.length} 处问题,请改正后再保存`);
      return;
    }
    send(def);
  };

  const send = (definition: TemplateDefinition, version = guard.version) => {
    const options = {
      onSuccess: (saved: { version: number }) => {
        guard.succeeded(saved);
        void message.success(`模板“${definition.name}”已保存`);
        onDone();
      },
      onError: (error: unknown) => {
        if (guard.catchStale(error, definition)) return;
        if (error instanceof ApiError && error.fieldIssues.length) {
          setProblems(error.fieldIssues.map((i) => ({ path: i.path, slot: '', message: i.message })));
        }
        showApiError(message, error);
      },
    };
    if (templateId) update.mutate({ id: templateId, version: version ?? openedVersion ?? 1, definition }, options);
    else create.mutate({ definition, idempotencyKey: guard.keyFor(definition) }, options);
  };

  const planList = def.plan ? (worklists.data ?? []).find((l) => l.key === def.plan!.listKey) : undefined;
  const fieldOptions = (planList?.fields ?? []).filter((f) => !f.hidden).map((f) => ({ value: f.key, label: `${f.label}(${f.key})` }));
  const unplaced = (problems ?? []).filter(
    (p) => !/^(title|opening|name|outreachType|sections\.\d+\.sentences\.\d+|sections\.\d+\.heading|sections\.\d+\.key|plan\.\w+)$/.test(p.path),
  );

  return (
    <Row gutter={[16, 16]}>
      {guard.dialog}
      <Col xs={24} xl={16}>
        <Form layout="vertical" component="div">
          <Flex vertical gap={16}>
            {problems && problems.length === 0 ? (
              <Alert type="success" showIcon icon={<CheckCircleOutlined />} title="检查通过:每个占位都对应统计数据" />
            ) : null}
            {problems && problems.length > 0 ? (
              <Alert
                type="error"
                showIcon
                title={`有 ${problems.length} 处问题,已标在对应句式下方`}
                description={unplaced.length ? <ProblemText problems={unplaced} /> : undefined}
              />
            ) : null}
            <Card title="基本信息" size="small">
              <Form.Item label="模板名称" htmlFor="tpl-name" required validateStatus={issues.get('name') ? 'error' : undefined} help={helpFor('name')}>
                <Input id="tpl-name" value={def.name} maxLength={40} onChange={(e) => setDef((d) => ({ ...d, name: e.target.value }))} />
              </Form.Item>
              <Form.Item label="标题句式" htmlFor="tpl-title" required help={helpFor('title')} validateStatus={issues.get('title') ? 'error' : undefined}>
                <Input
                  id="tpl-title"
                  value={def.title}
                  {...patternProps('title')}
                  onChange={(e) => {
                    setDef((d) => ({ ...d, title: e.target.value }));
                    clearProblem('title');
                  }}
                />
                {preview('title')}
              </Form.Item>
              <Form.Item
                label="开头段句式"
                htmlFor="tpl-opening"
                required
                help={helpFor('opening')}
                validateStatus={issues.get('opening') ? 'error' : undefined}
              >
                <Input.TextArea
                  id="tpl-opening"
                  value={def.opening}
                  autoSize={{ minRows: 2 }}
                  {...patternProps('opening')}
                  onChange={(e) => {
                    setDef((d) => ({ ...d, opening: e.target.value }));
                    clearProblem('opening');
                  }}
                />
                {preview('opening')}
              </Form.Item>
              <Form.Item
                label="下乡活动类型"
                htmlFor="tpl-outreach"
                tooltip="这一类型中由本局牵头的活动,计入 outreach.* 各项数字(次数、资料、展板、咨询人次等)"
                help={helpFor('outreachType')}
                style={{ marginBottom: 0 }}
              >
                <AutoComplete
                  id="tpl-outreach"
                  value={def.outreachType}
                  onChange={(v: string) => setDef((d) => ({ ...d, outreachType: v }))}
                  options={(eventTypes.data ?? []).map((t) => ({ value: t.label }))}
                  style={{ maxWidth: 280 }}
                />
              </Form.Item>
            </Card>

            {def.sections.map((section, si) => (
              <Card
                key={si}
                size="small"
                data-testid={`template-section-${si}`}
                title={
                  <Flex align="center" gap={8}>
                    <span style={{ whiteSpace: 'nowrap' }}>{ordinal(si + 1)}、</span>
                    <Input
                      value={section.heading}
                      onChange={(e) => setSection(si, { heading: e.target.value })}
                      aria-label={`第${si + 1}段标题`}
                      status={issues.get(`sections.${si}.heading`) ? 'error' : undefined}
                      style={{ fontWeight: 600 }}
                    />
                  </Flex>
                }
                extra={
                  <Space size={0}>
                    <Tooltip title="上移">
                      <Button
                        type="text"
                        size="small"
                        icon={<ArrowUpOutlined />}
                        disabled={si === 0}
                        onClick={() => restructure((s) => move(s, si, si - 1))}
                        aria-label={`第${si + 1}段上移`}
                      />
                    </Tooltip>
                    <Tooltip title="下移">
                      <Button
                        type="text"
                        size="small"
                        icon={<ArrowDownOutlined />}
                        disabled={si === def.sections.length - 1}
                        onClick={() => restructure((s) => move(s, si, si + 1))}
                        aria-label={`第${si + 1}段下移`}
                      />
                    </Tooltip>
                    <Popconfirm
                      title="删除这一段?"
                      description="段落及其全部句式将从模板中删除。"
                      okText="删除"
                      okButtonProps={{ danger: true }}
                      disabled={def.sections.length === 1}
                      onConfirm={() => restructure((s) => s.filter((_, i) => i !== si))}
                    >
                      <Button type="text" size="small" danger icon={<DeleteOutlined />} disabled={def.sections.length === 1} aria-label={`删除第${si + 1}段`} />
                    </Popconfirm>
                  </Space>
                }
              >
                <ProblemText
                  problems={[
                    ...(issues.get(`sections.${si}.heading`) ?? []),
                    ...(issues.get(`sections.${si}.key`) ?? []),
                    ...(issues.get(`sections.${si}.sentences`) ?? []),
                  ]}
                />
                <Flex gap={16} wrap align="center" style={{ marginBottom: 12 }}>
                  <Space size={6}>
                    <Switch
                      size="small"
                      checked={section.enumerate}
                      onChange={(checked) => setSection(si, { enumerate: checked })}
                      aria-label={`第${si + 1}段分条列举`}
                    />
                    <span>分条列举(一是…;二是…)</span>
                  </Space>
                  <Space size={6}>
                    <Typography.Text type="secondary">标识</Typography.Text>
                    <Input
                      size="small"
                      value={section.key}
                      onChange={(e) => setSection(si, { key: e.target.value })}
                      style={{ width: 140 }}
                      aria-label={`第${si + 1}段标识`}
                    />
                  </Space>
                </Flex>
                <Flex vertical gap={8}>
                  {section.sentences.map((sentence, ji) => {
                    const path = `sections.${si}.sentences.${ji}`;
                    const found = issues.get(path);
                    return (
                      <div key={ji} data-testid={`template-sentence-${si}-${ji}`}>
                        <Flex gap={8} align="flex-start">
                          <Typography.Text type="secondary" style={{ width: 22, lineHeight: '32px', textAlign: 'right' }}>
                            {ji + 1}.
                          </Typography.Text>
                          <Input.TextArea
                            value={sentence}
                            autoSize={{ minRows: 1 }}
                            status={found ? 'error' : undefined}
                            {...patternProps(path)}
                            onChange={(e) => setSentence(si, ji, e.target.value)}
                            aria-label={`第${si + 1}段句式${ji + 1}`}
                          />
                          <Button
                            type="text"
                            danger
                            icon={<DeleteOutlined />}
                            disabled={section.sentences.length === 1}
                            onClick={() => restructure((ss) => ss.map((s, i) => (i === si ? { ...s, sentences: s.sentences.filter((_, j) => j !== ji) } : s)))}
                            aria-label={`删除第${si + 1}段句式${ji + 1}`}
                          />
                        </Flex>
                        <div style={{ paddingInlineStart: 30 }}>
                          <ProblemText problems={found} />
                          {preview(path)}
                        </div>
                      </div>
                    );
                  })}
                  <div style={{ paddingInlineStart: 30 }}>
                    <Button
                      type="dashed"
                      size="small"
                      icon={<PlusOutlined />}
                      onClick={() => restructure((ss) => ss.map((s, i) => (i === si ? { ...s, sentences: [...s.sentences, ''] } : s)))}
                    >
                      添加句式
                    </Button>
                  </div>
                </Flex>
              </Card>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => restructure((ss) => [...ss, { key: newSectionKey(ss), heading: '', sentences: [''], enumerate: true }])}
            >
              添加段落
            </Button>

            <Card
              title="下期工作计划"
              size="small"
              extra={
                <Space size={6}>
                  <Switch
                    size="small"
                    checked={!!def.plan}
                    onChange={(on) => {
                      setDef((d) => ({ ...d, plan: on ? (d.plan ?? initial.plan ?? defaultPlan(worklists.data ?? [])) : null }));
                      setProblems(null);
                    }}
                    aria-label="包含工作计划段"
                  />
                  <span>包含工作计划段</span>
                </Space>
              }
            >
              {def.plan ? (
                <>
                  <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
                    总结最后一段列出计划台账中期间为下一期（上半年的总结列下半年，下半年的列来年上半年）的条目：一、标题。内容。
                  </Typography.Paragraph>
                  <Row gutter={12}>
                    <Col xs={24} md={12}>
                      <Form.Item label="计划台账" help={helpFor('plan.listKey')} validateStatus={issues.get('plan.listKey') ? 'error' : undefined}>
                        <Select
                          showSearch
                          value={def.plan.listKey}
                          loading={worklists.isPending}
                          options={(worklists.data ?? []).map((l) => ({ value: l.key, label: l.name }))}
                          onChange={(v: string) => setDef((d) => ({ ...d, plan: { ...d.plan!, listKey: v } }))}
                          aria-label="计划台账"
                        />
                      </Form.Item>
                    </Col>
                    {(
                      [
                        ['periodField', '期间字段'],
                        ['titleField', '标题字段'],
                        ['contentField', '内容字段'],
                      ] as const
                    ).map(([field, label]) => (
                      <Col xs={24} md={12} key={field}>
                        <Form.Item label={label} help={helpFor(`plan.${field}`)} validateStatus={issues.get(`plan.${field}`) ? 'error' : undefined}>
                          <Select
                            value={def.plan![field]}
                            options={fieldOptions}
                            onChange={(v: string) => setDef((d) => ({ ...d, plan: { ...d.plan!, [field]: v } }))}
                            aria-label={label}
                            notFoundContent="先选择计划台账"
                          />
                        </Form.Item>
                      </Col>
                    ))}
                  </Row>
                </>
              ) : (
                <Typography.Text type="secondary">不写工作计划段。</Typography.Text>
              )}
            </Card>

            <Flex gap={8} justify="flex-end" style={{ position: 'sticky', bottom: 0, background: '#f3f5f9', padding: '12px 0' }}>
              <Button onClick={onDone}>取消</Button>
              <Button onClick={() => void onCheck()} loading={checking && !saving}>
                检查
              </Button>
              <Button type="primary" onClick={() => void onSave()} loading={saving}>
                保存模板
              </Button>
            </Flex>
          </Flex>
        </Form>
      </Col>
      <Col xs={24} xl={8}>
        <Flex vertical gap={12} style={{ position: 'sticky', top: 16 }}>
          <FactCataloguePanel
            choice={periodChoice}
            year={yearInput}
            onChoice={setPeriodChoice}
            onYear={setYearInput}
            period={period}
            target={active ? templatePlace(active) : null}
            onInsert={onInsert}
          />
          <SlotHelp />
        </Flex>
      </Col>
    </Row>
  );
}
