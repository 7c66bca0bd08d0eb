import { useMemo } from 'react';
import { App, Button, Card, Col, DatePicker, Divider, Flex, Form, Input, InputNumber, Result, Row, Select, Skeleton } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import {
  PIPELINE,
  PROJECT_LEVELS,
  PROJECT_LEVEL_LABELS,
  SECTORS,
  SECTOR_LABELS,
  STAGE_LABELS,
  type ProjectDetail,
  type ProjectLevel,
  type Sector,
  type Stage,
  wanSchema,
} from '../../../../shared/projects.js';
import { queryIdSchema } from '../../../../shared/common.js';
import { PageHeader } from '../../../components/ui/page-header';
import { QueryError } from '../../../components/ui/query-error';
import { ApiError } from '../../../lib/api-client';
import { useMe } from '../../../lib/auth';
import { emptyToNull, showApiError, zodRule } from '../../../lib/form';
import { useDictionaryItems, useUserOptions, userOptionLabel } from '../../../lib/reference-data';
import { type ProjectFieldsInput, useCreateProject, useProject, useRecentVisits, useUpdateProject, useVisitOption } from '../api/projects';
import { EnterpriseSelect } from '../../../lib/enterprise-select';
import { useVersionedSave } from '../../../lib/record-conflict';

interface ProjectFormValues {
  title: string;
  enterpriseId?: number | null;
  field?: Sector;
  program?: string | null;
  level?: ProjectLevel | null;
  managerId?: number | null;
  amountApplied?: number | null;
  amountApproved?: number | null;
  amountReceived?: number | null;
  amountSelfRaised?: number | null;
  sourceVisitId?: number | null;
  description?: string | null;
  /** Only when creating: where the project enters the pipeline, and when. */
  stage?: Stage;
  stageDate?: Dayjs;
}

const AMOUNTS = [
  { name: 'amountApplied', label: '申报金额' },
  { name: 'amountApproved', label: '立项金额' },
  { name: 'amountReceived', label: '到位金额' },
  { name: 'amountSelfRaised', label: '自筹金额' },
] as const;

/** How the form shows a project. */
function formValuesOf(project: ProjectDetail): ProjectFormValues {
  return {
    title: project.title,
    enterpriseId: project.enterpriseId,
    field: project.field,
    program: project.program,
    level: project.level,
    managerId: project.managerId,
    amountApplied: project.amountApplied,
    amountApproved: project.amountApproved,
    amountReceived: project.amountReceived,
    amountSelfRaised: project.amountSelfRaised,
    sourceVisitId: project.sourceVisitId,
    description: project.description,
  };
}

/** New projects start somewhere on the pipeline, never at an exit. */
const START_STAGES = PIPELINE.map((s) => ({ value: s, label: STAGE_LABELS[s] }));

/** An id from the address (?enterpriseId=…), read with the API's own rule; anything else is no id. */
const idFrom = (value: string | null): number | undefined => queryIdSchema.safeParse(value ?? '').data;

function toFields(values: ProjectFormValues): ProjectFieldsInput {
  return {
    title: values.title.trim(),
    enterpriseId: emptyToNull(values.enterpriseId ?? undefined),
    field: values.field!,
    program: emptyToNull(values.program ?? undefined),
    level: emptyToNull(values.level ?? undefined),
    managerId: emptyToNull(values.managerId ?? undefined),
    amountApplied: values.amountApplied ?? null,
    amountApproved: values.amountApproved ?? null,
    amountReceived: values.amountReceived ?? null,
    amountSelfRaised: values.amountSelfRaised ?? null,
    sourceVisitId: emptyToNull(values.sourceVisitId ?? undefined),
    description: emptyToNull(values.description?.trim()),
  };
}

/** The server names the starting stage's date `stageDates.<stage>`; this form has one date field. */
function onStageDateField(error: unknown): unknown {
  if (!(error instanceof ApiError) || error.fieldIssues.length === 0) return error;
  return new ApiError({
    status: error.status,
    code: error.code,
    message: error.message,
    requestId: error.requestId,
    details: error.fieldIssues.map((i) => (i.path.startsWith('stageDates.') ? { ...i, path: 'stageDate' } : i)),
  });
}

function SourceVisitSelect(props: { id?: string; value?: number | null; onChange?: (v: number | null) => void }) {
  const recent = useRecentVisits();
  const inRecent = (recent.data ?? []).some((v) => v.id === props.value);
  const chosen = useVisitOption(props.value, !recent.isPending && !inRecent);
  const list = [...(recent.data ?? [])];
  if (props.value && !inRecent && chosen.data) list.unshift(chosen.data);
  return (
    <Select<number>
      id={props.id}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? null)}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder="不是调研中发现的可不选"
      loading={recent.isPending}
      options={list.map((v) => ({
        value: v.id,
        label: `${v.visitDate} ${v.enterpriseNames}:${v.purpose}`,
      }))}
    />
  );
}

/** 新建项目 / 编辑项目: one page, two columns of fields; creating also sets the starting stage. */
export function ProjectFormPage() {
  const params = useParams();
  const editingId = idFrom(params.id ?? null) ?? 0;
  const project = useProject(editingId);

  if (params.id && !editingId) return <Result status="404" title="项目不存在" />;
  if (editingId) {
    if (project.isError) return <QueryError error={project.error} onRetry={() => void project.refetch()} />;
    if (!project.data) return <Skeleton active />;
    return <ProjectForm project={project.data} />;
  }
  return <ProjectForm project={null} />;
}

function ProjectForm({ project }: { project: ProjectDetail | null }) {
  const me = useMe();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [form] = Form.useForm<ProjectFormValues>();
  const programs = useDictionaryItems('program');
  const users = useUserOptions();
  const create = useCreateProject();
  const update = useUpdateProject();
  const stage = Form.useWatch('stage', form) ?? 'lead';
  const guard = useVersionedSave<ProjectDetail, ProjectFormValues>({
    record: project,
    open: true,
    toValues: formValuesOf,
    fields: [
      { name: 'title', label: '项目名称' },
      { name: 'enterpriseId', label: '申报单位', format: (v) => (v === project?.enterpriseId ? (project?.enterpriseName ?? String(v)) : `#${String(v)}`) },
      { name: 'field', label: '领域', format: (v) => SECTOR_LABELS[v as Sector] ?? String(v) },
      { name: 'program', label: '计划类别' },
      { name: 'level', label: '级别', format: (v) => PROJECT_LEVEL_LABELS[v as ProjectLevel] ?? String(v) },
      { name: 'managerId', label: '责任人', format: (v) => users.data?.find((u) => u.id === v)?.displayName ?? String(v) },
      ...AMOUNTS.map((a) => ({ name: a.name, label: `${a.label}(万元)` })),
      { name: 'sourceVisitId', label: '来源调研', format: (v) => `调研记录 #${String(v)}` },
      { name: 'description', label: '项目简介' },
    ],
    resubmit: (values, version) => submit(values, version),
    reload: (values) => form.setFieldsValue(values),
  });

  const initialValues = useMemo((): ProjectFormValues | undefined => {
    if (project) return formValuesOf(project);
    // Links from a visit (登记项目线索) or an enterprise preset where the project came from.
    return {
      title: '',
      enterpriseId: idFrom(search.get('enterpriseId')) ?? null,
      sourceVisitId: idFrom(search.get('sourceVisitId')) ?? null,
      managerId: me.role === 'staff' ? me.id : null,
      stage: 'lead',
      stageDate: dayjs(),
    };
    // Read once: the form owns the values afterwards.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [project?.id]);

  const programOptions = (programs.data ?? [])
    .filter((item) => item.active || item.value === project?.program)
    .map((item) => ({ value: item.value, label: item.label }));
  const userOptions = (users.data ?? []).filter((u) => !u.disabled || u.id === project?.managerId).map((u) => ({ value: u.id, label: userOptionLabel(u) }));

  const backTo = project ? `/projects/${project.id}` : search.get('sourceVisitId') ? `/visits/${search.get('sourceVisitId')}` : '/projects';

  const submit = (values: ProjectFormValues, version = guard.version) => {
    const fields = toFields(values);
    if (project) {
      update.mutate(
        { id: project.id, version: version ?? project.version, ...fields },
        {
          onSuccess: (saved) => {
            guard.succeeded(saved);
            void message.success('项目信息已保存');
            navigate(`/projects/${project.id}`);
          },
          onError: (error) => guard.catchStale(error, values) || showApiError(message, error, form),
        },
      );
      return;
    }
    const startStage = values.stage ?? 'lead';
    const body = { ...fields, stage: startStage, stageDates: { [startStage]: values.stageDate!.format('YYYY-MM-DD') } };
    create.mutate(
      { ...body, idempotencyKey: guard.keyFor(body) },
      {
        onSuccess: (created) => {
          guard.succeeded();
          void message.success(`项目「${created.title}」已登记为${STAGE_LABELS[created.stage]}`);
          navigate(`/projects/${created.id}`);
        },
        onError: (error) => showApiError(message, onStageDateField(error), form),
      },
    );
  };
  const onFinish = (values: ProjectFormValues) => submit(values);

  return (
    <>
      <PageHeader title={project ? `编辑项目` : '新建项目'} description={project ? project.title : '登记调研中发现的项目线索,或直接录入储备、申报中的项目。'} />
      <Card>
        <Form<ProjectFormValues>
          form={form}
          name={project ? 'edit-project' : 'create-project'}
          layout="vertical"
          initialValues={initialValues}
          onFinish={onFinish}
          style={{ maxWidth: 960 }}
        >
          {guard.dialog}
          <Row gutter={24}>
            <Col xs={24}>
              <Form.Item
                label="项目名称"
                name="title"
                rules={[
                  { required: true, whitespace: true, message: '请填写项目名称' },
                  { max: 200, message: '项目名称不能超过200个字' },
                ]}
              >
                <Input autoFocus={!project} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="申报单位" name="enterpriseId" extra="企业、示范基地或合作社;未登记的请先在“企业与基地”中登记">
                <EnterpriseSelect
                  onChange={(_id, option) => {
                    // The project's field usually follows the enterprise's industry.
                    if (option && !form.getFieldValue('field')) form.setFieldValue('field', option.industry);
                  }}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="领域" name="field" rules={[{ required: true, message: '请选择领域' }]}>
                <Select options={SECTORS.map((s) => ({ value: s, label: SECTOR_LABELS[s] }))} placeholder="工业/农业/社会发展" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="计划类别" name="program">
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  options={programOptions}
                  loading={programs.isPending}
                  placeholder="申报的科技计划"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="级别" name="level">
                <Select allowClear options={PROJECT_LEVELS.map((l) => ({ value: l, label: PROJECT_LEVEL_LABELS[l] }))} placeholder="国家/部级/省/市/县" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="责任人" name="managerId">
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  options={userOptions}
                  loading={users.isPending}
                  placeholder="负责跟进的工作人员"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="来源调研" name="sourceVisitId">
                <SourceVisitSelect />
              </Form.Item>
            </Col>
          </Row>
          <Divider titlePlacement="start" plain>
            金额(万元)
          </Divider>
          <Row gutter={24}>
            {AMOUNTS.map((a) => (
              <Col xs={12} md={6} key={a.name}>
                <Form.Item label={a.label} name={a.name} rules={[zodRule(wanSchema)]}>
                  <InputNumber<number> min={0} max={10_000_000} step={1} suffix="万元" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            ))}
          </Row>
          {!project ? (
            <>
              <Divider titlePlacement="start" plain>
                起始阶段
              </Divider>
              <Row gutter={24}>
                <Col xs={24} md={12}>
                  <Form.Item
                    label="起始阶段"
                    name="stage"
                    rules={[{ required: true, message: '请选择起始阶段' }]}
                    extra="调研中新发现的项目为线索;以往已入库或已申报的项目可直接从相应阶段录入"
                  >
                    <Select options={START_STAGES} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item label={`${STAGE_LABELS[stage]}日期`} name="stageDate" rules={[{ required: true, message: '请选择日期' }]}>
                    <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
                  </Form.Item>
                </Col>
              </Row>
            </>
          ) : null}
          <Form.Item label="项目简介" name="description" rules={[{ max: 4000, message: '项目简介不能超过4000个字' }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} placeholder="主要内容、技术特点、预期效益等" />
          </Form.Item>
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" loading={create.isPending || update.isPending}>
              {project ? '保存' : '登记项目'}
            </Button>
            <Link to={backTo}>
              <Button>取消</Button>
            </Link>
          </Flex>
        </Form>
      </Card>
    </>
  );
}
