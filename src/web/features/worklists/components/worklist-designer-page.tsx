import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Flex, Form, Input, InputNumber, Result, Row, Select, Skeleton, Switch } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { type Worklist, worklistDefinitionSchema } from '../../../../shared/worklists.js';
import { PageHeader } from '../../../components/ui/page-header';
import { QueryError } from '../../../components/ui/query-error';
import { ApiError } from '../../../lib/api-client';
import { showApiError } from '../../../lib/form';
import { useCreateWorklist, useUpdateWorklist, useWorklist } from '../api/worklists';
import { FieldsEditor } from './designer-fields';
import { FiguresEditor } from './designer-figures';
import { type DesignerValues, type FieldRow, type SectionErrors, applyIssues, blankDesign, designOf, serverIssues, toDefinition } from './designer-form';
import { StatusesEditor } from './designer-statuses';
import { useVersionedSave } from '../../../lib/record-conflict';

/** 新建台账 (/worklists/new) and 设计台账 (/worklists/:id/design), for admins and leaders. */
export function WorklistDesignerPage() {
  const params = useParams();
  const id = Number(params.id);
  const editing = params.id !== undefined;
  const list = useWorklist(editing && Number.isInteger(id) && id > 0 ? id : 0);

  if (editing && !(Number.isInteger(id) && id > 0)) return <Result status="404" title="台账不存在" />;
  if (editing) {
    if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
    if (!list.data) return <Skeleton active />;
    return <WorklistDesigner list={list.data} />;
  }
  return <WorklistDesigner list={null} />;
}

/** Fields that read like a name can name an item (the first text field does when none is chosen). */
const TITLE_TYPES = new Set(['text', 'household', 'person', 'place', 'enterprise']);

function WorklistDesigner({ list }: { list: Worklist | null }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<DesignerValues>();
  const create = useCreateWorklist();
  const update = useUpdateWorklist();
  const [sectionErrors, setSectionErrors] = useState<SectionErrors>({});
  const [conflict, setConflict] = useState<string | null>(null);
  // Read once per list: the form owns the values afterwards, and a refetch must not reset what is being typed.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const initialValues = useMemo(() => (list ? designOf(list) : blankDesign()), [list?.id]);
  const rows = (v: unknown, pick: (row: Record<string, unknown>) => unknown) => ((v as Record<string, unknown>[] | undefined) ?? []).map(pick);
  const labels = (v: unknown) => rows(v, (r) => (r.hidden ? `${String(r.label)}(隐藏)` : r.label)).join('、');
  const guard = useVersionedSave<Worklist, DesignerValues>({
    record: list,
    open: true,
    toValues: designOf,
    fields: [
      { name: 'name', label: '台账名称' },
      { name: 'topic', label: '所属工作/活动' },
      { name: 'description', label: '说明' },
      { name: 'sortOrder', label: '排序' },
      { name: 'hasDeadline', label: '有期限' },
      { name: 'hasResponsible', label: '有责任人' },
      { name: 'titleFieldKey', label: '标题字段' },
      {
        name: 'fields',
        label: '字段',
        compare: (v) => rows(v, (r) => [r.key, r.label, r.type, r.required, r.unit, r.options, r.targetListId, r.hidden]),
        format: labels,
      },
      { name: 'statuses', label: '状态', compare: (v) => rows(v, (r) => [r.key, r.label, r.done]), format: labels },
      {
        name: 'figures',
        label: '可统计项',
        compare: (v) => rows(v, (r) => [r.key, r.label, r.kind, r.fieldKey, r.fieldKeys, r.filterFieldKey, r.filterValue]),
        format: labels,
      },
    ],
    resubmit: (_values, version) => onSave(version),
    reload: (values) => {
      form.setFieldsValue(values);
      setSectionErrors({});
      setConflict(null);
    },
  });
  const fields = (Form.useWatch('fields', { form, preserve: true }) as FieldRow[] | undefined) ?? [];
  const titleOptions = fields.filter((f) => !f.hidden && f.label?.trim() && TITLE_TYPES.has(f.type)).map((f) => ({ value: f.key, label: f.label }));

  const onSave = (version = guard.version) => {
    // Every value the form holds, rows' keys and saved flags included (not only the inputs).
    const values = form.getFieldsValue(true) as DesignerValues;
    const definition = toDefinition(values);
    setConflict(null);
    const parsed = worklistDefinitionSchema.safeParse(definition);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.filter((p): p is string | number => typeof p !== 'symbol'), message: i.message }));
      setSectionErrors(applyIssues(form, issues));
      void message.error(issues[0]?.message ?? '台账设置有误,请检查');
      return;
    }
    setSectionErrors({});
    const onError = (error: unknown) => {
      if (guard.catchStale(error, values)) return;
      if (error instanceof ApiError && error.code === 'CONFLICT') {
        // A change the entered data does not allow: the message names the items, shown in full on
        // top; the fields it concerns are marked (a removed status has no row left to mark).
        setConflict(error.message);
        applyIssues(
          form,
          serverIssues(values, error).map((i) => ({ ...i, message: '现有内容不允许这样修改,见页面上方说明' })),
        );
        window.scrollTo({ top: 0, behavior: 'smooth' });
        void message.error('台账定义未保存,请查看页面上方的说明');
        return;
      }
      if (error instanceof ApiError && error.fieldIssues.length > 0) {
        setSectionErrors(applyIssues(form, serverIssues(values, error)));
        void message.error(error.message);
        return;
      }
      showApiError(message, error);
    };
    if (list) {
      update.mutate(
        { id: list.id, version: version ?? list.version, definition },
        {
          onSuccess: (saved) => {
            guard.succeeded(saved);
            void message.success(`台账「${saved.name}」已保存`);
            navigate(`/worklists/${saved.id}`);
          },
          onError,
        },
      );
    } else {
      create.mutate(
        { definition, idempotencyKey: guard.keyFor(definition) },
        {
          onSuccess: (saved) => {
            guard.succeeded();
            void message.success(`台账「${saved.name}」已建立`);
            navigate(`/worklists/${saved.id}`);
          },
          onError,
        },
      );
    }
  };

  return (
    <>
      <PageHeader
        title={list ? '设计台账' : '新建台账'}
        description={
          list ? (
            <Link to={`/worklists/${list.id}`} style={{ fontSize: 13 }}>
              ← 返回「{list.name}」
            </Link>
          ) : (
            '设置台账的字段、状态和可统计项;已录入的内容在修改字段后仍会保留。'
          )
        }
      />
      {conflict ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title="台账定义未保存"
          description={conflict}
          closable
          onClose={() => setConflict(null)}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {sectionErrors.form?.length ? <Alert type="error" showIcon title={sectionErrors.form.join(';')} style={{ marginBottom: 16 }} /> : null}
      {guard.dialog}
      <Form<DesignerValues>
        form={form}
        name={list ? 'edit-worklist' : 'create-worklist'}
        layout="vertical"
        initialValues={initialValues}
        onFinish={() => onSave()}
        onValuesChange={() => setSectionErrors((errors) => (Object.keys(errors).length ? {} : errors))}
        onFinishFailed={() => void message.error('请检查标红的内容')}
        style={{ maxWidth: 1100 }}
      >
        <Flex vertical gap={16}>
          <Card title="基本信息">
            <Row gutter={24}>
              <Col xs={24} md={12}>
                <Form.Item
                  label="台账名称"
                  name="name"
                  rules={[
                    { required: true, whitespace: true, message: '请填写台账名称' },
                    { max: 40, message: '台账名称不能超过40个字' },
                  ]}
                >
                  <Input placeholder="如 整改台账、征收包干户" autoFocus={!list} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item label="所属工作/活动" name="topic" rules={[{ max: 60, message: '不能超过60个字' }]}>
                  <Input placeholder="如 党的群众路线教育实践活动" />
                </Form.Item>
              </Col>
              <Col xs={24}>
                <Form.Item label="说明" name="description" rules={[{ max: 1000, message: '说明不能超过1000个字' }]}>
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item label="有期限" name="hasDeadline" valuePropName="checked" extra="条目有完成期限,过期未完成即逾期">
                  <Switch aria-label="有期限" />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item label="有责任人" name="hasResponsible" valuePropName="checked" extra="每个条目指定一名责任人">
                  <Switch aria-label="有责任人" />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item label="标题字段" name="titleFieldKey" extra="列表和链接中用它称呼条目">
                  <Select allowClear options={titleOptions} placeholder="默认为第一个文本字段" />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item label="排序" name="sortOrder" extra="数字小的排在前面">
                  <InputNumber<number> min={0} max={9999} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
          </Card>
          <Card title="字段">
            <FieldsEditor form={form} listId={list?.id ?? null} errors={sectionErrors.fields} />
          </Card>
          <Card title="状态">
            <StatusesEditor errors={sectionErrors.statuses} />
          </Card>
          <Card title="可统计项">
            <FiguresEditor form={form} errors={sectionErrors.figures} />
          </Card>
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" loading={create.isPending || update.isPending}>
              保存台账
            </Button>
            <Link to={list ? `/worklists/${list.id}` : '/worklists'}>
              <Button>取消</Button>
            </Link>
          </Flex>
        </Flex>
      </Form>
    </>
  );
}
