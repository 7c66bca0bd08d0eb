import { Space, Tag, Tooltip, Typography } from 'antd';
import { FileOutlined, LockOutlined } from '@ant-design/icons';
import { COMMISSIONER_STATUS_LABELS, type Commissioner, type CommissionerStatus, type ServiceLog } from '../../../../shared/commissioners.js';
import { type StoredFile, fileUrl, formatFileSize, isImage } from '../../../lib/files';
import { formatDateTime } from '../../../utils/format';

const STATUS_COLORS: Record<CommissionerStatus, string> = { active: 'green', expired: 'default', withdrawn: 'red' };

export function CommissionerStatusTag({ status }: { status: CommissionerStatus }) {
  return (
    <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }}>
      {COMMISSIONER_STATUS_LABELS[status]}
    </Tag>
  );
}

/** 2013—2015, or 2014年 when the term starts and ends in one year. */
export function termText(c: Pick<Commissioner, 'termStartYear' | 'termEndYear'>): string {
  return c.termStartYear === c.termEndYear ? `${c.termStartYear}年` : `${c.termStartYear}—${c.termEndYear}`;
}

export function placesText(c: Pick<Commissioner, 'places'>): string {
  return c.places.length ? c.places.map((p) => p.name).join('、') : '—';
}

/** 已审核 (locked) or 待审核, with who confirmed it and when. */
export function ConfirmedTag({ log }: { log: Pick<ServiceLog, 'confirmedAt' | 'confirmedByName'> }) {
  if (!log.confirmedAt) {
    return (
      <Tag style={{ marginInlineEnd: 0 }} data-testid="log-unconfirmed">
        待审核
      </Tag>
    );
  }
  return (
    <Tooltip title={`${log.confirmedByName ?? '局领导'} 审核于 ${formatDateTime(log.confirmedAt)};审核后只有局领导可以修改`}>
      <Tag color="green" icon={<LockOutlined />} style={{ marginInlineEnd: 0 }} data-testid="log-confirmed">
        已审核
      </Tag>
    </Tooltip>
  );
}

/** Where the service took place: 元鱼村(东山镇), and the enterprise if one was named. */
export function logWhere(log: Pick<ServiceLog, 'placeName' | 'townName' | 'enterpriseName'>): string {
  const place = log.placeName ? (log.townName && log.townName !== log.placeName ? `${log.placeName}(${log.townName})` : log.placeName) : null;
  return [place, log.enterpriseName].filter(Boolean).join(' · ') || '—';
}

/** A record's attachments as links; images as small thumbnails. */
export function FileLinks({ files, thumbSize = 48 }: { files: StoredFile[]; thumbSize?: number }) {
  if (!files.length) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={[8, 8]} wrap>
      {files.map((f) =>
        isImage(f) ? (
          <a key={f.id} href={fileUrl(f.id)} target="_blank" rel="noreferrer" title={`${f.name}(${formatFileSize(f.size)})`}>
            <img
              src={fileUrl(f.id)}
              alt={f.name}
              width={thumbSize}
              height={thumbSize}
              style={{ objectFit: 'cover', borderRadius: 4, border: '1px solid #f0f0f0', display: 'block' }}
            />
          </a>
        ) : (
          <a key={f.id} href={fileUrl(f.id)} target="_blank" rel="noreferrer" title={formatFileSize(f.size)}>
            <FileOutlined /> {f.name}
          </a>
        ),
      )}
    </Space>
  );
}
