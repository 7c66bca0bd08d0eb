import { Alert, Descriptions, Drawer, Empty, Flex, List, Skeleton, Switch, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { CatalogueIndex } from '../../../../shared/fact-catalogue.js';
import type { FigureRef } from '../../../../shared/reports.js';
import { QueryError } from '../../../components/ui/query-error';
import { type StaleFigure, useTrace } from '../api/reports';
import { factLabel, recordTypeLabel } from './doc-model';

interface FigureSourceDrawerProps {
  figure: FigureRef | null;
  stale?: StaleFigure;
  /** The rounded text to switch back to, when known (a figure like 7人 has none: it is exact already). */
  rounded: string | null;
  /** The bureau's fact catalogue, to name the figure's fact (its work lists' included). */
  facts?: CatalogueIndex;
  /** Editing allowed: the exact/rounded switch is shown. */
  canEdit: boolean;
  onToggleExact: (exact: boolean) => void;
  onClose: () => void;
}

function yearOnYear(figure: FigureRef): string | null {
  const prev = figure.previous;
  if (!prev) return null;
  if (prev.value === 0) return `上年同期 ${prev.text}`;
  const pct = ((figure.value - prev.value) / prev.value) * 100;
  const change = Math.abs(pct) < 0.05 ? '持平' : `${pct > 0 ? '增长' : '下降'}${Math.abs(pct).toFixed(1)}%`;
  return `上年同期 ${prev.text},同比${change}`;
}

/** 数据来源: what a figure counted, its exact value and 同比, the exact/rounded switch, and the records behind it. */
export function FigureSourceDrawer({ figure, stale, rounded, facts, canEdit, onToggleExact, onClose }: FigureSourceDrawerProps) {
  const trace = useTrace(figure?.recordType, figure?.ids);
  const isExact = !!figure && figure.text === figure.exactText;

  return (
    <Drawer title="数据来源" open={!!figure} onClose={onClose} size={440} mask={false} destroyOnHidden rootClassName="kg-figure-drawer">
      {figure ? (
        <Flex vertical gap={16} data-testid="figure-source">
          {stale ? (
            <Alert
              type="warning"
              showIcon
              title={`数据已变化,现为${stale.now}`}
              description="来源记录在起草后有改动。可点“重新起草”按当前台账更新数字（手工改过的句子会保留）。"
            />
          ) : null}
          <Descriptions
            column={1}
            size="small"
            bordered
            items={[
              { key: 'text', label: '文中写法', children: <Typography.Text strong>{figure.text}</Typography.Text> },
              { key: 'exact', label: '确切数值', children: <span data-testid="figure-exact">{figure.exactText}</span> },
              ...(figure.previous ? [{ key: 'previous', label: '同比', children: <span data-testid="figure-previous">{yearOnYear(figure)}</span> }] : []),
              { key: 'fact', label: '统计项', children: <span title={figure.factKey}>{factLabel(figure.factKey, facts)}</span> },
              {
                key: 'records',
                label: '统计的记录',
                children: `${recordTypeLabel(figure.recordType)} ${figure.ids.length} 条`,
              },
            ]}
          />
          {canEdit ? (
            <Flex align="center" gap={8} wrap>
              <Switch checked={isExact} disabled={isExact && !rounded} onChange={onToggleExact} aria-label="写确切数字" />
              <span>写确切数字</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {isExact && !rounded ? '这个数字本身就是确切数字' : isExact ? `关闭后改回“${rounded}”` : `打开后文中写作“${figure.exactText}”`}
              </Typography.Text>
            </Flex>
          ) : null}
          <div>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              来源记录 <Tag style={{ marginInlineStart: 4 }}>{figure.ids.length}</Tag>
            </Typography.Title>
            {trace.isError ? <QueryError error={trace.error} onRetry={() => void trace.refetch()} /> : null}
            {!figure.ids.length ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="这个数字没有对应的记录" />
            ) : trace.isPending ? (
              <Skeleton active paragraph={{ rows: 3 }} />
            ) : (
              <List
                size="small"
                bordered
                dataSource={trace.data ?? []}
                locale={{ emptyText: '记录已删除或无权查看' }}
                renderItem={(r) => (
                  <List.Item data-testid="trace-record">
                    <Link to={r.link}>{r.label}</Link>
                  </List.Item>
                )}
              />
            )}
          </div>
        </Flex>
      ) : null}
    </Drawer>
  );
}
