import { useState } from 'react';
import { App, Button, Card, Col, Descriptions, List, Popconfirm, Result, Row, Skeleton, Space, type DescriptionsProps } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import type { Visit } from '../../../../shared/projects.js';
import { PageHeader } from '../../../components/ui/page-header';
import { QueryError } from '../../../components/ui/query-error';
import { StageTag } from '../../../components/ui/stage-tag';
import { useMe } from '../../../lib/auth';
import { showApiError } from '../../../lib/form';
import { formatDate, formatDateTime } from '../../../utils/format';
import { useDeleteVisit, useVisit } from '../api/visits';
import { VisitFormModal } from './visit-form-modal';

/** 调研详情: who went where and why, what they found, and the project leads registered from it. */
export function VisitDetailPage() {
  const params = useParams();
  const id = Number(params.id);
  const valid = Number.isInteger(id) && id > 0;
  const visit = useVisit(valid ? id : 0);

  if (!valid) return <Result status="404" title="调研记录不存在" />;
  if (visit.isError) return <QueryError error={visit.error} onRetry={() => void visit.refetch()} />;
  if (!visit.data) return <Skeleton active />;
  return <VisitDetailView visit={visit.data} />;
}

function VisitDetailView({ visit }: { visit: Visit }) {
  const me = useMe();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const remove = useDeleteVisit();
  const [editing, setEditing] = useState(false);
  const canWrite = me.role !== 'commissioner';

  // A lead starts as 线索 (the project form's default), linked to this visit and its first enterprise.
  const newLeadPath = () => {
    const search = new URLSearchParams({ sourceVisitId: String(visit.id) });
    if (visit.enterprises.length === 1) search.set('enterpriseId', String(visit.enterprises[0].id));
    return `/projects/new?${search.toString()}`;
  };

  const items: DescriptionsProps['items'] = [
    { key: 'date', label: '调研日期', children: formatDate(visit.visitDate) },
    { key: 'staff', label: '调研人员', children: visit.staff.map((s) => s.displayName).join('、') || '—' },
    {
      key: 'enterprises',
      label: '调研企业/基地',
      span: 'filled',
      children: (
        <Space size={[12, 4]} wrap>
          {visit.enterprises.map((e) => (
            <Link key={e.id} to={`/enterprises/${e.id}`}>
              {e.name}
            </Link>
          ))}
        </Space>
      ),
    },
    { key: 'purpose', label: '调研目的', span: 'filled', children: <span style={{ whiteSpace: 'pre-wrap' }}>{visit.purpose}</span> },
    {
      key: 'findings',
      label: '调研发现',
      span: 'filled',
      children: visit.findings ? <span style={{ whiteSpace: 'pre-wrap' }}>{visit.findings}</span> : '—',
    },
    { key: 'updatedAt', label: '最近修改', children: formatDateTime(visit.updatedAt) },
  ];

  const onDelete = () =>
    remove.mutateAsync(visit.id).then(
      () => {
        void message.success('调研记录已删除');
        navigate('/visits');
      },
      (error: unknown) => showApiError(message, error),
    );

  return (
    <>
      <PageHeader
        title={`${formatDate(visit.visitDate)} 调研`}
        description={
          <Link to="/visits" style={{ fontSize: 13 }}>
            ← 返回调研记录
          </Link>
        }
        extra={
          canWrite ? (
            <>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                编辑
              </Button>
              <Popconfirm
                title="删除这条调研记录?"
                description={visit.leads.length ? '由它发现的项目会保留,只是不再关联到此调研。' : undefined}
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
        <Col xs={24} xl={14}>
          <Card title="调研情况">
            <Descriptions column={{ xs: 1, sm: 2 }} size="small" items={items} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card
            title={`发现的项目线索(${visit.leads.length})`}
            extra={
              canWrite ? (
                <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => navigate(newLeadPath())}>
                  登记项目线索
                </Button>
              ) : undefined
            }
          >
            <List
              size="small"
              dataSource={visit.leads}
              locale={{ emptyText: '尚未登记由此次调研发现的项目' }}
              renderItem={(p) => (
                <List.Item extra={<StageTag stage={p.stage} />}>
                  <Link to={`/projects/${p.id}`}>{p.title}</Link>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
      {canWrite ? <VisitFormModal open={editing} visit={visit} onClose={() => setEditing(false)} /> : null}
    </>
  );
}
