import { useState } from 'react';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { SECTORS, SECTOR_LABELS, listEnterprisesQuerySchema, type Enterprise, type Sector } from '../../../../shared/projects.js';
import { defineFilters, labelledOptions } from '../../../lib/filter-bar';
import { ExportButton } from '../../../lib/export-button';
import { ListPage } from '../../../lib/list-page';
import { useListQuery } from '../../../lib/list-query';
import { useDeleteEnterprise, useEnterprises } from '../api/enterprises';
import { EnterpriseFormModal } from './enterprise-form-modal';

const FILTERS = defineFilters(listEnterprisesQuerySchema, [
  { kind: 'text', key: 'q', placeholder: '名称、信用代码或联系人', ariaLabel: '搜索企业', width: 260 },
  { kind: 'dictionary', key: 'kind', dictionary: 'enterprise_kind', placeholder: '全部类型', ariaLabel: '类型筛选' },
  { kind: 'enum', key: 'industry', options: labelledOptions(SECTORS, SECTOR_LABELS), placeholder: '全部行业', ariaLabel: '行业筛选', width: 120 },
  { kind: 'town', key: 'townId', placeholder: '全部乡镇', ariaLabel: '乡镇筛选' },
]);

const COLUMNS: TableColumnsType<Enterprise> = [
  {
    title: '名称',
    dataIndex: 'name',
    key: 'name',
    sorter: true,
    render: (name: string, e) => <Link to={`/enterprises/${e.id}`}>{name}</Link>,
  },
  {
    title: '统一社会信用代码',
    dataIndex: 'creditCode',
    key: 'creditCode',
    width: 190,
    render: (v: string | null) => (v ? <span style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}>{v}</span> : '—'),
  },
  { title: '类型', dataIndex: 'kind', key: 'kind', width: 130, sorter: true },
  { title: '行业', dataIndex: 'industry', key: 'industry', width: 90, sorter: true, render: (v: Sector) => SECTOR_LABELS[v] },
  { title: '乡镇', dataIndex: 'townName', key: 'townName', width: 110, sorter: true, render: (v: string | null) => v ?? '—' },
  {
    title: '联系人',
    key: 'contact',
    render: (_, e) => (e.contactPerson || e.contactPhone ? [e.contactPerson, e.contactPhone].filter(Boolean).join(' ') : '—'),
  },
  { title: '项目数', dataIndex: 'projectCount', key: 'projectCount', width: 90, align: 'right', sorter: true },
  { title: '调研次数', dataIndex: 'visitCount', key: 'visitCount', width: 90, align: 'right' },
];

/** 企业与基地: the registry of enterprises, demonstration bases and cooperatives the bureau works with. */
export function EnterprisesPage() {
  const list = useListQuery(listEnterprisesQuerySchema);
  const enterprises = useEnterprises(list.query);
  const remove = useDeleteEnterprise();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Enterprise | null>(null);

  return (
    <>
      <ListPage<Enterprise, typeof list.query>
        title="企业与基地"
        description="项目申报单位和调研对象:企业、农业示范基地、合作社。"
        create={{ label: '登记企业/基地', onClick: () => setCreating(true) }}
        list={list}
        filters={FILTERS}
        actions={<ExportButton path="/enterprises" query={list.query} />}
        result={enterprises}
        columns={COLUMNS}
        rowActions={{
          onEdit: setEditing,
          // 409 when projects or visits still refer to it: the server says which.
          remove: { ...remove, title: (e) => `删除「${e.name}」?`, description: '有关联项目或调研记录的不能删除。', success: (e) => `已删除「${e.name}」` },
        }}
        rowTestId={(e) => `enterprise-row-${e.id}`}
        scrollX={1100}
        emptyText={{ filtered: '没有符合条件的企业或基地', empty: '暂无企业或基地' }}
        totalText={(total) => `共 ${total} 家`}
      />
      <EnterpriseFormModal
        open={creating || editing !== null}
        enterprise={editing}
        onClose={() => {
          setCreating(false);
          setEditing(null);
        }}
      />
    </>
  );
}
