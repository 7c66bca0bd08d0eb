import { useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Popconfirm, Space, Table, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Section } from '../../../../shared/orgs.js';
import { FormModal } from '../../../components/ui/form-modal';
import { PageHeader } from '../../../components/ui/page-header';
import { QueryError } from '../../../components/ui/query-error';
import { rowTestId } from '../../../components/ui/test-id';
import { showApiError } from '../../../lib/form';
import { useSections } from '../../../lib/reference-data';
import { type SectionInput, useCreateSection, useDeleteSection, useUpdateSection } from '../api/section-mutations';
import { useVersionedSave } from '../../../lib/record-conflict';

type Editing = { mode: 'create' } | { mode: 'edit'; section: Section } | null;

/** 股室: the bureau's internal sections, which users and ledger records belong to. */
export function SectionsPage() {
  const { message } = App.useApp();
  const sections = useSections();
  const remove = useDeleteSection();
  const [editing, setEditing] = useState<Editing>(null);

  const columns: TableColumnsType<Section> = [
    { title: '股室名称', dataIndex: 'name', key: 'name' },
    { title: '排序', dataIndex: 'sortOrder', key: 'sortOrder', width: 100 },
    {
      title: '操作',
      key: 'actions',
      width: 160,
      render: (_, section) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing({ mode: 'edit', section })}>
            重命名
          </Button>
          <Popconfirm
            title={`删除股室「${section.name}」?`}
            description="股室下仍有用户时不能删除。"
            okText="删除"
            okButtonProps={{ danger: true }}
            onConfirm={() =>
              remove.mutateAsync(section.id).then(
                () => void message.success('股室已删除'),
                (error: unknown) => showApiError(message, error),
              )
            }
          >
            <Button type="link" size="small" danger>
              删除
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  const sorted = [...(sections.data ?? [])].sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);

  return (
    <>
      <PageHeader
        title="股室"
        description="局内股室(如办公室、业务股),用于划分用户和台账的归属。排序数字小的在前。"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })}>
            新增股室
          </Button>
        }
      />
      {sections.isError ? <QueryError error={sections.error} onRetry={() => void sections.refetch()} /> : null}
      <Card>
        <Table<Section>
          rowKey="id"
          columns={columns}
          dataSource={sorted}
          loading={sections.isPending && !sections.isError}
          pagination={false}
          locale={{ emptyText: '尚未设置股室' }}
          onRow={(s) => rowTestId(`section-row-${s.name}`)}
        />
      </Card>
      <SectionModal editing={editing} onClose={() => setEditing(null)} nextSortOrder={nextSortOrder(sorted)} />
    </>
  );
}

function nextSortOrder(sections: Section[]): number {
  return sections.reduce((max, s) => Math.max(max, s.sortOrder), 0) + 10;
}

function SectionModal({ editing, onClose, nextSortOrder }: { editing: Editing; onClose: () => void; nextSortOrder: number }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<SectionInput>();
  const create = useCreateSection();
  const update = useUpdateSection();
  const editingSection = editing?.mode === 'edit' ? editing.section : null;
  const guard = useVersionedSave<Section, SectionInput>({
    record: editingSection,
    open: editing !== null,
    toValues: (sec) => ({ name: sec.name, sortOrder: sec.sortOrder }),
    fields: [
      { name: 'name', label: '股室名称' },
      { name: 'sortOrder', label: '排序' },
    ],
    resubmit: (values, version) => submit(values, version),
    reload: (values) => form.setFieldsValue(values),
  });
  const isEdit = editing?.mode === 'edit';

  const submit = (values: SectionInput, version = guard.version) => {
    const input = { name: values.name.trim(), sortOrder: values.sortOrder ?? 0 };
    const done = {
      onSuccess: (saved: Section) => {
        guard.succeeded(saved);
        void message.success(isEdit ? '股室已保存' : '股室已新增');
        onClose();
      },
      onError: (error: unknown) => guard.catchStale(error, values) || showApiError(message, error, form),
    };
    if (editing?.mode === 'edit') update.mutate({ id: editing.section.id, version: version ?? editing.section.version, ...input }, done);
    else create.mutate({ ...input, idempotencyKey: guard.keyFor(input) }, done);
  };
  const onFinish = (values: SectionInput) => submit(values);

  return (
    <FormModal<SectionInput>
      open={editing !== null}
      title={isEdit ? '重命名股室' : '新增股室'}
      name="section"
      form={form}
      onFinish={onFinish}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      initialValues={editing?.mode === 'edit' ? { name: editing.section.name, sortOrder: editing.section.sortOrder } : { sortOrder: nextSortOrder }}
    >
      {guard.dialog}
      <Form.Item
        label="股室名称"
        name="name"
        rules={[
          { required: true, whitespace: true, message: '请填写股室名称' },
          { max: 30, message: '股室名称不能超过30个字' },
        ]}
      >
        <Input autoFocus />
      </Form.Item>
      <Form.Item label="排序" name="sortOrder" rules={[{ required: true, message: '请填写排序' }]}>
        <InputNumber min={0} max={9999} precision={0} style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}
