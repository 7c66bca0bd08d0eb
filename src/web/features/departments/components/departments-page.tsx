import { useRef } from 'react';
import { App, Button, Form, Input, Popconfirm, Space } from 'antd';
import { AppstoreAddOutlined, PlusOutlined } from '@ant-design/icons';
import type { Department } from '../../../../shared/reference.js';
import { PageHeader } from '../../../components/ui/page-header';
import { emptyToNull, showApiError } from '../../../lib/form';
import { useDepartments } from '../../../lib/reference-data';
import { useMe } from '../../../lib/auth';
import { type DepartmentInput, useAddDefaultDepartments, useCreateDepartment, useDeleteDepartment, useUpdateDepartment } from '../api/department-mutations';
import { type ReferenceKind, ReferenceFormModal, ReferenceTable, nextSortOrder, requiredTextRules, useReferenceEditor } from '../../../lib/reference-table';
import { SubmissionKeys } from '../../../lib/versions';

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

interface DepartmentForm {
  name: string;
  shortName?: string | null;
  sortOrder: number;
  active: boolean;
}

const DEPARTMENTS: ReferenceKind<Department, DepartmentForm, DepartmentInput> = {
  noun: '部门',
  columns: [
    { title: '部门名称', dataIndex: 'name', key: 'name' },
    { title: '简称', dataIndex: 'shortName', key: 'shortName', render: (v: string | null) => v ?? '—' },
  ],
  nameOf: (d) => d.name,
  rowTestId: (d) => `department-row-${d.name}`,
  deleteNote: '已被活动等记录引用的部门不能删除,可改为停用。',
  form: 'department',
  fields: [
    { name: 'name', label: '部门名称' },
    { name: 'shortName', label: '简称' },
  ],
  toValues: (d) => ({ name: d.name, shortName: d.shortName ?? '', sortOrder: d.sortOrder, active: d.active }),
  toInput: (v) => ({ name: v.name.trim(), shortName: emptyToNull(v.shortName?.trim()), sortOrder: v.sortOrder ?? 0, active: v.active }),
  active: true,
};

/** 县直部门: the county departments (林业局, 农业局, 气象局 …) that take part in events. */
export function DepartmentsPage() {
  const me = useMe();
  const departments = useDepartments();
  const create = useCreateDepartment();
  const update = useUpdateDepartment();
  const remove = useDeleteDepartment();
  const editor = useReferenceEditor<Department>();
  const emptyText = me.policies.manageReference ? '尚未录入县直部门，可点击右上角“添加常用部门”' : '尚未录入县直部门';

  return (
    <>
      <PageHeader
        title="县直部门"
        description="参与科技活动的县直部门。停用的部门不再出现在新记录的选择列表中,历史记录不受影响。"
        extra={
          <Space>
            {me.policies.manageReference ? <AddDefaultsButton /> : null}
            <Button type="primary" icon={<PlusOutlined />} onClick={() => editor.create({})}>
              新增部门
            </Button>
          </Space>
        }
      />
      <ReferenceTable kind={DEPARTMENTS} result={departments} editor={editor} remove={remove} update={update} emptyText={emptyText} />
      <ReferenceFormModal
        kind={DEPARTMENTS}
        editor={editor}
        create={create}
        update={update}
        createValues={{ sortOrder: nextSortOrder(departments.data ?? []), active: true }}
      >
        <Form.Item label="部门名称" name="name" rules={requiredTextRules('部门名称', 50)}>
          <Input autoFocus placeholder="如：某某县林业局" />
        </Form.Item>
        <Form.Item label="简称" name="shortName" rules={[{ max: 20, message: '简称不能超过20个字' }]}>
          <Input placeholder="如：林业（总结中写作“林业、农业等部门”）" />
        </Form.Item>
      </ReferenceFormModal>
    </>
  );
}
