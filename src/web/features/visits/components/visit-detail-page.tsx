import { useState } from 'react';
import { Button, Card, Col, Descriptions, Row, Space, type DescriptionsProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { Visit } from '../../../../shared/projects.js';
import { ProjectLinks } from '../../../components/ui/project-links';
import { useMe } from '../../../lib/auth';
import { DetailHeader, DetailPage } from '../../../lib/detail-page';
import { formatDate, formatDateTime } from '../../../utils/format';
import { useDeleteVisit, useVisit } from '../api/visits';
import { VisitFormModal } from './visit-form-modal';
import { visitRemoveTexts } from './visits-page';

const BACK = { to: '/visits', label: '返回调研记录' };

/** 调研详情: who went where and why, what they found, and the project leads registered from it. */
export function VisitDetailPage() {
  return (
    <DetailPage useRecord={useVisit} notFound="调研记录不存在" back={BACK}>
      {(record) => <VisitDetailView visit={record} />}
    </DetailPage>
  );
}

function VisitDetailView({ visit }: { visit: Visit }) {
  const me = useMe();
  const remove = useDeleteVisit();
  const [editing, setEditing] = useState(false);
  // A lead is a new project: whether one may be registered is the app-wide say.
  const mayRegisterLead = me.policies.writeLedgers;

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

  return (
    <>
      <DetailHeader
        title={`${formatDate(visit.visitDate)} 调研`}
        back={BACK}
        record={visit}
        onEdit={() => setEditing(true)}
        remove={{ ...remove, ...visitRemoveTexts }}
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
              mayRegisterLead ? (
                <Link to={newLeadPath()}>
                  <Button type="primary" size="small" icon={<PlusOutlined />}>
                    登记项目线索
                  </Button>
                </Link>
              ) : undefined
            }
          >
            <ProjectLinks projects={visit.leads} emptyText="尚未登记由此次调研发现的项目" />
          </Card>
        </Col>
      </Row>
      {visit.policies.update ? <VisitFormModal open={editing} visit={visit} onClose={() => setEditing(false)} /> : null}
    </>
  );
}
