import { useState } from 'react';
import { App, Button, Card, Col, Descriptions, List, Popconfirm, Result, Row, Skeleton, Space, Tag, type DescriptionsProps } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { SECTOR_LABELS, type EnterpriseDetail } from '../../../../shared/projects.js';
import { PageHeader } from '../../../components/ui/page-header';
import { QueryError } from '../../../components/ui/query-error';
import { StageTag } from '../../../components/ui/stage-tag';
import { useMe } from '../../../lib/auth';
import { showApiError } from '../../../lib/form';
import { formatDate, formatDateTime } from '../../../utils/format';
import { useDeleteEnterprise, useEnterprise } from '../api/enterprises';
import { EnterpriseFormModal } from './enterprise-form-modal';

/** 企业详情: the registry entry, the projects it applied for and the visits made to it. */
export function EnterpriseDetailPage() {
  const params = useParams();
  const id = Number(params.id);
  const valid = Number.isInteger(id) && id > 0;
  const enterprise = useEnterprise(valid ? id : 0);

  if (!valid) return <Result status="404" title="企业不存在" />;
  if (enterprise.isError) return <QueryError error={enterprise.error} onRetry={() => void enterprise.refetch()} />;
  if (!enterprise.data) return <Skeleton active />;
  return <EnterpriseDetailView enterprise={enterprise.data} />;
}

function EnterpriseDetailView({ enterprise }: { enterprise: EnterpriseDetail }) {
  const me = useMe();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const remove = useDeleteEnterprise();
  const [editing, setEditing] = useState(false);
  const canWrite = me.role !== 'commissioner';

  const items: DescriptionsProps['items'] = [
    {
      key: 'creditCode',
      label: '统一社会信用代码',
      children: enterprise.creditCode ? <span style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}>{enterprise.creditCode}</span> : '—',
    },
    { key: 'kind', label: '类型', children: enterprise.kind },
    { key: 'industry', label: '行业', children: SECTOR_LABELS[enterprise.industry] },
    { key: 'town', label: '所在乡镇', children: enterprise.townName ?? '—' },
    { key: 'address', label: '地址', children: enterprise.address ?? '—' },
    { key: 'contactPerson', label: '联系人', children: enterprise.contactPerson ?? '—' },
    { key: 'contactPhone', label: '联系电话', children: enterprise.contactPhone ?? '—' },
    { key: 'updatedAt', label: '最近修改', children: formatDateTime(enterprise.updatedAt) },
    {
      key: 'notes',
      label: '备注',
      span: 'filled',
      children: enterprise.notes ? <span style={{ whiteSpace: 'pre-wrap' }}>{enterprise.notes}</span> : '—',
    },
  ];

  const onDelete = () =>
    remove.mutateAsync(enterprise.id).then(
      () => {
        void message.success(`已删除「${enterprise.name}」`);
        navigate('/enterprises');
      },
      (error: unknown) => showApiError(message, error),
    );

  return (
    <>
      <PageHeader
        title={
          <Space size={10} wrap>
            <span>{enterprise.name}</span>
            <Tag>{enterprise.kind}</Tag>
          </Space>
        }
        description={
          <Link to="/enterprises" style={{ fontSize: 13 }}>
            ← 返回企业与基地
          </Link>
        }
        extra={
          canWrite ? (
            <>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                编辑
              </Button>
              <Popconfirm
                title={`删除「${enterprise.name}」?`}
                description="有关联项目或调研记录的不能删除。"
                okText="删除"
                okButtonProps={{ danger: true }}
                onConfirm={onDelete}
              >
                <Button danger loading={remove.isPending}>
                  删除
                </Button>
              </Popconfirm>
            </>
          ) : undefined
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24}>
          <Card title="基本信息">
            <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small" items={items} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            title={`项目(${enterprise.projects.length})`}
            extra={
              canWrite ? (
                <Link to={`/projects/new?enterpriseId=${enterprise.id}`}>
                  <Button size="small" icon={<PlusOutlined />}>
                    新建项目
                  </Button>
                </Link>
              ) : undefined
            }
          >
            <List
              size="small"
              dataSource={enterprise.projects}
              locale={{ emptyText: '暂无项目' }}
              renderItem={(p) => (
                <List.Item extra={<StageTag stage={p.stage} />}>
                  <Link to={`/projects/${p.id}`}>{p.title}</Link>
                </List.Item>
              )}
            />
            {enterprise.projects.length > 0 ? (
              <Link to={`/projects?enterpriseId=${enterprise.id}`} style={{ display: 'inline-block', marginTop: 8, fontSize: 13 }}>
                在项目库中查看
              </Link>
            ) : null}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            title={`调研记录(${enterprise.visits.length})`}
            extra={
              canWrite ? (
                <Link to={`/visits?newFor=${enterprise.id}`}>
                  <Button size="small" icon={<PlusOutlined />}>
                    登记调研
                  </Button>
                </Link>
              ) : undefined
            }
          >
            <List
              size="small"
              dataSource={enterprise.visits}
              locale={{ emptyText: '暂无调研记录' }}
              renderItem={(v) => (
                <List.Item>
                  <Link to={`/visits/${v.id}`}>
                    <span style={{ marginInlineEnd: 12 }}>{formatDate(v.visitDate)}</span>
                    {v.purpose}
                  </Link>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
      {canWrite ? <EnterpriseFormModal open={editing} enterprise={enterprise} onClose={() => setEditing(false)} /> : null}
    </>
  );
}
