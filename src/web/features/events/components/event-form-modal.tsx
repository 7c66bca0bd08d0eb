import { useMemo } from 'react';
import { App, Checkbox, Col, DatePicker, Divider, Form, Input, InputNumber, Radio, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  EVENT_FIGURE,
  EVENT_FIGURE_PARTS,
  EVENT_FIGURES,
  EVENT_ROLES,
  EVENT_ROLE_LABELS,
  type Event,
  type EventFigure,
  type EventRole,
} from '../../../../shared/events.js';
import { FormModal } from '../../../components/ui/form-modal';
import { EnterpriseMultiSelect } from '../../../lib/enterprise-select';
import { emptyToNull, showApiError } from '../../../lib/form';
import { PlaceSelect } from '../../../lib/place-select';
import { useVersionedSave } from '../../../lib/record-conflict';
import { useDepartments, useDictionaryItems } from '../../../lib/reference-data';
import { type EventInput, useCreateEvent, useUpdateEvent } from '../api/events';

type EventFormValues = {
  type?: string;
  theme: string;
  startDate: Dayjs;
  endDate?: Dayjs | null;
  role: EventRole;
  organiser?: string | null;
  placeIds: number[];
  enterpriseIds: number[];
  departmentIds: number[];
  notes?: string | null;
} & Partial<Record<EventFigure, number | null>>;

/** The theme of the seed's 送科技下乡 events, which most events of the year share. */
export const DEFAULT_EVENT_THEME = '科技下乡,为民服务';

const PLACE_LEVELS = ['county', 'town', 'village'] as const;

/** Figure inputs three to a row, in their declared order (资料 with its 其中 first). */
const FIGURE_ROWS: EventFigure[][] = Array.from({ length: Math.ceil(EVENT_FIGURES.length / 3) }, (_, i) => EVENT_FIGURES.slice(i * 3, i * 3 + 3));

function toInput(values: EventFormValues): EventInput {
  const figures = Object.fromEntries(EVENT_FIGURES.map((f) => [f, values[f] ?? null])) as Record<EventFigure, number | null>;
  return {
    type: values.type!,
    theme: values.theme.trim(),
    startDate: values.startDate.format('YYYY-MM-DD'),
    endDate: values.endDate ? values.endDate.format('YYYY-MM-DD') : null,
    role: values.role,
    organiser: emptyToNull(values.organiser?.trim()),
    placeIds: values.placeIds ?? [],
    enterpriseIds: values.enterpriseIds ?? [],
    departmentIds: values.departmentIds ?? [],
    notes: emptyToNull(values.notes?.trim()),
    ...figures,
  };
}

function initialValuesOf(event: Event | null): EventFormValues {
  if (!event) {
    return { theme: DEFAULT_EVENT_THEME, startDate: dayjs(), role: 'lead', placeIds: [], enterpriseIds: [], departmentIds: [] };
  }
  return {
    type: event.type,
    theme: event.theme,
    startDate: dayjs(event.startDate),
    endDate: event.endDate ? dayjs(event.endDate) : null,
    role: event.role,
    organiser: event.organiser ?? '',
    placeIds: event.places.map((p) => p.id),
    enterpriseIds: event.enterprises.map((e) => e.id),
    departmentIds: event.departments.map((d) => d.id),
    notes: event.notes ?? '',
    ...Object.fromEntries(EVENT_FIGURES.map((f) => [f, event[f]])),
  };
}

/** 登记活动 / 编辑活动: `event` null with `open` registers a new one. */
export function EventFormModal({
  open,
  event,
  onClose,
  onSaved,
}: {
  open: boolean;
  event: Event | null;
  onClose: () => void;
  onSaved?: (saved: Event) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<EventFormValues>();
  const types = useDictionaryItems('event_type');
  const departments = useDepartments();
  const create = useCreateEvent();
  const update = useUpdateEvent();
  const role = Form.useWatch('role', form);
  const initialValues = useMemo(() => initialValuesOf(event), [event]);
  const guard = useVersionedSave<Event, EventFormValues>({
    record: event,
    open,
    toValues: initialValuesOf,
    fields: [
      { name: 'type', label: '活动类型' },
      { name: 'theme', label: '活动主题' },
      { name: 'startDate', label: '开始日期' },
      { name: 'endDate', label: '结束日期' },
      { name: 'role', label: '本局角色', format: (v) => EVENT_ROLE_LABELS[v as EventRole] ?? String(v) },
      { name: 'organiser', label: '主办单位' },
      { name: 'placeIds', label: '活动地点', format: (v) => (v as number[]).map((id) => event?.places.find((p) => p.id === id)?.name ?? `#${id}`).join('、') },
      {
        name: 'enterpriseIds',
        label: '企业/基地',
        format: (v) => (v as number[]).map((id) => event?.enterprises.find((e) => e.id === id)?.name ?? `#${id}`).join('、'),
      },
      {
        name: 'departmentIds',
        label: '参与部门',
        format: (v) => (v as number[]).map((id) => departments.data?.find((d) => d.id === id)?.name ?? `#${id}`).join('、'),
      },
      ...EVENT_FIGURES.map((f) => ({ name: f, label: EVENT_FIGURE[f].label })),
      { name: 'notes', label: '备注' },
    ],
    resubmit: (values, version) => submit(values, version),
    reload: (values) => form.setFieldsValue(values),
  });

  const typeOptions = (types.data ?? []).filter((item) => item.active || item.value === event?.type).map((item) => ({ value: item.value, label: item.label }));
  const departmentOptions = (departments.data ?? [])
    .filter((d) => d.active || event?.departments.some((x) => x.id === d.id))
    .map((d) => ({ value: d.id, label: <span title={d.name}>{d.shortName ?? d.name}</span> }));

  const submit = (values: EventFormValues, version = guard.version) => {
    const input = toInput(values);
    const callbacks = {
      onSuccess: (saved: Event) => {
        guard.succeeded(saved);
        void message.success(event ? '活动已保存' : `活动「${saved.theme}」已登记`);
        onClose();
        onSaved?.(saved);
      },
      onError: (error: unknown) => guard.catchStale(error, values) || showApiError(message, error, form),
    };
    if (event) update.mutate({ id: event.id, version: version ?? event.version, ...input }, callbacks);
    else create.mutate({ ...input, idempotencyKey: guard.keyFor(input) }, callbacks);
  };
  const onFinish = (values: EventFormValues) => submit(values);

  const figureInput = (f: EventFigure) => {
    const { label, unit } = EVENT_FIGURE[f];
    // The server checks that a whole's parts (图书、宣传单 of 发放资料) do not exceed it, on the first
    // part; so does the form, rechecking when any part or the whole changes.
    const sum = EVENT_FIGURE_PARTS.find((p) => p.parts[0] === f);
    const rules = sum
      ? [
          ({ getFieldValue }: { getFieldValue: (name: string) => unknown }) => ({
            validator: async () => {
              const whole = getFieldValue(sum.whole) as number | null | undefined;
              const parts = sum.parts.reduce((total, p) => total + ((getFieldValue(p) as number | null | undefined) ?? 0), 0);
              if (whole !== null && whole !== undefined && parts > whole) throw new Error(sum.message);
            },
          }),
        ]
      : [];
    return (
      <Col xs={12} md={8} key={f}>
        <Form.Item label={label} name={f} rules={rules} dependencies={sum ? [sum.whole, ...sum.parts.slice(1)] : undefined}>
          <InputNumber<number> min={0} max={100_000_000} precision={0} step={1} suffix={unit} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
    );
  };

  return (
    <FormModal<EventFormValues>
      open={open}
      title={event ? '编辑活动' : '登记活动'}
      okText="保存"
      name={event ? 'edit-event' : 'create-event'}
      form={form}
      onFinish={onFinish}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      width={880}
      initialValues={initialValues}
    >
      {guard.dialog}
      <Row gutter={16}>
        <Col xs={24} md={10}>
          <Form.Item label="活动类型" name="type" rules={[{ required: true, message: '请选择活动类型' }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={typeOptions} loading={types.isPending} placeholder="科技三下乡、科技活动周、培训班…" />
          </Form.Item>
        </Col>
        <Col xs={24} md={14}>
          <Form.Item
            label="活动主题"
            name="theme"
            rules={[
              { required: true, whitespace: true, message: '请填写活动主题' },
              { max: 200, message: '活动主题不能超过200个字' },
            ]}
          >
            <Input />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item label="开始日期" name="startDate" rules={[{ required: true, message: '请选择开始日期' }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item
            label="结束日期"
            name="endDate"
            dependencies={['startDate']}
            extra="一天的活动不填"
            rules={[
              ({ getFieldValue }) => ({
                validator: async (_rule, value: Dayjs | null | undefined) => {
                  const start = getFieldValue('startDate') as Dayjs | undefined;
                  if (value && start && value.isBefore(start, 'day')) throw new Error('结束日期不能早于开始日期');
                },
              }),
            ]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="本局角色" name="role" rules={[{ required: true, message: '请选择本局角色' }]}>
            <Radio.Group optionType="button" options={EVENT_ROLES.map((r) => ({ value: r, label: EVENT_ROLE_LABELS[r] }))} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item
            label="主办单位"
            name="organiser"
            rules={[{ max: 100, message: '主办单位不能超过100个字' }]}
            extra={role === 'send' ? '组织参加其他单位举办的培训或活动时,填写举办单位' : undefined}
          >
            <Input placeholder="如：县科技局；县委宣传部、县科技局、县科协" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="活动地点" name="placeIds" extra="乡镇、村/社区,可选多个">
            <PlaceSelect multiple levels={PLACE_LEVELS} placeholder="选择举办的乡镇、村/社区" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="企业/基地" name="enterpriseIds" extra="在企业或基地举办时选择">
            <EnterpriseMultiSelect known={event?.enterprises} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item label="参与部门" name="departmentIds">
            <Checkbox.Group options={departmentOptions} />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
        活动数字
      </Divider>
      {FIGURE_ROWS.map((row) => (
        <Row gutter={16} key={row.join()}>
          {row.map(figureInput)}
        </Row>
      ))}
      <Form.Item label="备注" name="notes" rules={[{ max: 2000, message: '备注不能超过2000个字' }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
    </FormModal>
  );
}
