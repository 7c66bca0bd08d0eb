import { memo, useMemo, useState } from 'react';
import { Alert, Card, Collapse, Empty, Flex, Input, InputNumber, Select, Spin, Tag, Tooltip, Typography } from 'antd';
import { errorMessage } from '../../../lib/api-client';
import { type FactCatalogue, type FactInfo, type FactPeriod, useFactCatalogue } from '../api/templates';
import { PERIOD_LABELS, type PeriodChoice } from './period';
import './template-editor.css';

/** The quick periods the values can be shown for (any dates are for drafting, not for browsing). */
export type FactPeriodChoice = Exclude<PeriodChoice, 'custom'>;
const CHOICES: FactPeriodChoice[] = ['h1', 'h2', 'year', 'q1', 'q2', 'q3', 'q4'];

interface FactGroupView {
  key: string;
  label: string;
  items: FactInfo[];
}

/** A list's facts are labelled 台账名:期内完成; within the list's own group the name goes. */
function shortLabel(fact: FactInfo): string {
  if (fact.ledger !== 'lists') return fact.label;
  const at = fact.label.indexOf(':');
  return at >= 0 ? fact.label.slice(at + 1) : fact.label;
}

/** The catalogue's ledgers, the work lists each in a group of its own (工作台账 · 整改台账). */
export function groupFacts(catalogue: FactCatalogue): FactGroupView[] {
  const out: FactGroupView[] = [];
  for (const ledger of catalogue.ledgers) {
    if (ledger.ledger !== 'lists') {
      out.push({ key: ledger.ledger, label: ledger.label, items: ledger.items });
      continue;
    }
    const lists = new Map<string, FactGroupView>();
    for (const fact of ledger.items) {
      const listKey = /^list\.([^.]+)\./.exec(fact.key)?.[1] ?? '';
      let group = lists.get(listKey);
      if (!group) {
        const at = fact.label.indexOf(':');
        const name = at >= 0 ? fact.label.slice(0, at) : listKey;
        group = { key: `list.${listKey}`, label: `${ledger.label} · ${name}`, items: [] };
        lists.set(listKey, group);
        out.push(group);
      }
      group.items.push(fact);
    }
  }
  return out;
}

const trimNumber = (n: number) => (Number.isInteger(n) ? String(n) : String(Number(n.toFixed(4))));

/** A fact's value for the period as the panel shows it; null without a period. `says` is false when a sentence stating it would be left out. */
export function factValueText(fact: FactInfo): { text: string; says: boolean } | null {
  const v = fact.value;
  if (!v) return null;
  const unit = fact.unit ?? '';
  switch (fact.kind) {
    case 'text':
      return { text: v.text ?? '—', says: v.text !== null };
    case 'number':
      return v.text !== null ? { text: v.text, says: true } : { text: `${trimNumber(v.number ?? 0)}${unit}`, says: false };
    case 'groups':
      return v.number ? { text: `共${trimNumber(v.number)}${unit}${v.text ? `:${v.text}` : ''}`, says: true } : { text: `0${unit}`, says: false };
    case 'names':
      return v.text ? { text: v.text, says: true } : { text: '无', says: false };
  }
}

function matches(fact: FactInfo, group: FactGroupView, words: string[]): boolean {
  if (!words.length) return true;
  const hay = `${fact.key} ${fact.label} ${fact.description} ${group.label} ${fact.value?.text ?? ''}`.toLowerCase();
  return words.every((w) => hay.includes(w));
}

const KIND_LABELS: Record<FactInfo['kind'], string | null> = { number: null, groups: '分组', names: '名称', text: '文字' };

/** Keeps focus in the sentence being edited, so the slot goes in at its cursor. */
const keepFocus = (e: React.MouseEvent) => e.preventDefault();

const FactRow = memo(function FactRow({ fact, onInsert }: { fact: FactInfo; onInsert: (slot: string) => void }) {
  const value = factValueText(fact);
  const slot = `{${fact.key}}`;
  const members = fact.kind === 'groups' ? (fact.members ?? []) : [];
  const kind = KIND_LABELS[fact.kind];
  return (
    <div className="kg-fact" data-testid="fact" data-fact-key={fact.key}>
      <Tooltip title={fact.description || undefined} placement="left" mouseEnterDelay={0.6}>
        <button type="button" className="kg-fact-insert" onMouseDown={keepFocus} onClick={() => onInsert(slot)} aria-label={`插入${fact.label} ${slot}`}>
          <span className="kg-fact-head">
            <span className="kg-fact-label">{shortLabel(fact)}</span>
            {value ? (
              <span
                className={value.says ? 'kg-fact-value' : 'kg-fact-value kg-fact-value-none'}
                data-testid="fact-value"
                title={fact.value ? `统计了${fact.value.records}条记录` : undefined}
              >
                {value.text}
              </span>
            ) : null}
          </span>
          <span className="kg-fact-meta">
            <code>{slot}</code>
            {fact.unit ? <span>单位:{fact.unit}</span> : null}
            {kind ? (
              <Tag variant="outlined" style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px' }}>
                {kind}
              </Tag>
            ) : null}
            {fact.atEnd ? (
              <Tag color="gold" style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px' }}>
                期末
              </Tag>
            ) : null}
          </span>
        </button>
      </Tooltip>
      {members.length ? (
        <span className="kg-fact-members">
          <Typography.Text type="secondary" style={{ fontSize: 11 }}>
            其中一组:
          </Typography.Text>
          {members.map((m) => (
            <button
              key={m}
              type="button"
              className="kg-fact-member"
              onMouseDown={keepFocus}
              onClick={() => onInsert(`{${fact.key}.${m}}`)}
              aria-label={`插入${fact.label}(${m})`}
            >
              {m}
            </button>
          ))}
        </span>
      ) : null}
    </div>
  );
});

interface FactCataloguePanelProps {
  choice: FactPeriodChoice;
  year: number | null;
  onChoice: (choice: FactPeriodChoice) => void;
  onYear: (year: number | null) => void;
  /** The period (and outreach type) the values are computed for. */
  period: FactPeriod;
  /** Where a clicked fact goes (第2段句式1), or null when no sentence has been clicked yet. */
  target: string | null;
  onInsert: (slot: string) => void;
}

/**
 * 统计数据: every fact of the catalogue, grouped by ledger and by work list, with its label, unit and
 * value for the chosen period; searchable; a click inserts its {slot} at the cursor of the sentence
 * being edited.
 */
export const FactCataloguePanel = memo(function FactCataloguePanel({ choice, year, onChoice, onYear, period, target, onInsert }: FactCataloguePanelProps) {
  const catalogue = useFactCatalogue(period);
  const [search, setSearch] = useState('');
  const [closed, setClosed] = useState<ReadonlySet<string>>(new Set());
  const groups = useMemo(() => (catalogue.data ? groupFacts(catalogue.data) : []), [catalogue.data]);
  const words = search.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const shown = groups.map((g) => ({ ...g, items: g.items.filter((f) => matches(f, g, words)) })).filter((g) => g.items.length);
  const total = shown.reduce((s, g) => s + g.items.length, 0);
  // While searching every group that matches stays open.
  const activeKeys = shown.map((g) => g.key).filter((k) => words.length > 0 || !closed.has(k));

  return (
    <Card
      size="small"
      data-testid="fact-catalogue"
      title="统计数据"
      extra={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          点击插入到句式
        </Typography.Text>
      }
    >
      <Flex vertical gap={8}>
        <Flex gap={8} align="center" wrap>
          <Typography.Text style={{ fontSize: 13 }}>数值期间</Typography.Text>
          <InputNumber
            value={year}
            onChange={(v) => onYear(typeof v === 'number' ? v : null)}
            min={1990}
            max={2100}
            precision={0}
            controls={false}
            style={{ width: 76 }}
            aria-label="数值年度"
            suffix="年"
          />
          <Select<FactPeriodChoice>
            value={choice}
            onChange={onChoice}
            options={CHOICES.map((c) => ({ value: c, label: PERIOD_LABELS[c] }))}
            style={{ width: 112 }}
            aria-label="数值期间"
          />
          {catalogue.isFetching ? <Spin size="small" /> : null}
        </Flex>
        <Typography.Text
          type="secondary"
          style={{ fontSize: 12 }}
          data-testid="facts-period"
          data-state={catalogue.isFetching || catalogue.isPlaceholderData ? 'loading' : 'ready'}
        >
          {catalogue.data?.period ? `数值为${catalogue.data.period.label}(${catalogue.data.period.from} 至 ${catalogue.data.period.to})的统计` : '正在统计…'}
          ;灰色的为零或没有数据,写有它的句子不写入。
        </Typography.Text>
        <Input.Search allowClear placeholder="搜索名称、占位名或数值" value={search} onChange={(e) => setSearch(e.target.value)} aria-label="搜索统计数据" />
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="fact-target">
          {target ? `点击数据,插入到“${target}”的光标处` : '先点一下要写的句式(标题、开头段或某一句),再点击数据插入'}
        </Typography.Text>
        {catalogue.isError ? <Alert type="error" showIcon title={errorMessage(catalogue.error)} /> : null}
        <div className="kg-fact-scroll">
          {!catalogue.data ? (
            <Spin style={{ display: 'block', margin: '24px auto' }} />
          ) : total === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`没有找到“${search.trim()}”`} />
          ) : (
            <Collapse
              size="small"
              activeKey={activeKeys}
              onChange={(keys) => {
                if (words.length) return;
                const open = new Set(Array.isArray(keys) ? keys : [keys]);
                setClosed(new Set(groups.map((g) => g.key).filter((k) => !open.has(k))));
              }}
              items={shown.map((g) => ({
                key: g.key,
                label: (
                  <span data-testid={`fact-group-${g.key}`}>
                    {g.label}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      ({g.items.length})
                    </Typography.Text>
                  </span>
                ),
                children: (
                  <div className="kg-fact-list">
                    {g.items.map((f) => (
                      <FactRow key={f.key} fact={f} onInsert={onInsert} />
                    ))}
                  </div>
                ),
              }))}
            />
          )}
        </div>
        {catalogue.data ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {words.length ? `找到${total}项(共${catalogue.data.items.length}项)` : `共${total}项`}
          </Typography.Text>
        ) : null}
      </Flex>
    </Card>
  );
});
