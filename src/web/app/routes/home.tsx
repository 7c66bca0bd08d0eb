import { Alert, Button, Card, Col, Descriptions, Flex, List, Row, Typography } from 'antd';
import { EditOutlined, RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { ORG_LEVEL_LABELS, ROLE_LABELS } from '../../../shared/roles.js';
import { mayOpen, useMe } from '../../lib/auth';
import { RollupCard } from '../../features/reports/components/rollup-card';
import { OverdueCard } from '../../features/worklists/components/overdue-card';
import { usePages } from '../pages-context';

/** Home: who is signed in, where, with which role, and the pages this role can open. */
export function HomePage() {
  const user = useMe();
  // Pages of one record (/projects/:id) are reached from their lists, not from here.
  const shortcuts = usePages().filter((p) => p.path !== '/' && !p.path.includes(':') && mayOpen(user, p.allows));

  return (
    <>
      {user.mustChangePassword ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title="您正在使用初始密码或管理员重置的密码,为保障账号安全,请尽快修改密码。"
          action={<Link to="/account/password">立即修改</Link>}
        />
      ) : null}
      {user.policies.keepOwnLogs ? (
        // A commissioner opens the app for one thing, usually on a phone: to log a service.
        <Card style={{ marginBottom: 16 }} data-testid="my-logs-entry">
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            科技特派员服务日志
          </Typography.Title>
          <Typography.Paragraph type="secondary">每次下乡服务后,在手机上记下地点、内容、服务人次,拍几张现场照片。</Typography.Paragraph>
          <Flex gap={12} wrap>
            <Link to="/my/logs?new=1" style={{ flex: '1 1 160px' }}>
              <Button type="primary" size="large" block icon={<EditOutlined />}>
                填写服务日志
              </Button>
            </Link>
            <Link to="/my/logs" style={{ flex: '1 1 160px' }}>
              <Button size="large" block>
                我的服务日志
              </Button>
            </Link>
          </Flex>
        </Card>
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card>
            <Typography.Title level={3} style={{ marginTop: 0 }}>
              欢迎,{user.displayName}
            </Typography.Title>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 20 }}>
              {user.org.name} · {ROLE_LABELS[user.role]}
            </Typography.Paragraph>
            <Descriptions
              column={{ xs: 1, sm: 2 }}
              size="small"
              items={[
                { key: 'org', label: '所属单位', children: user.org.name },
                { key: 'level', label: '单位层级', children: ORG_LEVEL_LABELS[user.org.level] },
                { key: 'role', label: '角色', children: ROLE_LABELS[user.role] },
                { key: 'section', label: '股室', children: user.section?.name ?? '未分配' },
                { key: 'username', label: '用户名', children: user.username },
                { key: 'phone', label: '联系电话', children: user.phone ?? '未填写' },
              ]}
            />
          </Card>
          <OverdueCard style={{ marginTop: 16 }} />
        </Col>
        <Col xs={24} lg={10}>
          <Card title="快捷入口">
            <List
              dataSource={shortcuts}
              renderItem={(page) => (
                <List.Item extra={<RightOutlined style={{ color: '#bfbfbf' }} />}>
                  <List.Item.Meta
                    avatar={<span style={{ color: '#1f4e99', fontSize: 18 }}>{page.icon}</span>}
                    title={<Link to={page.path}>{page.label}</Link>}
                    description={page.description}
                  />
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col span={24}>
          {/* A leader or an admin of a city (or a province): the figures of the organisations below. */}
          <RollupCard />
        </Col>
      </Row>
    </>
  );
}
