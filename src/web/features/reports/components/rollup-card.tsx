import { type CSSProperties, Suspense, lazy, useState } from 'react';
import { Card, Drawer, Empty, Flex, List, Segmented, Select, Skeleton, Table, Typography } from 'antd';
import { BarChartOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { type RollupRow, rollupColumnHeader, rollupFigureText } from '../../../../shared/reports.js';
import { QueryError } from '../../../components/ui/query-error';
import { useMe } from '../../../lib/auth';
import { useTrace } from '../api/reports';
import { useRollup } from '../api/rollup';
import { recordTypeLabel } from './doc-model';
import { periodDates, periodName } from './period';

const RollupChart = lazy(() => import('./rollup-chart'));

type Half = 'current' | 'previous';

/** The half-year under way today, or the one before it. */
export function halfYear(which: Half, today = new Date()): { from: string; to: string; name: string } {
  const year = today.getFullYear();
  const firstHalf = today.getMonth() < 6;
  const [choice, y] = which === 'current' ? ([firstHalf ? 'h1' : 'h2', year] as const) : ([firstHalf ? 'h2' : 'h1', firstHalf ? year - 1 : year] as const);
  return { ...periodDates(choice, y), name: periodName(choice, y) };
}

interface Traced {
  title: string;
  recordType: string;
  ids: number[];
}

/**
 * 下属单位主要数据 on the home page of a leader or an admin of a city (or a province): the half-year's
 * main figures of each organisation below, its own (市本级) and 合计, counted as the summary counts them
 * (合计 is what the city's summary states); each figure opens the records it counted, and a bar chart
 * compares the organisations on one figure. Nothing is shown to anyone else, nor for an organisation
 * with none below.
 */
export function RollupCard({ style }: { style?: CSSProperties }) {
  const me = useMe();
  // The server says whether there is a roll-up for this user (a leader or admin of an organisation with some below it).
  const eligible = me.policies.readRollup;
  const [half, setHalf] = useState<Half>('current');
  const [figure, setFigure] = useState('projects.approved');
  const [traced, setTraced] = useState<Traced | null>(null);
  const period = halfYear(half);
  const rollup = useRollup(period, eligible);
  if (!eligible || (rollup.data && !rollup.data.rows.length)) return null;

  const data = rollup.data;
  const columns = data?.columns ?? [];
  const rows: RollupRow[] = data ? [...data.rows, ...(data.total ? [data.total] : [])] : [];
  const chosen = Math.max(
    0,
    columns.findIndex((c) => c.key === figure),
  );

  return (
    <Card
      style={style}
      data-testid="rollup-card"
      title={
        <>
          <BarChartOutlined style={{ marginInlineEnd: 8 }} />
          下属单位主要数据
        </>
      }
      extra={
        <Segmented<Half>
          size="small"
          value={half}
          onChange={setHalf}
          options={[
            { value: 'current', label: halfYear('current').name },
            { value: 'previous', label: halfYear('previous').name },
          ]}
        />
      }
    >
      {rollup.isError ? (
        <QueryError error={rollup.error} onRetry={() => void rollup.refetch()} />
      ) : !data ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={16}>
          <Typography.Text type="secondary">
            {data.period.label}
            {data.subordinates}及本级的主要数据，按工作总结的统计口径；合计即本单位工作总结所述的汇总数。点数字可查看所统计的记录。
          </Typography.Text>
          <Table<RollupRow>
            size="small"
            bordered
            pagination={false}
            scroll={{ x: 'max-content' }}
            rowKey={(r) => `${r.kind}-${r.orgId}`}
            dataSource={rows}
            data-testid="rollup-table"
            columns={[
              {
                key: 'name',
                title: '单位',
                fixed: 'left',
                render: (_, r) => (r.kind === 'total' ? <strong>{r.name}</strong> : r.name),
              },
              ...columns.map((c, i) => ({
                key: c.key,
                title: rollupColumnHeader(c),
                align: 'right' as const,
                onHeaderCell: () => ({ style: { textAlign: 'center' as const, whiteSpace: 'nowrap' as const } }),
                render: (_: unknown, r: RollupRow) => {
                  const cell = r.cells[i];
                  const text = rollupFigureText(cell.value);
                  const shown = r.kind === 'total' ? <strong>{text}</strong> : text;
                  if (!cell.ids.length) return shown;
                  return (
                    <Typography.Link
                      data-testid="rollup-figure"
                      onClick={() => setTraced({ title: `${r.name} · ${rollupColumnHeader(c)} ${text}`, recordType: c.recordType, ids: cell.ids })}
                    >
                      {shown}
                    </Typography.Link>
                  );
                },
              })),
            ]}
          />
          <Flex align="center" gap={8} wrap>
            <span>柱状图：</span>
            <Select
              size="small"
              style={{ minWidth: 180 }}
              value={columns[chosen]?.key}
              onChange={setFigure}
              options={columns.map((c) => ({ value: c.key, label: rollupColumnHeader(c) }))}
              aria-label="柱状图显示的数据"
            />
          </Flex>
          {columns.length ? (
            <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 280 }} />}>
              <RollupChart
                names={data.rows.map((r) => r.name)}
                values={data.rows.map((r) => r.cells[chosen].value)}
                label={rollupColumnHeader(columns[chosen])}
              />
            </Suspense>
          ) : null}
        </Flex>
      )}
      <TraceDrawer traced={traced} onClose={() => setTraced(null)} />
    </Card>
  );
}

/** The records a figure of the table counted, each linking to its page. */
function TraceDrawer({ traced, onClose }: { traced: Traced | null; onClose: () => void }) {
  const trace = useTrace(traced?.recordType, traced?.ids);
  return (
    <Drawer title="数据来源" open={!!traced} onClose={onClose} size={440} destroyOnHidden>
      {traced ? (
        <Flex vertical gap={12} data-testid="rollup-trace">
          <Typography.Text strong>{traced.title}</Typography.Text>
          <Typography.Text type="secondary">
            {recordTypeLabel(traced.recordType)} {traced.ids.length} 条
          </Typography.Text>
          {trace.isError ? <QueryError error={trace.error} onRetry={() => void trace.refetch()} /> : null}
          {trace.isPending ? (
            <Skeleton active paragraph={{ rows: 3 }} />
          ) : (
            <List
              size="small"
              bordered
              dataSource={trace.data ?? []}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="记录已删除或无权查看" /> }}
              renderItem={(r) => (
                <List.Item>
                  <Link to={r.link}>{r.label}</Link>
                </List.Item>
              )}
            />
          )}
        </Flex>
      ) : null}
    </Drawer>
  );
}
