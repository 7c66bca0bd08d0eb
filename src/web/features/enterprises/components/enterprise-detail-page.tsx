import { useState } from 'react';
import { Button, Card, Col, Descriptions, List, Row, Tag, type DescriptionsProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { SECTOR_LABELS, type EnterpriseDetail } from '../../../../shared/projects.js';
import { ProjectLinks } from '../../../components/ui/project-links';
import { useMe } from '../../../lib/auth';
import { DetailHeader, DetailPage } from '../../../lib/detail-page';
import { formatDate, formatDateTime } from '../../../utils/format';
import { useDeleteEnterprise, useEnterprise } from '../api/enterprises';
import { EnterpriseFormModal } from './enterprise-form-modal';

const BACK = { to: '/enterprises', label: '返回企业与基地' };

/** 企业详情: the registry entry, the projects it applied for and the visits made to it. */
export function EnterpriseDetailPage() {
  return (
    <DetailPage useRecord={useEnterprise} notFound="企业不存在" back={BACK}>
      {(record) => <EnterpriseDetailView enterprise={record} />}
    </DetailPage>
  );
}

function EnterpriseDetailView({ enterprise }: { enterprise: EnterpriseDetail }) {
  const me = useMe();
  const remove = useDeleteEnterprise();
  const [editing, setEditing] = useState(false);
  // Projects and visits are other ledgers: whether one may be registered is the app-wide say.
  const mayRegister = me.policies.writeLedgers;

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

  return (
    <>
      <DetailHeader
        title={enterprise.name}
        tag={<Tag>{enterprise.kind}</Tag>}
        back={BACK}
        record={enterprise}
        onEdit={() => setEditing(true)}
        remove={{
          ...remove,
          title: `删除「${enterprise.name}」?`,
          description: '有关联项目或调研记录的不能删除。',
          success: `已删除「${enterprise.name}」`,
        }}
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
              mayRegister ? (
                <Link to={`/projects/new?enterpriseId=${enterprise.id}`}>
                  <Button size="small" icon={<PlusOutlined />}>
                    新建项目
                  </Button>
                </Link>
              ) : undefined
            }
          >
            <ProjectLinks projects={enterprise.projects} emptyText="暂无项目" />
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
              mayRegister ? (
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
      {enterprise.policies.update ? <EnterpriseFormModal open={editing} enterprise={enterprise} onClose={() => setEditing(false)} /> : null}
    </>
  );
}
