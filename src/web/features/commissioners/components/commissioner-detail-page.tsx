import { useState } from 'react';
import { App, Button, Card, Col, Descriptions, Flex, Popconfirm, Result, Row, Skeleton, Space, type DescriptionsProps } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { GENDER_LABELS } from '../../../../shared/commissioners.js';
import { PageHeader } from '../../../components/ui/page-header';
import { QueryError } from '../../../components/ui/query-error';
import { useMe } from '../../../lib/auth';
import { showApiError } from '../../../lib/form';
import { formatDate, formatDateTime } from '../../../utils/format';
import { type CommissionerDetail, useCommissioner, useDeleteCommissioner } from '../api/commissioners';
import { useServiceLogs } from '../api/service-logs';
import { CommissionerFormModal } from './commissioner-form-modal';
import { CommissionerStatusTag, placesText, termText } from './commissioner-display';
import { ServiceLogFormModal } from './service-log-form-modal';
import { ServiceLogTable } from './service-log-table';
import { EvaluationsCard, SupportsCard } from './support-evaluation-cards';

/** 特派员档案: the profile, the service logs (confirmed by leaders), support given and yearly grades. */
export function CommissionerDetailPage() {
  const params = useParams();
  const id = Number(params.id);
  const valid = Number.isInteger(id) && id > 0;
  const commissioner = useCommissioner(valid ? id : 0);

  if (!valid) return <Result status="404" title="特派员不存在" />;
  if (commissioner.isError) return <QueryError error={commissioner.error} onRetry={() => void commissioner.refetch()} />;
  if (!commissioner.data) return <Skeleton active />;
  return <CommissionerDetailView commissioner={commissioner.data} />;
}

const LOGS_PAGE_SIZE = 10;

function CommissionerDetailView({ commissioner }: { commissioner: CommissionerDetail }) {
  const me = useMe();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const remove = useDeleteCommissioner();
  const [editing, setEditing] = useState(false);
  const [logging, setLogging] = useState(false);
  const [logPage, setLogPage] = useState(1);
  const logs = useServiceLogs({ commissionerId: commissioner.id, page: logPage, pageSize: LOGS_PAGE_SIZE });
  const canWrite = me.role !== 'commissioner';
  const canManage = me.role === 'leader' || me.role === 'admin';

  const items: DescriptionsProps['items'] = [
    { key: 'gender', label: '性别', children: GENDER_LABELS[commissioner.gender] },
    { key: 'employer', label: '派出单位', children: commissioner.employer },
    { key: 'title', label: '职称', children: commissioner.title ?? '—' },
    { key: 'phone', label: '联系电话', children: commissioner.phone ?? '—' },
    { key: 'specialty', label: '专业特长', span: 'filled', children: commissioner.specialty ?? '—' },
    { key: 'places', label: '服务地点', span: 'filled', children: placesText(commissioner) },
    {
      key: 'enterprises',
      label: '服务企业/基地',
      span: 'filled',
      children: commissioner.enterprises.length
        ? commissioner.enterprises.map((e, i) => (
            <span key={e.id}>
              {i > 0 ? '、' : null}
              <Link to={`/enterprises/${e.id}`}>{e.name}</Link>
            </span>
          ))
        : '—',
    },
    { key: 'term', label: '任期', children: termText(commissioner) },
    { key: 'account', label: '登录账号', children: commissioner.username ?? '未关联' },
    { key: 'logs', label: '服务日志', children: `${commissioner.logCount} 条` },
    { key: 'lastLog', label: '最近服务', children: formatDate(commissioner.lastLogDate) },
    {
      key: 'notes',
      label: '备注',
      span: 'filled',
      children: commissioner.notes ? <span style={{ whiteSpace: 'pre-wrap' }}>{commissioner.notes}</span> : '—',
    },
    { key: 'updatedAt', label: '最近修改', children: formatDateTime(commissioner.updatedAt) },
  ];

  const onDelete = () =>
    remove.mutateAsync(commissioner.id).then(
      () => {
        void message.success(`已删除特派员 ${commissioner.name}`);
        navigate('/commissioners');
      },
      (error: unknown) => showApiError(message, error),
    );

  return (
    <>
      <PageHeader
        title={
          <Space size={10} wrap>
            <span>{commissioner.name}</span>
            <CommissionerStatusTag status={commissioner.status} />
          </Space>
        }
        description={
          <Link to="/commissioners" style={{ fontSize: 13 }}>
            ← 返回特派员名册
          </Link>
        }
        extra={
          canWrite ? (
            <>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                编辑档案
              </Button>
              <Popconfirm
                title="删除这位特派员?"
                description="支持和考核记录将一并删除;已有服务日志的特派员不能删除,可将状态改为“退出”。"
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
      <Flex vertical gap={16}>
        <Card title="基本情况">
          <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small" items={items} />
        </Card>
        <Card
          title="服务日志"
          extra={
            canWrite ? (
              <Button size="small" icon={<PlusOutlined />} onClick={() => setLogging(true)}>
                代为登记
              </Button>
            ) : undefined
          }
        >
          {logs.isError ? <QueryError error={logs.error} onRetry={() => void logs.refetch()} /> : null}
          <ServiceLogTable
            logs={logs.data?.items ?? []}
            loading={logs.isFetching}
            showCommissioner={false}
            emptyText="暂无服务日志"
            pagination={{
              current: logPage,
              pageSize: LOGS_PAGE_SIZE,
              total: logs.data?.total ?? 0,
              hideOnSinglePage: true,
              onChange: setLogPage,
            }}
          />
        </Card>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <SupportsCard commissionerId={commissioner.id} supports={commissioner.supports} canManage={canManage} />
          </Col>
          <Col xs={24} xl={10}>
            <EvaluationsCard commissionerId={commissioner.id} evaluations={commissioner.evaluations} canManage={canManage} />
          </Col>
        </Row>
      </Flex>
      {canWrite ? (
        <>
          <CommissionerFormModal open={editing} commissioner={commissioner} onClose={() => setEditing(false)} />
          <ServiceLogFormModal open={logging} log={null} commissionerId={commissioner.id} onClose={() => setLogging(false)} />
        </>
      ) : null}
    </>
  );
}
