import { Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ServiceLog } from '../../../../shared/commissioners.js';
import { type AttachmentList, AttachmentUpload, attachmentIds, toAttachmentList } from '../../../lib/attachment-upload';
import { EnterpriseSelect } from '../../../lib/enterprise-select';
import { emptyToNull } from '../../../lib/form';
import { PlaceSelect } from '../../../lib/place-select';
import { useDictionaryItems } from '../../../lib/reference-data';
import type { ConflictField } from '../../../lib/versions';
import type { ServiceLogInput } from '../api/service-logs';

export interface ServiceLogFormValues {
  /** Only when the bureau logs for a commissioner it has not picked yet. */
  commissionerId?: number;
  logDate: Dayjs;
  placeId?: number | null;
  enterpriseId?: number | null;
  kind?: string;
  content?: string;
  peopleServed?: number | null;
  problemsSolved?: string | null;
  newTechniques?: string | null;
  files?: AttachmentList;
}

export function toServiceLogInput(values: ServiceLogFormValues): ServiceLogInput {
  return {
    logDate: values.logDate.format('YYYY-MM-DD'),
    placeId: values.placeId ?? null,
    enterpriseId: values.enterpriseId ?? null,
    kind: values.kind!,
    content: (values.content ?? '').trim(),
    peopleServed: values.peopleServed ?? null,
    problemsSolved: emptyToNull(values.problemsSolved?.trim()),
    newTechniques: emptyToNull(values.newTechniques?.trim()),
    fileIds: attachmentIds(values.files),
  };
}

export function serviceLogInitialValues(log: ServiceLog | null, preset?: Partial<ServiceLogFormValues>): ServiceLogFormValues {
  if (!log) return { logDate: dayjs(), files: [], ...preset };
  return {
    logDate: dayjs(log.logDate),
    placeId: log.placeId,
    enterpriseId: log.enterpriseId,
    kind: log.kind,
    content: log.content,
    peopleServed: log.peopleServed,
    problemsSolved: log.problemsSolved ?? '',
    newTechniques: log.newTechniques ?? '',
    files: toAttachmentList(log.files),
  };
}

/** The fields the "已被他人修改" dialog compares, with the labels of this form; `log` names its place and enterprise. */
export function serviceLogConflictFields(log: ServiceLog | null): ConflictField[] {
  const names = (list: AttachmentList | undefined) => (list ?? []).map((f) => f.name).join('、');
  return [
    { name: 'logDate', label: '日期' },
    { name: 'kind', label: '服务类型' },
    { name: 'placeId', label: '服务地点', format: (v) => (v === log?.placeId ? (log?.placeName ?? String(v)) : `#${String(v)}`) },
    { name: 'enterpriseId', label: '服务企业/基地', format: (v) => (v === log?.enterpriseId ? (log?.enterpriseName ?? String(v)) : `#${String(v)}`) },
    { name: 'content', label: '服务内容' },
    { name: 'peopleServed', label: '服务人次' },
    { name: 'problemsSolved', label: '解决的问题' },
    { name: 'newTechniques', label: '引进的新品种/新技术' },
    { name: 'files', label: '照片/附件', compare: (v) => attachmentIds(v as AttachmentList), format: (v) => names(v as AttachmentList) },
  ];
}

interface ServiceLogFieldsProps {
  /** The commissioner's own places, offered first. */
  preferredPlaces: readonly number[];
  /**
   * Enterprises to choose from: the commissioner's own (a commissioner cannot search the registry),
   * or 'search' for the bureau's staff.
   */
  enterprises: { id: number; name: string }[] | 'search';
  /** Phone layout: one column, large controls. */
  compact?: boolean;
  /** The kind of an edited log, kept selectable if it was retired from the dictionary since. */
  currentKind?: string;
}

const placeOrEnterprise = ({ getFieldValue }: { getFieldValue: (name: string) => unknown }) => ({
  validator: async () => {
    if (!getFieldValue('placeId') && !getFieldValue('enterpriseId')) throw new Error('请选择服务地点或服务企业');
  },
});

/** The fields of a service log, shared by the bureau's form and the commissioner's phone form. */
export function ServiceLogFields({ preferredPlaces, enterprises, compact, currentKind }: ServiceLogFieldsProps) {
  const kinds = useDictionaryItems('service_kind');
  const size = compact ? 'large' : undefined;
  const half = compact ? 24 : 12;
  const kindOptions = (kinds.data ?? []).filter((item) => item.active || item.value === currentKind).map((item) => ({ value: item.value, label: item.label }));
  const showEnterprise = enterprises === 'search' || enterprises.length > 0;

  return (
    <Row gutter={16}>
      <Col xs={24} sm={half}>
        <Form.Item label="日期" name="logDate" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker style={{ width: '100%' }} size={size} inputReadOnly={compact} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={half}>
        <Form.Item label="服务类型" name="kind" rules={[{ required: true, message: '请选择服务类型' }]}>
          <Select options={kindOptions} loading={kinds.isPending} size={size} placeholder="技术指导、培训、咨询…" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={showEnterprise ? half : 24}>
        <Form.Item label="服务地点" name="placeId" dependencies={['enterpriseId']} rules={[placeOrEnterprise]}>
          <PlaceSelect preferred={preferredPlaces} preferredLabel="我的服务地点" size={size} placeholder="乡镇或村/社区" />
        </Form.Item>
      </Col>
      {showEnterprise ? (
        <Col xs={24} sm={half}>
          <Form.Item label="服务企业/基地" name="enterpriseId" dependencies={['placeId']} rules={[placeOrEnterprise]}>
            {enterprises === 'search' ? (
              <EnterpriseSelect placeholder="在企业或基地服务时选择" />
            ) : (
              <Select allowClear size={size} placeholder="在企业或基地服务时选择" options={enterprises.map((e) => ({ value: e.id, label: e.name }))} />
            )}
          </Form.Item>
        </Col>
      ) : null}
      <Col xs={24}>
        <Form.Item
          label="服务内容"
          name="content"
          rules={[
            { required: true, whitespace: true, message: '请填写服务内容' },
            { max: 4000, message: '服务内容不能超过4000个字' },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} placeholder="如:到元鱼村蔬菜基地指导大棚辣椒病虫害防治" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={half}>
        <Form.Item label="服务人次" name="peopleServed">
          <InputNumber<number> min={0} max={1_000_000} precision={0} suffix="人次" size={size} inputMode="numeric" style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item label="解决的问题" name="problemsSolved" rules={[{ max: 2000, message: '解决的问题不能超过2000个字' }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item label="引进的新品种/新技术" name="newTechniques" rules={[{ max: 1000, message: '引进的新品种/新技术不能超过1000个字' }]}>
          <Input size={size} placeholder="没有可不填" />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item label="照片/附件" name="files" extra="现场照片、签到表等;支持 JPG/PNG 图片、PDF、Word、Excel">
          <AttachmentUpload block={compact} buttonText={compact ? '拍照或选择文件' : undefined} />
        </Form.Item>
      </Col>
    </Row>
  );
}
