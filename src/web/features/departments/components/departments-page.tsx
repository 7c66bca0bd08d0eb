import { useRef, useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Popconfirm, Space, Switch, Table, type TableColumnsType } from 'antd';
import { AppstoreAddOutlined, PlusOutlined } from '@ant-design/icons';
import type { Department } from '../../../../shared/reference.js';
import { FormModal } from '../../../components/ui/form-modal';
import { PageHeader } from '../../../components/ui/page-header';
import { QueryError } from '../../../components/ui/query-error';
import { rowTestId } from '../../../components/ui/test-id';
import { emptyToNull, showApiError } from '../../../lib/form';
import { useDepartments } from '../../../lib/reference-data';
import { useMe } from '../../../lib/auth';
import { type DepartmentInput, useAddDefaultDepartments, useCreateDepartment, useDeleteDepartment, useUpdateDepartment } from '../api/department-mutations';
import { useVersionedSave } from '../../../lib/record-conflict';
import { SubmissionKeys } from '../../../lib/versions';

type Editing = { mode: 'create' } | { mode: 'edit'; department: Department } | null;

const toInput = (d: Department): DepartmentInput => ({
  name: d.name,
  shortName: d.shortName,
  sortOrder: d.sortOrder,
  active: d.active,
});

/**
 * 添加常用部门 (admins): adds the generic departments (农业农村局, 卫生健康委员会, 科学技术协会 …) the
 * bureau has not got by name, and says how many were added; the admin renames them afterwards.
 */
function AddDefaultsButton() {
  const { message } = App.useApp();
  const add = useAddDefaultDepartments();
  const keys = useRef(new SubmissionKeys()).current;
  return (
    <Popconfirm
      title="添加常用部门？"
      description="添加农业农村局、林业局、卫生健康委员会、科学技术协会等常与科技局一起开展活动的部门；已有同名部门的不重复添加，添加后可修改名称和简称。"
      okText="添加"
      onConfirm={() =>
        add.mutateAsync({ idempotencyKey: keys.keyFor('defaults') }).then(
          ({ added }) => {
            keys.succeeded();
            void message.success(added ? `已添加${added}个常用部门` : '常用部门都已存在，没有添加');
          },
          (error: unknown) => showApiError(message, error),
        )
      }
    >
      <Button icon={<AppstoreAddOutlined />} loading={add.isPending}>
        添加常用部门
      </Button>
    </Popconfirm>
  );
}

/** 县直部门: the county departments (林业局, 农业局, 气象局 …) that take part in events. */
export function DepartmentsPage() {
  const { message } = App.useApp();
  const me = useMe();
  const departments = useDepartments();
  const update = useUpdateDepartment();
  const remove = useDeleteDepartment();
  const [editing, setEditing] = useState<Editing>(null);
  const [toggling, setToggling] = useState<number | null>(null);

  const setActive = (department: Department, active: boolean) => {
    setToggling(department.id);
    update.mutate(
      { id: department.id, version: department.version, ...toInput(department), active },
      {
        onSuccess: () => void message.success(active ? `已启用「${department.name}」` : `已停用「${department.name}」`),
        onError: (error) => showApiError(message, error),
        onSettled: () => setToggling(null),
      },
    );
  };

  const columns: TableColumnsType<Department> = [
    { title: '部门名称', dataIndex: 'name', key: 'name' },
    { title: '简称', dataIndex: 'shortName', key: 'shortName', render: (v: string | null) => v ?? '—' },
    { title: '排序', dataIndex: 'sortOrder', key: 'sortOrder', width: 90 },
    {
      title: '启用',
      dataIndex: 'active',
      key: 'active',
      width: 100,
      render: (active: boolean, department) => (
        <Switch
          checked={active}
          loading={toggling === department.id}
          onChange={(checked) => setActive(department, checked)}
          aria-label={`启用${department.name}`}
        />
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 140,
      render: (_, department) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing({ mode: 'edit', department })}>
            编辑
          </Button>
          <Popconfirm
            title={`删除「${department.name}」?`}
            description="已被活动等记录引用的部门不能删除,可改为停用。"
            okText="删除"
            okButtonProps={{ danger: true }}
            onConfirm={() =>
              remove.mutateAsync(department.id).then(
                () => void message.success('部门已删除'),
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

  const sorted = [...(departments.data ?? [])].sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);

  return (
    <>
      <PageHeader
        title="县直部门"
        description="参与科技活动的县直部门。停用的部门不再出现在新记录的选择列表中,历史记录不受影响。"
        extra={
          <Space>
            {me.role === 'admin' ? <AddDefaultsButton /> : null}
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })}>
              新增部门
            </Button>
          </Space>
        }
      />
      {departments.isError ? <QueryError error={departments.error} onRetry={() => void departments.refetch()} /> : null}
      <Card>
        <Table<Department>
          rowKey="id"
          columns={columns}
          dataSource={sorted}
          loading={departments.isPending && !departments.isError}
          pagination={false}
          locale={{ emptyText: me.role === 'admin' ? '尚未录入县直部门，可点击右上角“添加常用部门”' : '尚未录入县直部门' }}
          onRow={(d) => rowTestId(`department-row-${d.name}`)}
        />
      </Card>
      <DepartmentModal editing={editing} onClose={() => setEditing(null)} nextSortOrder={sorted.reduce((m, d) => Math.max(m, d.sortOrder), 0) + 10} />
    </>
  );
}

interface DepartmentForm {
  name: string;
  shortName?: string | null;
  sortOrder: number;
  active: boolean;
}

function DepartmentModal({ editing, onClose, nextSortOrder }: { editing: Editing; onClose: () => void; nextSortOrder: number }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<DepartmentForm>();
  const create = useCreateDepartment();
  const update = useUpdateDepartment();
  const editingDepartment = editing?.mode === 'edit' ? editing.department : null;
  const guard = useVersionedSave<Department, DepartmentForm>({
    record: editingDepartment,
    open: editing !== null,
    toValues: (d) => ({ ...toInput(d), shortName: d.shortName ?? '' }),
    fields: [
      { name: 'name', label: '部门名称' },
      { name: 'shortName', label: '简称' },
      { name: 'sortOrder', label: '排序' },
      { name: 'active', label: '启用' },
    ],
    resubmit: (values, version) => submit(values, version),
    reload: (values) => form.setFieldsValue(values),
  });

  const submit = (values: DepartmentForm, version = guard.version) => {
    const input: DepartmentInput = {
      name: values.name.trim(),
      shortName: emptyToNull(values.shortName?.trim()),
      sortOrder: values.sortOrder ?? 0,
      active: values.active,
    };
    const done = {
      onSuccess: (saved: Department) => {
        guard.succeeded(saved);
        void message.success(editing?.mode === 'edit' ? '部门已保存' : '部门已新增');
        onClose();
      },
      onError: (error: unknown) => guard.catchStale(error, values) || showApiError(message, error, form),
    };
    if (editing?.mode === 'edit') update.mutate({ id: editing.department.id, version: version ?? editing.department.version, ...input }, done);
    else create.mutate({ ...input, idempotencyKey: guard.keyFor(input) }, done);
  };
  const onFinish = (values: DepartmentForm) => submit(values);

  return (
    <FormModal<DepartmentForm>
      open={editing !== null}
      title={editing?.mode === 'edit' ? '编辑县直部门' : '新增县直部门'}
      name="department"
      form={form}
      onFinish={onFinish}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      initialValues={
        editing?.mode === 'edit'
          ? { ...toInput(editing.department), shortName: editing.department.shortName ?? '' }
          : { sortOrder: nextSortOrder, active: true }
      }
    >
      {guard.dialog}
      <Form.Item
        label="部门名称"
        name="name"
        rules={[
          { required: true, whitespace: true, message: '请填写部门名称' },
          { max: 50, message: '部门名称不能超过50个字' },
        ]}
      >
        <Input autoFocus placeholder="如：某某县林业局" />
      </Form.Item>
      <Form.Item label="简称" name="shortName" rules={[{ max: 20, message: '简称不能超过20个字' }]}>
        <Input placeholder="如：林业（总结中写作“林业、农业等部门”）" />
      </Form.Item>
      <Form.Item label="排序" name="sortOrder" rules={[{ required: true, message: '请填写排序' }]}>
        <InputNumber min={0} max={9999} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item label="启用" name="active" valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormModal>
  );
}
