import { type Key, useMemo, useState } from 'react';
import { App, Button, Card, Flex, Form, Input, InputNumber, Popconfirm, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { regionCodeSchema } from '../../../../shared/orgs.js';
import { PLACE_LEVEL_LABELS, type PlaceLevel } from '../../../../shared/reference.js';
import { FormModal } from '../../../components/ui/form-modal';
import { PageHeader } from '../../../components/ui/page-header';
import { QueryError } from '../../../components/ui/query-error';
import { rowTestId } from '../../../components/ui/test-id';
import { emptyToNull, showApiError, zodRule } from '../../../lib/form';
import { usePlaces } from '../../../lib/reference-data';
import { buildPlaceTree, filterPlaceTree, parentIds, type PlaceNode } from '../../../utils/place-tree';
import { type PlaceInput, useCreatePlace, useDeletePlace, useUpdatePlace } from '../api/place-mutations';
import { useVersionedSave } from '../../../lib/record-conflict';
import { ImportDivisionButton } from './import-division-button';

const CHILD_LEVEL: Record<PlaceLevel, PlaceLevel | null> = { county: 'town', town: 'village', village: null };
const LEVEL_COLORS: Record<PlaceLevel, string> = { county: 'blue', town: 'cyan', village: 'default' };

type Editing = { mode: 'create'; parent: PlaceNode | null; level: PlaceLevel } | { mode: 'edit'; place: PlaceNode } | null;

/** 地名: the county's places as a tree (县 → 乡镇 → 村/社区) with their division codes. */
export function PlacesPage() {
  const { message } = App.useApp();
  const places = usePlaces();
  const remove = useDeletePlace();
  const [keyword, setKeyword] = useState('');
  const [expanded, setExpanded] = useState<readonly Key[] | null>(null);
  const [editing, setEditing] = useState<Editing>(null);

  const tree = useMemo(() => buildPlaceTree(places.data ?? []), [places.data]);
  const shown = useMemo(() => filterPlaceTree(tree, keyword), [tree, keyword]);
  // Searching opens every branch that leads to a match; otherwise the county shows its towns.
  const expandedKeys = keyword.trim() ? parentIds(shown) : (expanded ?? tree.filter((n) => n.level === 'county').map((n) => n.id));

  const columns: TableColumnsType<PlaceNode> = [
    { title: '名称', dataIndex: 'name', key: 'name' },
    {
      title: '级别',
      dataIndex: 'level',
      key: 'level',
      width: 110,
      render: (level: PlaceLevel) => <Tag color={LEVEL_COLORS[level]}>{PLACE_LEVEL_LABELS[level]}</Tag>,
    },
    {
      title: '区划代码',
      dataIndex: 'code',
      key: 'code',
      width: 160,
      render: (code: string | null) => (code ? <Typography.Text code>{code}</Typography.Text> : '—'),
    },
    {
      title: '下级数',
      key: 'children',
      width: 90,
      render: (_, place) => (place.level === 'village' ? '—' : (place.children?.length ?? 0)),
    },
    { title: '排序', dataIndex: 'sortOrder', key: 'sortOrder', width: 80 },
    {
      title: '操作',
      key: 'actions',
      width: 220,
      render: (_, place) => {
        const childLevel = CHILD_LEVEL[place.level];
        const hasChildren = (place.children?.length ?? 0) > 0;
        return (
          <Space size={0}>
            {childLevel ? (
              <Button type="link" size="small" onClick={() => setEditing({ mode: 'create', parent: place, level: childLevel })}>
                添加{PLACE_LEVEL_LABELS[childLevel]}
              </Button>
            ) : null}
            <Button type="link" size="small" onClick={() => setEditing({ mode: 'edit', place })}>
              编辑
            </Button>
            {hasChildren ? (
              <Tooltip title="请先删除其下级地名">
                <Button type="link" size="small" danger disabled>
                  删除
                </Button>
              </Tooltip>
            ) : (
              <Popconfirm
                title={`删除「${place.name}」?`}
                description="已被台账记录引用的地名不能删除。"
                okText="删除"
                okButtonProps={{ danger: true }}
                onConfirm={() =>
                  remove.mutateAsync(place.id).then(
                    () => void message.success('地名已删除'),
                    (error: unknown) => showApiError(message, error),
                  )
                }
              >
                <Button type="link" size="small" danger>
                  删除
                </Button>
              </Popconfirm>
            )}
          </Space>
        );
      },
    },
  ];

  const total = places.data?.length ?? 0;

  return (
    <>
      <PageHeader
        title="地名"
        description="县、乡镇、村/社区三级地名及统计用区划代码（12位），供活动、台账选择地点。"
        extra={
          <Space>
            <ImportDivisionButton />
            {tree.some((n) => n.level === 'county') ? null : (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create', parent: null, level: 'county' })}>
                新增县
              </Button>
            )}
          </Space>
        }
      />
      {places.isError ? <QueryError error={places.error} onRetry={() => void places.refetch()} /> : null}
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <Input.Search
            placeholder="按名称或区划代码查找"
            allowClear
            value={keyword}
            onChange={(e) => setKeyword(e.target.value)}
            style={{ width: 260 }}
            aria-label="查找地名"
          />
          <Button onClick={() => setExpanded(parentIds(tree))} disabled={!!keyword.trim()}>
            全部展开
          </Button>
          <Button onClick={() => setExpanded([])} disabled={!!keyword.trim()}>
            全部收起
          </Button>
          <Typography.Text type="secondary">共 {total} 个地名</Typography.Text>
        </Flex>
        <Table<PlaceNode>
          rowKey="id"
          columns={columns}
          dataSource={shown}
          loading={places.isPending && !places.isError}
          pagination={false}
          size="middle"
          expandable={{
            expandedRowKeys: expandedKeys,
            onExpandedRowsChange: (keys) => {
              if (!keyword.trim()) setExpanded(keys);
            },
          }}
          onRow={(place) => rowTestId(`place-row-${place.name}`)}
          locale={{ emptyText: keyword.trim() ? '没有符合条件的地名' : '尚未录入地名，可点“从区划库导入”载入本县的乡镇和村（社区）' }}
        />
      </Card>
      <PlaceModal editing={editing} onClose={() => setEditing(null)} />
    </>
  );
}

interface PlaceForm {
  name: string;
  code?: string;
  sortOrder: number;
}

function PlaceModal({ editing, onClose }: { editing: Editing; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<PlaceForm>();
  const create = useCreatePlace();
  const update = useUpdatePlace();
  const editingPlace = editing?.mode === 'edit' ? editing.place : null;
  const guard = useVersionedSave<PlaceNode, PlaceForm>({
    record: editingPlace,
    open: editing !== null,
    toValues: (p) => ({ name: p.name, code: p.code ?? '', sortOrder: p.sortOrder }),
    fields: [
      { name: 'name', label: '名称' },
      { name: 'code', label: '区划代码' },
      { name: 'sortOrder', label: '排序' },
    ],
    resubmit: (values, version) => submit(values, version),
    reload: (values) => form.setFieldsValue(values),
  });

  const level = editing?.mode === 'edit' ? editing.place.level : editing?.level;
  const parentName = editing?.mode === 'create' ? editing.parent?.name : undefined;
  const levelLabel = level ? PLACE_LEVEL_LABELS[level] : '地名';

  const submit = (values: PlaceForm, version = guard.version) => {
    if (!editing) return;
    const common = {
      name: values.name.trim(),
      code: emptyToNull(values.code?.trim()),
      sortOrder: values.sortOrder ?? 0,
    };
    const done = {
      onSuccess: (saved: { version: number }) => {
        guard.succeeded(saved);
        void message.success(editing.mode === 'edit' ? '地名已保存' : '地名已新增');
        onClose();
      },
      onError: (error: unknown) => guard.catchStale(error, values) || showApiError(message, error, form),
    };
    if (editing.mode === 'edit') {
      const { place } = editing;
      const input: PlaceInput = { parentId: place.parentId, level: place.level, ...common };
      update.mutate({ id: place.id, version: version ?? place.version, ...input }, done);
    } else {
      const input: PlaceInput = { parentId: editing.parent?.id ?? null, level: editing.level, ...common };
      create.mutate({ ...input, idempotencyKey: guard.keyFor(input) }, done);
    }
  };
  const onFinish = (values: PlaceForm) => submit(values);

  const nextSort = editing?.mode === 'create' ? (editing.parent?.children ?? []).reduce((m, c) => Math.max(m, c.sortOrder), 0) + 1 : 0;

  return (
    <FormModal<PlaceForm>
      open={editing !== null}
      title={editing?.mode === 'edit' ? `编辑${levelLabel}` : parentName ? `在「${parentName}」下添加${levelLabel}` : `新增${levelLabel}`}
      name="place"
      form={form}
      onFinish={onFinish}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      initialValues={
        editing?.mode === 'edit' ? { name: editing.place.name, code: editing.place.code ?? '', sortOrder: editing.place.sortOrder } : { sortOrder: nextSort }
      }
    >
      {guard.dialog}
      <Form.Item
        label={`${levelLabel}名称`}
        name="name"
        rules={[
          { required: true, whitespace: true, message: '请填写地名' },
          { max: 50, message: '地名不能超过50个字' },
        ]}
      >
        <Input autoFocus />
      </Form.Item>
      <Form.Item label="区划代码" name="code" extra="统计用区划代码，12位数字；不知道可以先空着" rules={[zodRule(regionCodeSchema)]}>
        <Input maxLength={12} inputMode="numeric" />
      </Form.Item>
      <Form.Item label="排序" name="sortOrder" rules={[{ required: true, message: '请填写排序' }]}>
        <InputNumber min={0} max={99999} precision={0} style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}
