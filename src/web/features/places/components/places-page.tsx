import { type Key, useMemo, useState } from 'react';
import { Button, Flex, Form, Input, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { regionCodeSchema } from '../../../../shared/orgs.js';
import { PLACE_LEVEL_LABELS, type PlaceLevel } from '../../../../shared/reference.js';
import { PageHeader } from '../../../components/ui/page-header';
import { emptyToNull, zodRule } from '../../../lib/form';
import { usePlaces } from '../../../lib/reference-data';
import { buildPlaceTree, filterPlaceTree, parentIds, type PlaceNode } from '../../../utils/place-tree';
import { type PlaceInput, useCreatePlace, useDeletePlace, useUpdatePlace } from '../api/place-mutations';
import {
  type ReferenceEditor,
  type ReferenceKind,
  ReferenceFormModal,
  ReferenceTable,
  nextSortOrder,
  requiredTextRules,
  useReferenceEditor,
} from '../../../lib/reference-table';
import { ImportDivisionButton } from './import-division-button';

const CHILD_LEVEL: Record<PlaceLevel, PlaceLevel | null> = { county: 'town', town: 'village', village: null };
const LEVEL_COLORS: Record<PlaceLevel, string> = { county: 'blue', town: 'cyan', village: 'default' };

type CreateContext = { parent: PlaceNode | null; level: PlaceLevel };

interface PlaceForm {
  name: string;
  code?: string;
  sortOrder: number;
}

const PLACES: ReferenceKind<PlaceNode, PlaceForm, PlaceInput, CreateContext> = {
  noun: '地名',
  columns: [
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
  ],
  nameOf: (place) => place.name,
  rowTestId: (place) => `place-row-${place.name}`,
  deleteNote: '已被台账记录引用的地名不能删除。',
  form: 'place',
  fields: [
    { name: 'name', label: '名称' },
    { name: 'code', label: '区划代码' },
  ],
  toValues: (p) => ({ name: p.name, code: p.code ?? '', sortOrder: p.sortOrder }),
  toInput: (v, target) => ({
    parentId: target.mode === 'edit' ? target.record.parentId : (target.parent?.id ?? null),
    level: target.mode === 'edit' ? target.record.level : target.level,
    name: v.name.trim(),
    code: emptyToNull(v.code?.trim()),
    sortOrder: v.sortOrder ?? 0,
  }),
  sortOrderMax: 99999,
};

/** 地名: the county's places as a tree (县 → 乡镇 → 村/社区) with their division codes. */
export function PlacesPage() {
  const places = usePlaces();
  const remove = useDeletePlace();
  const [keyword, setKeyword] = useState('');
  const [expanded, setExpanded] = useState<readonly Key[] | null>(null);
  const editor = useReferenceEditor<PlaceNode, CreateContext>();

  const tree = useMemo(() => buildPlaceTree(places.data ?? []), [places.data]);
  const shown = useMemo(() => filterPlaceTree(tree, keyword), [tree, keyword]);
  // Searching opens every branch that leads to a match; otherwise the county shows its towns.
  const expandedKeys = keyword.trim() ? parentIds(shown) : (expanded ?? tree.filter((n) => n.level === 'county').map((n) => n.id));

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
              <Button type="primary" icon={<PlusOutlined />} onClick={() => editor.create({ parent: null, level: 'county' })}>
                新增县
              </Button>
            )}
          </Space>
        }
      />
      <ReferenceTable
        kind={PLACES}
        result={places}
        rows={shown}
        size="middle"
        emptyText={keyword.trim() ? '没有符合条件的地名' : '尚未录入地名，可点“从区划库导入”载入本县的乡镇和村（社区）'}
        editor={editor}
        actionsWidth={220}
        actions={(place) => {
          const childLevel = CHILD_LEVEL[place.level];
          return childLevel ? (
            <Button type="link" size="small" onClick={() => editor.create({ parent: place, level: childLevel })}>
              添加{PLACE_LEVEL_LABELS[childLevel]}
            </Button>
          ) : null;
        }}
        remove={remove}
        blockedReason={(place) => ((place.children?.length ?? 0) > 0 ? '请先删除其下级地名' : null)}
        expandable={{
          expandedRowKeys: expandedKeys,
          onExpandedRowsChange: (keys) => {
            if (!keyword.trim()) setExpanded(keys);
          },
        }}
        toolbar={
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
        }
      />
      <PlaceModal editor={editor} />
    </>
  );
}

function PlaceModal({ editor }: { editor: ReferenceEditor<PlaceNode, CreateContext> }) {
  const { editing } = editor;
  const create = useCreatePlace();
  const update = useUpdatePlace();
  const level = editing?.mode === 'edit' ? editing.record.level : editing?.level;
  const parentName = editing?.mode === 'create' ? editing.parent?.name : undefined;
  const levelLabel = level ? PLACE_LEVEL_LABELS[level] : '地名';
  const siblings = editing?.mode === 'create' ? (editing.parent?.children ?? []) : [];

  return (
    <ReferenceFormModal
      kind={PLACES}
      editor={editor}
      create={create}
      update={update}
      createValues={{ sortOrder: nextSortOrder(siblings, 1) }}
      title={editing?.mode === 'edit' ? `编辑${levelLabel}` : parentName ? `在「${parentName}」下添加${levelLabel}` : `新增${levelLabel}`}
    >
      <Form.Item label={`${levelLabel}名称`} name="name" rules={requiredTextRules('地名', 50)}>
        <Input autoFocus />
      </Form.Item>
      <Form.Item label="区划代码" name="code" extra="统计用区划代码，12位数字；不知道可以先空着" rules={[zodRule(regionCodeSchema)]}>
        <Input maxLength={12} inputMode="numeric" />
      </Form.Item>
    </ReferenceFormModal>
  );
}
