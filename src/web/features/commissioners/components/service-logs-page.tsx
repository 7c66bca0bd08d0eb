import { useState } from 'react';
import { listServiceLogsQuerySchema } from '../../../../shared/commissioners.js';
import { useMe } from '../../../lib/auth';
import { defineFilters } from '../../../lib/filter-bar';
import { ExportButton } from '../../../lib/export-button';
import { ListPage } from '../../../lib/list-page';
import { useListQuery } from '../../../lib/list-query';
import { useCommissionerOptions } from '../api/commissioners';
import { useServiceLogs } from '../api/service-logs';
import { ServiceLogFormModal } from './service-log-form-modal';
import { ServiceLogTable } from './service-log-table';

const CONFIRMED_OPTIONS = [
  { value: 'no', label: '待审核' },
  { value: 'yes', label: '已审核' },
];

const FILTERS = defineFilters(listServiceLogsQuerySchema, [
  { kind: 'town', key: 'townId', placeholder: '全部乡镇', ariaLabel: '乡镇筛选', width: 130 },
  { kind: 'dictionary', key: 'kind', dictionary: 'service_kind', placeholder: '全部类型', ariaLabel: '类型筛选', width: 170 },
  { kind: 'enum', key: 'confirmed', options: CONFIRMED_OPTIONS, placeholder: '全部审核状态', ariaLabel: '审核状态筛选', width: 140 },
  { kind: 'dateRange', from: 'from', to: 'to', ariaLabel: '日期范围' },
]);

/** 服务日志: every commissioner's service, to review and confirm (审核). */
export function ServiceLogsPage() {
  const me = useMe();
  const list = useListQuery(listServiceLogsQuerySchema);
  const logs = useServiceLogs(list.query);
  const commissionerOptions = (useCommissionerOptions().data ?? []).map((c) => ({ value: c.id, label: c.name }));
  const [creating, setCreating] = useState(false);
  const canCreate = logs.data?.policies.create ?? false;

  return (
    <>
      <ListPage
        title="服务日志"
        description={
          me.policies.confirmServiceLogs
            ? '科技特派员的服务记录。审核后日志锁定,只有局领导可以修改。'
            : '科技特派员的服务记录,特派员本人在手机上填写,也可由科技局代为登记。已审核的日志只有局领导可以修改。'
        }
        create={{ label: '登记服务日志', onClick: () => setCreating(true) }}
        result={logs}
        list={list}
        actions={<ExportButton path="/service-logs" query={list.query} />}
        filters={[
          { kind: 'enum', key: 'commissionerId', options: commissionerOptions, search: true, placeholder: '全部特派员', ariaLabel: '特派员筛选', width: 140 },
          ...FILTERS,
        ]}
      >
        <ServiceLogTable
          list={list}
          result={logs}
          showCommissioner
          emptyText={{ filtered: '没有符合条件的服务日志', empty: '暂无服务日志' }}
          totalText={(total) => `共 ${total} 条`}
        />
      </ListPage>
      {canCreate ? <ServiceLogFormModal open={creating} log={null} onClose={() => setCreating(false)} /> : null}
    </>
  );
}
