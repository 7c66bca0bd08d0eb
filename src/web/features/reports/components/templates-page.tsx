import { App, Button, Card, Popconfirm, Result, Skeleton, Space, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import type { TemplateDefinition } from '../../../../shared/reports.js';
import { PageHeader } from '../../../components/ui/page-header';
import { QueryError } from '../../../components/ui/query-error';
import { rowTestId } from '../../../components/ui/test-id';
import { showApiError } from '../../../lib/form';
import { formatDateTime } from '../../../utils/format';
import { type ReportTemplate, useDeleteTemplate, useTemplates } from '../api/templates';
import { TemplateEditor } from './template-editor';

/** A copy of a template to start a new one from. */
function copyOf(def: TemplateDefinition, names: string[]): TemplateDefinition {
  let name = `${def.name.replace(/(默认)$/, '')}(副本)`.slice(0, 40);
  for (let n = 2; names.includes(name); n++) name = `${def.name.replace(/(默认)$/, '')}(副本${n})`.slice(0, 40);
  return { ...structuredClone(def), name };
}

/** 总结模板: the bureau's templates, and the editor for one (?edit=<id>, or ?edit=new&from=<id>). */
export function TemplatesPage() {
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const templates = useTemplates();
  const remove = useDeleteTemplate();
  const edit = params.get('edit');
  const from = Number(params.get('from'));
  const items = templates.data ?? [];
  const defaultTemplate = items.find((t) => t.isDefault);
  const back = () => setParams({}, { replace: false });

  const header = (title: string) => (
    <PageHeader
      title={title}
      description={
        <Link to="/reports" style={{ fontSize: 13 }}>
          ← 返回工作总结
        </Link>
      }
    />
  );

  if (templates.isError) return <QueryError error={templates.error} onRetry={() => void templates.refetch()} />;

  if (edit) {
    if (!templates.data) return <Skeleton active />;
    if (edit === 'new') {
      const source = items.find((t) => t.id === from) ?? defaultTemplate ?? items[0];
      if (!source) return <Skeleton active />;
      return (
        <>
          {header('新建模板')}
          <TemplateEditor
            key={`new-${source.id}`}
            templateId={null}
            initial={copyOf(
              source.definition,
              items.map((t) => t.name),
            )}
            onDone={back}
          />
        </>
      );
    }
    const template = items.find((t) => String(t.id) === edit);
    if (!template) return <Result status="404" title="模板不存在" extra={<Button onClick={back}>返回模板列表</Button>} />;
    return (
      <>
        {header(`编辑模板:${template.name}`)}
        <TemplateEditor key={template.id} templateId={template.id} version={template.version} initial={template.definition} onDone={back} />
      </>
    );
  }

  const onDelete = (t: ReportTemplate) =>
    remove.mutate(t.id, {
      onSuccess: () => void message.success(`模板“${t.name}”已删除`),
      onError: (error) => showApiError(message, error),
    });

  const columns: TableColumnsType<ReportTemplate> = [
    {
      title: '名称',
      dataIndex: 'name',
      key: 'name',
      render: (name: string, t) => (
        <Space size={6}>
          <Link to={{ search: `?edit=${t.id}` }}>{name}</Link>
          {t.isDefault ? <Tag color="blue">默认</Tag> : null}
        </Space>
      ),
    },
    {
      title: '段落',
      key: 'sections',
      render: (_, t) => t.definition.sections.map((s) => s.heading).join(' / '),
    },
    { title: '工作计划段', key: 'plan', width: 110, render: (_, t) => (t.definition.plan ? t.definition.plan.listKey : '—') },
    { title: '更新时间', dataIndex: 'updatedAt', key: 'updatedAt', width: 150, render: (v: string) => formatDateTime(v) },
    {
      title: '操作',
      key: 'actions',
      width: 170,
      render: (_, t) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setParams({ edit: String(t.id) })}>
            编辑
          </Button>
          <Button type="link" size="small" onClick={() => setParams({ edit: 'new', from: String(t.id) })}>
            复制
          </Button>
          {t.isDefault ? null : (
            <Popconfirm
              title={`删除模板“${t.name}”?`}
              description="已起草的总结不受影响。"
              okText="删除"
              okButtonProps={{ danger: true }}
              onConfirm={() => onDelete(t)}
            >
              <Button type="link" size="small" danger>
                删除
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="总结模板"
        description={
          <>
            模板规定总结的段落和句式,句式中的 {'{占位}'} 在起草时换成台账统计的数字。
            <Link to="/reports" style={{ marginInlineStart: 8 }}>
              ← 返回工作总结
            </Link>
          </>
        }
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setParams({ edit: 'new' })} disabled={!defaultTemplate && !items.length}>
            新建模板
          </Button>
        }
      />
      <Card>
        <Table<ReportTemplate>
          rowKey="id"
          columns={columns}
          dataSource={items}
          loading={templates.isPending}
          pagination={false}
          onRow={(t) => rowTestId(`template-row-${t.id}`)}
        />
      </Card>
    </>
  );
}
