import { Button, Form, Input } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Section } from '../../../../shared/orgs.js';
import { PageHeader } from '../../../components/ui/page-header';
import { useSections } from '../../../lib/reference-data';
import { type ReferenceKind, ReferenceFormModal, ReferenceTable, nextSortOrder, requiredTextRules, useReferenceEditor } from '../../../lib/reference-table';
import { type SectionInput, useCreateSection, useDeleteSection, useUpdateSection } from '../api/section-mutations';

const SECTIONS: ReferenceKind<Section, SectionInput, SectionInput> = {
  noun: '股室',
  editText: '重命名',
  columns: [{ title: '股室名称', dataIndex: 'name', key: 'name' }],
  nameOf: (s) => s.name,
  rowTestId: (s) => `section-row-${s.name}`,
  deleteNote: '股室下仍有用户时不能删除。',
  form: 'section',
  fields: [{ name: 'name', label: '股室名称' }],
  toValues: (s) => ({ name: s.name, sortOrder: s.sortOrder }),
  toInput: (v) => ({ name: v.name.trim(), sortOrder: v.sortOrder ?? 0 }),
};

/** 股室: the bureau's internal sections, which users and ledger records belong to. */
export function SectionsPage() {
  const sections = useSections();
  const create = useCreateSection();
  const update = useUpdateSection();
  const remove = useDeleteSection();
  const editor = useReferenceEditor<Section>();

  return (
    <>
      <PageHeader
        title="股室"
        description="局内股室(如办公室、业务股),用于划分用户和台账的归属。排序数字小的在前。"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => editor.create({})}>
            新增股室
          </Button>
        }
      />
      <ReferenceTable kind={SECTIONS} result={sections} editor={editor} remove={remove} emptyText="尚未设置股室" actionsWidth={160} />
      <ReferenceFormModal kind={SECTIONS} editor={editor} create={create} update={update} createValues={{ sortOrder: nextSortOrder(sections.data ?? []) }}>
        <Form.Item label="股室名称" name="name" rules={requiredTextRules('股室名称', 30)}>
          <Input autoFocus />
        </Form.Item>
      </ReferenceFormModal>
    </>
  );
}
