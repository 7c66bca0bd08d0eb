import type { CSSProperties } from 'react';
import { Card, Col, List, Row, Statistic, Typography } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useMe } from '../../../lib/auth';
import { errorMessage } from '../../../lib/api-client';
import { useOverdueSummary } from '../api/worklists';

const RED = '#cf1322';

/**
 * 逾期事项 on the home page: the overdue items the user is responsible for and, for leaders and
 * admins, the bureau's; each list links to its overdue items. Commissioners keep no work lists.
 */
export function OverdueCard({ style }: { style?: CSSProperties }) {
  const me = useMe();
  const ledgerUser = me.policies.readLedgers;
  const summary = useOverdueSummary(ledgerUser);
  if (!ledgerUser) return null;
  const data = summary.data;
  // The server counts the bureau's overdue items (`all`) for those who see them all.
  const seesAll = data !== undefined && data.all !== null;

  return (
    <Card
      title={
        <>
          <WarningOutlined style={{ color: RED, marginInlineEnd: 8 }} />
          逾期事项
        </>
      }
      loading={summary.isPending}
      style={style}
    >
      {summary.isError ? (
        <Typography.Text type="danger">{errorMessage(summary.error)}</Typography.Text>
      ) : data ? (
        <>
          <Row gutter={16}>
            <Col span={seesAll ? 12 : 24}>
              <Statistic
                title="我负责的逾期事项"
                value={data.mine}
                styles={{ content: { color: data.mine > 0 ? RED : undefined } }}
                formatter={(v) => <span data-testid="overdue-mine">{v}</span>}
                suffix="项"
              />
            </Col>
            {seesAll ? (
              <Col span={12}>
                <Statistic
                  title="全局逾期事项"
                  value={data.all ?? 0}
                  styles={{ content: { color: (data.all ?? 0) > 0 ? RED : undefined } }}
                  formatter={(v) => <span data-testid="overdue-all">{v}</span>}
                  suffix="项"
                />
              </Col>
            ) : null}
          </Row>
          {data.byList.length ? (
            <List
              size="small"
              style={{ marginTop: 12 }}
              dataSource={data.byList}
              renderItem={(l) => (
                <List.Item extra={<Typography.Text type="danger">{seesAll ? `我负责 ${l.mine} · 全局 ${l.all ?? 0}` : `${l.mine} 项`}</Typography.Text>}>
                  <Link to={`/worklists/${l.listId}?overdue=yes`}>{l.name}</Link>
                </List.Item>
              )}
            />
          ) : (
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              没有逾期未完成的事项。
            </Typography.Paragraph>
          )}
        </>
      ) : null}
    </Card>
  );
}
