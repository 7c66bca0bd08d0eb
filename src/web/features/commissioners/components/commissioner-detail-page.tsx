import { useState } from 'react';
import { Button, Card, Col, Descriptions, Flex, Row, type DescriptionsProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { GENDER_LABELS } from '../../../../shared/commissioners.js';
import { paginationQuerySchema } from '../../../../shared/common.js';
import { DetailHeader, DetailPage } from '../../../lib/detail-page';
import { useListQuery } from '../../../lib/list-query';
import { formatDate, formatDateTime } from '../../../utils/format';
import { type CommissionerDetail, useCommissioner, useDeleteCommissioner } from '../api/commissioners';
import { useServiceLogs } from '../api/service-logs';
import { CommissionerFormModal } from './commissioner-form-modal';
import { CommissionerStatusTag, placesText, termText } from './commissioner-display';
import { ServiceLogFormModal } from './service-log-form-modal';
import { ServiceLogTable } from './service-log-table';
import { EvaluationsCard, SupportsCard } from './support-evaluation-cards';

const BACK = { to: '/commissioners', label: '返回特派员名册' };

/** 特派员档案: the profile, the service logs (confirmed by leaders), support given and yearly grades. */
export function CommissionerDetailPage() {
  return (
    <DetailPage useRecord={useCommissioner} notFound="特派员不存在" back={BACK}>
      {(record) => <CommissionerDetailView commissioner={record} />}
    </DetailPage>
  );
}

function CommissionerDetailView({ commissioner }: { commissioner: CommissionerDetail }) {
  const remove = useDeleteCommissioner();
  const [editing, setEditing] = useState(false);
  const [logging, setLogging] = useState(false);
  // The page of their logs is in the URL (?page=2), ten to a page.
  const logList = useListQuery(paginationQuerySchema, { pageSize: 10 });
  const logs = useServiceLogs({ ...logList.query, commissionerId: commissioner.id });
  const { update: canEdit, createLog: canLog, manageSupport: canSupport } = commissioner.policies;

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

  return (
    <>
      <DetailHeader
        title={commissioner.name}
        tag={<CommissionerStatusTag status={commissioner.status} />}
        back={BACK}
        record={commissioner}
        onEdit={() => setEditing(true)}
        editText="编辑档案"
        remove={{
          ...remove,
          title: '删除这位特派员?',
          description: '支持和考核记录将一并删除;已有服务日志的特派员不能删除,可将状态改为“退出”。',
          success: `已删除特派员 ${commissioner.name}`,
        }}
      />
      <Flex vertical gap={16}>
        <Card title="基本情况">
          <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small" items={items} />
        </Card>
        <Card
          title="服务日志"
          extra={
            canLog ? (
              <Button size="small" icon={<PlusOutlined />} onClick={() => setLogging(true)}>
                代为登记
              </Button>
            ) : undefined
          }
        >
          <ServiceLogTable
            list={logList}
            result={logs}
            showCommissioner={false}
            emptyText={{ filtered: '暂无服务日志', empty: '暂无服务日志' }}
            totalText={(total) => `共 ${total} 条`}
          />
        </Card>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <SupportsCard commissionerId={commissioner.id} supports={commissioner.supports} canAdd={canSupport} />
          </Col>
          <Col xs={24} xl={10}>
            <EvaluationsCard commissionerId={commissioner.id} evaluations={commissioner.evaluations} canAdd={canSupport} />
          </Col>
        </Row>
      </Flex>
      {canEdit ? <CommissionerFormModal open={editing} commissioner={commissioner} onClose={() => setEditing(false)} /> : null}
      {canLog ? <ServiceLogFormModal open={logging} log={null} commissionerId={commissioner.id} onClose={() => setLogging(false)} /> : null}
    </>
  );
}
