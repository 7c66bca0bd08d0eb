import { useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Drawer, Empty, Flex, Form, Grid, Popconfirm, Result, Skeleton, Tag, Typography } from 'antd';
import { EnvironmentOutlined, LockOutlined, TeamOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import type { ServiceLog } from '../../../../shared/commissioners.js';
import { QueryError } from '../../../components/ui/query-error';
import { isUploading } from '../../../lib/attachment-upload';
import { showApiError } from '../../../lib/form';
import { type CommissionerDetail, useMyCommissioner } from '../api/commissioners';
import { useCreateServiceLog, useDeleteServiceLog, useMyServiceLogs, useUpdateServiceLog } from '../api/service-logs';
import { ConfirmedTag, FileLinks, logWhere } from './commissioner-display';
import { ServiceLogFields, type ServiceLogFormValues, serviceLogConflictFields, serviceLogInitialValues, toServiceLogInput } from './service-log-fields';
import { useVersionedSave } from '../../../lib/record-conflict';

/**
 * 我的服务日志: the commissioner's own screen, made for a phone in the field. One big 记一笔 button,
 * a full-width form, and their logs as cards, newest first; a card opens for editing only when the
 * log's policies allow it (a confirmed, 已审核, log is locked).
 */
export function MyLogsPage() {
  const me = useMyCommissioner();
  if (me.isError) return <QueryError error={me.error} onRetry={() => void me.refetch()} />;
  if (me.isPending) return <Skeleton active />;
  if (!me.data) {
    return (
      <Result status="info" title="您的账号还没有关联科技特派员档案" subTitle="请联系县科技局工作人员,在“科技特派员”名册中为您关联登录账号后再填写服务日志。" />
    );
  }
  return <MyLogs commissioner={me.data} />;
}

function MyLogs({ commissioner }: { commissioner: CommissionerDetail }) {
  const [search, setSearch] = useSearchParams();
  const logs = useMyServiceLogs(true);
  const opensNew = search.has('new');
  // undefined: closed; null: a new log; a log: changing it.
  const [editing, setEditing] = useState<ServiceLog | null | undefined>(opensNew ? null : undefined);
  const [justSaved, setJustSaved] = useState<number | null>(null);
  const items = useMemo(() => logs.data?.pages.flatMap((p) => p.items) ?? [], [logs.data]);
  const total = logs.data?.pages[0]?.total ?? 0;

  useEffect(() => {
    // ?new=1 (the home page's link) opens the form once; reloading the list page should not.
    if (opensNew) setSearch({}, { replace: true });
  }, [opensNew, setSearch]);

  return (
    <div style={{ maxWidth: 640, margin: '0 auto' }}>
      <Flex vertical gap={4} style={{ marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          我的服务日志
        </Typography.Title>
        <Typography.Text type="secondary">
          {commissioner.name} · {commissioner.employer}
          {commissioner.places.length ? ` · ${commissioner.places.map((p) => p.name).join('、')}` : ''}
        </Typography.Text>
      </Flex>
      {commissioner.policies.createLog ? (
        <Button type="primary" size="large" block onClick={() => setEditing(null)} style={{ height: 56, fontSize: 20, marginBottom: 16 }} data-testid="log-new">
          记一笔
        </Button>
      ) : null}
      {logs.isError ? <QueryError error={logs.error} onRetry={() => void logs.refetch()} /> : null}
      {logs.isPending ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Card>
          <Empty description="还没有服务日志,点“记一笔”记下今天的服务" />
        </Card>
      ) : (
        <Flex vertical gap={12}>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            共 {total} 条;已审核的日志锁定,不能再修改
          </Typography.Text>
          {items.map((log) => (
            <LogCard key={log.id} log={log} highlighted={log.id === justSaved} onOpen={() => setEditing(log)} />
          ))}
          {logs.hasNextPage ? (
            <Button block onClick={() => void logs.fetchNextPage()} loading={logs.isFetchingNextPage}>
              加载更多
            </Button>
          ) : null}
        </Flex>
      )}
      <LogDrawer
        commissioner={commissioner}
        editing={editing}
        defaultPlaceId={items[0]?.placeId ?? commissioner.places[0]?.id ?? null}
        onClose={() => setEditing(undefined)}
        onSaved={(saved) => {
          setJustSaved(saved.id);
          window.scrollTo({ top: 0, behavior: 'smooth' });
        }}
      />
    </div>
  );
}

function LogCard({ log, highlighted, onOpen }: { log: ServiceLog; highlighted: boolean; onOpen: () => void }) {
  const locked = !log.policies.update;
  return (
    <Card
      size="small"
      hoverable={!locked}
      onClick={locked ? undefined : onOpen}
      data-testid={`my-log-${log.id}`}
      style={highlighted ? { borderColor: '#52c41a', boxShadow: '0 0 0 2px rgba(82,196,26,0.15)' } : undefined}
      styles={{ body: { padding: 14 } }}
    >
      <Flex justify="space-between" align="center" gap={8} style={{ marginBottom: 6 }}>
        <Flex align="center" gap={8} wrap>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {log.logDate}
          </Typography.Text>
          <Tag color="blue" style={{ marginInlineEnd: 0 }}>
            {log.kind}
          </Tag>
        </Flex>
        <ConfirmedTag log={log} />
      </Flex>
      <div style={{ color: '#595959', marginBottom: 6 }}>
        <EnvironmentOutlined /> {logWhere(log)}
        {log.peopleServed !== null ? (
          <span style={{ marginInlineStart: 12, whiteSpace: 'nowrap' }}>
            <TeamOutlined /> {log.peopleServed} 人次
          </span>
        ) : null}
      </div>
      <Typography.Paragraph ellipsis={{ rows: 3 }} style={{ marginBottom: log.files.length ? 8 : 0, whiteSpace: 'pre-wrap' }}>
        {log.content}
      </Typography.Paragraph>
      {log.files.length ? (
        <div onClick={(e) => e.stopPropagation()}>
          <FileLinks files={log.files} thumbSize={56} />
        </div>
      ) : null}
      {locked && log.confirmedAt ? (
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 6 }}>
          <LockOutlined /> 已由{log.confirmedByName ?? '局领导'}审核,不能再修改
        </Typography.Text>
      ) : null}
    </Card>
  );
}

function LogDrawer({
  commissioner,
  editing,
  defaultPlaceId,
  onClose,
  onSaved,
}: {
  commissioner: CommissionerDetail;
  editing: ServiceLog | null | undefined;
  defaultPlaceId: number | null;
  onClose: () => void;
  onSaved: (saved: ServiceLog) => void;
}) {
  const screens = Grid.useBreakpoint();
  const open = editing !== undefined;
  const log = editing ?? null;
  return (
    <Drawer
      open={open}
      onClose={onClose}
      placement="right"
      size={screens.md ? 560 : '100%'}
      title={log ? `修改服务日志(${log.logDate})` : '记录一次服务'}
      destroyOnHidden
      styles={{ body: { paddingTop: 12 } }}
    >
      {/* A fresh form (and form store) for every log opened, so a new one never starts from the last one's values. */}
      {open ? (
        <LogForm
          key={log ? `log-${log.id}` : 'new'}
          commissioner={commissioner}
          log={log}
          defaultPlaceId={defaultPlaceId}
          onClose={onClose}
          onSaved={onSaved}
        />
      ) : null}
    </Drawer>
  );
}

function LogForm({
  commissioner,
  log,
  defaultPlaceId,
  onClose,
  onSaved,
}: {
  commissioner: CommissionerDetail;
  log: ServiceLog | null;
  defaultPlaceId: number | null;
  onClose: () => void;
  onSaved: (saved: ServiceLog) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ServiceLogFormValues>();
  const create = useCreateServiceLog();
  const update = useUpdateServiceLog();
  const guard = useVersionedSave<ServiceLog, ServiceLogFormValues>({
    record: log,
    open: true,
    toValues: (record) => serviceLogInitialValues(record),
    fields: [...serviceLogConflictFields(log)],
    resubmit: (values, version) => submit(values, version),
    reload: (values) => form.setFieldsValue(values),
  });
  const remove = useDeleteServiceLog();
  const preferred = useMemo(() => commissioner.places.map((p) => p.id), [commissioner.places]);
  const [initialValues] = useState(() => serviceLogInitialValues(log, { placeId: defaultPlaceId }));

  const submit = (values: ServiceLogFormValues, version = guard.version) => {
    if (isUploading(values.files)) {
      void message.warning('照片还在上传,请稍候再提交');
      return;
    }
    const input = toServiceLogInput(values);
    const callbacks = {
      onSuccess: (saved: ServiceLog) => {
        guard.succeeded(saved);
        void message.success(log ? '已保存' : '已提交');
        onClose();
        onSaved(saved);
      },
      onError: (error: unknown) => guard.catchStale(error, values) || showApiError(message, error, form),
    };
    if (log) update.mutate({ id: log.id, version: version ?? log.version, ...input }, callbacks);
    else create.mutate({ commissionerId: commissioner.id, ...input, idempotencyKey: guard.keyFor(input) }, callbacks);
  };
  const onFinish = (values: ServiceLogFormValues) => submit(values);

  const onDelete = () =>
    log
      ? remove.mutateAsync(log.id).then(
          () => {
            void message.success('已删除');
            onClose();
          },
          (error: unknown) => showApiError(message, error),
        )
      : undefined;

  return (
    <Form<ServiceLogFormValues>
      form={form}
      name={log ? 'edit-my-log' : 'create-my-log'}
      layout="vertical"
      onFinish={onFinish}
      initialValues={initialValues}
      requiredMark={false}
    >
      {guard.dialog}
      <ServiceLogFields preferredPlaces={preferred} enterprises={commissioner.enterprises} compact currentKind={log?.kind} />
      <Button type="primary" htmlType="submit" size="large" block loading={create.isPending || update.isPending} style={{ height: 52, fontSize: 18 }}>
        {log ? '保存' : '提交'}
      </Button>
      {log?.policies.delete ? (
        <Popconfirm title="删除这条服务日志?" okText="删除" okButtonProps={{ danger: true }} onConfirm={onDelete}>
          <Button danger block size="large" style={{ marginTop: 12 }} loading={remove.isPending}>
            删除
          </Button>
        </Popconfirm>
      ) : null}
    </Form>
  );
}
