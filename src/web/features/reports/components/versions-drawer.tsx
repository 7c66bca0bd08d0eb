import { type CSSProperties, useEffect, useState } from 'react';
import { Button, Drawer, Flex, List, Modal, Popconfirm, Select, Skeleton, Space, Switch, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { CatalogueIndex } from '../../../../shared/fact-catalogue.js';
import type { TextPart, VersionCompare } from '../../../../shared/reports.js';
import { QueryError } from '../../../components/ui/query-error';
import { formatDateTime } from '../../../utils/format';
import { exportUrl, useVersion, useVersionCompare, useVersions } from '../api/reports';
import { factLabel } from './doc-model';
import { DocumentView } from './document-view';

interface VersionsDrawerProps {
  reportId: number;
  open: boolean;
  onClose: () => void;
  /** The version the editor shows. */
  loadedVersion: number;
  canRestore: boolean;
  restoring: boolean;
  onRestore: (versionNo: number) => void;
  /** The bureau's fact catalogue, to name the facts of changed figures. */
  facts?: CatalogueIndex;
}

/** 版本: every saved version (who, when, why), to view, compare side by side, or restore. */
export function VersionsDrawer({ reportId, open, onClose, loadedVersion, canRestore, restoring, onRestore, facts }: VersionsDrawerProps) {
  const versions = useVersions(reportId, open);
  const [viewing, setViewing] = useState<number | null>(null);
  const [left, setLeft] = useState<number | null>(null);
  const [right, setRight] = useState<number | null>(null);
  const [comparing, setComparing] = useState<[number, number] | null>(null);
  const items = versions.data ?? [];
  const latest = items.length ? Math.max(...items.map((v) => v.versionNo)) : loadedVersion;

  // Compare the last two versions unless the user picks others.
  useEffect(() => {
    if (!open || !items.length) return;
    setRight((r) => r ?? latest);
    setLeft((l) => l ?? Math.max(1, latest - 1));
  }, [open, items.length, latest]);

  const options = [...items].sort((a, b) => b.versionNo - a.versionNo).map((v) => ({ value: v.versionNo, label: `第${v.versionNo}版` }));

  return (
    <Drawer title="版本" open={open} onClose={onClose} size={480} destroyOnHidden>
      {versions.isError ? <QueryError error={versions.error} onRetry={() => void versions.refetch()} /> : null}
      {versions.isPending ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={16}>
          <Flex gap={8} align="center" wrap>
            <span>对比</span>
            <Select<number> value={left ?? undefined} onChange={setLeft} options={options} style={{ width: 100 }} aria-label="对比的旧版本" />
            <span>与</span>
            <Select<number> value={right ?? undefined} onChange={setRight} options={options} style={{ width: 100 }} aria-label="对比的新版本" />
            <Button onClick={() => left && right && setComparing([Math.min(left, right), Math.max(left, right)])} disabled={!left || !right || left === right}>
              对比
            </Button>
          </Flex>
          <List
            dataSource={[...items].sort((a, b) => b.versionNo - a.versionNo)}
            renderItem={(v) => (
              <List.Item
                data-testid="version-item"
                data-version-no={v.versionNo}
                actions={[
                  <Button key="view" type="link" size="small" onClick={() => setViewing(v.versionNo)}>
                    查看
                  </Button>,
                  canRestore && v.versionNo !== latest ? (
                    <Popconfirm
                      key="restore"
                      title={`恢复第${v.versionNo}版?`}
                      description={`将以第${v.versionNo}版的内容另存为第${latest + 1}版,现有各版本都保留。`}
                      okText="恢复"
                      onConfirm={() => onRestore(v.versionNo)}
                    >
                      <Button type="link" size="small" loading={restoring}>
                        恢复
                      </Button>
                    </Popconfirm>
                  ) : null,
                ].filter(Boolean)}
              >
                <List.Item.Meta
                  title={
                    <Space size={6} wrap>
                      <span>第{v.versionNo}版</span>
                      {v.versionNo === latest ? <Tag color="blue">最新</Tag> : null}
                      {v.versionNo === loadedVersion && v.versionNo !== latest ? <Tag color="orange">正在编辑</Tag> : null}
                    </Space>
                  }
                  description={
                    <>
                      <div>{v.note ?? '(无说明)'}</div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {v.createdByName ?? '—'} · {formatDateTime(v.createdAt)}
                      </Typography.Text>
                    </>
                  }
                />
              </List.Item>
            )}
          />
        </Flex>
      )}
      <VersionViewModal reportId={reportId} versionNo={viewing} onClose={() => setViewing(null)} />
      <CompareModal reportId={reportId} pair={comparing} catalogue={facts} onClose={() => setComparing(null)} />
    </Drawer>
  );
}

function VersionViewModal({ reportId, versionNo, onClose }: { reportId: number; versionNo: number | null; onClose: () => void }) {
  const version = useVersion(reportId, versionNo);
  return (
    <Modal
      open={versionNo !== null}
      title={`第${versionNo ?? ''}版${version.data?.note ? `(${version.data.note})` : ''}`}
      onCancel={onClose}
      width={960}
      footer={
        versionNo ? (
          <Space>
            <Button icon={<DownloadOutlined />} href={exportUrl(reportId, 'docx', versionNo)} download>
              导出此版Word
            </Button>
            <Button onClick={onClose}>关闭</Button>
          </Space>
        ) : null
      }
      destroyOnHidden
    >
      {version.isError ? <QueryError error={version.error} /> : null}
      {version.data ? <DocumentView doc={version.data.doc} /> : <Skeleton active />}
    </Modal>
  );
}

type ParagraphCompare = VersionCompare['opening'];

interface Row {
  key: string;
  /** A title or heading row (bold). */
  heading: boolean;
  status: ParagraphCompare['status'];
  left: string | null;
  right: string | null;
  parts: TextPart[] | null;
  figures: ParagraphCompare['figures'];
}

const STATUS_TAGS: Partial<Record<ParagraphCompare['status'], { color: string; text: string }>> = {
  added: { color: 'green', text: '新增' },
  removed: { color: 'red', text: '删去' },
};

/** The server's comparison as table rows: the title, the opening, then each section's heading and paragraphs. */
function compareRows(cmp: VersionCompare): Row[] {
  const line = (key: string, a: string | null, b: string | null): Row => ({
    key,
    heading: true,
    status: a === null ? 'added' : b === null ? 'removed' : a === b ? 'same' : 'changed',
    left: a,
    right: b,
    parts: null,
    figures: [],
  });
  const paragraph = (p: ParagraphCompare): Row => ({ key: p.key, heading: false, status: p.status, left: p.a, right: p.b, parts: p.parts, figures: p.figures });
  const rows: Row[] = [line('title', cmp.title.a, cmp.title.b)];
  if (cmp.opening.a || cmp.opening.b) rows.push(paragraph(cmp.opening));
  for (const s of cmp.sections) {
    rows.push(line(`heading:${s.key}`, s.heading.a, s.heading.b));
    rows.push(...s.paragraphs.map(paragraph));
  }
  return rows;
}

/** One side of a row: the shared text with what this side alone has marked (removed on the left, added on the right). */
function Side({ row, side }: { row: Row; side: 'left' | 'right' }) {
  const text = side === 'left' ? row.left : row.right;
  if (text === null) return <Typography.Text type="secondary">(无)</Typography.Text>;
  const own = side === 'left' ? 'removed' : 'added';
  const mark = side === 'left' ? 'kg-diff-mark-removed' : 'kg-diff-mark';
  if (row.status === 'same') return <>{text}</>;
  if (!row.parts) return <span className={row.status === 'changed' ? mark : undefined}>{text}</span>;
  return (
    <>
      {row.parts
        .filter((part) => part.kind === 'same' || part.kind === own)
        .map((part, i) =>
          part.kind === 'same' ? (
            <span key={i}>{part.text}</span>
          ) : (
            <span key={i} className={mark}>
              {part.text}
            </span>
          ),
        )}
    </>
  );
}

function FigureChanges({ figures, catalogue }: { figures: Row['figures']; catalogue?: CatalogueIndex }) {
  if (!figures.length) return null;
  return (
    <div className="kg-compare-figures" data-testid="compare-figures">
      {figures.map((f, i) => (
        <div key={i}>
          数字“{factLabel(f.factKey, catalogue)}”：{f.a ?? '（无）'} → {f.b ?? '（无）'}
        </div>
      ))}
    </div>
  );
}

function CompareModal({
  reportId,
  pair,
  catalogue,
  onClose,
}: {
  reportId: number;
  pair: [number, number] | null;
  catalogue?: CatalogueIndex;
  onClose: () => void;
}) {
  const compare = useVersionCompare(reportId, pair);
  const [onlyChanged, setOnlyChanged] = useState(false);
  const cmp = compare.data;
  const rows = cmp ? compareRows(cmp) : null;
  const changed = rows?.filter((r) => r.status !== 'same').length ?? 0;
  const shown = rows && onlyChanged ? rows.filter((r) => r.status !== 'same') : rows;
  const who = (v: VersionCompare['a']) => `${v.createdByName ?? '—'} · ${formatDateTime(v.createdAt)}${v.note ? ` · ${v.note}` : ''}`;
  return (
    <Modal
      open={pair !== null}
      title={pair ? `对比第${pair[0]}版与第${pair[1]}版` : '对比'}
      onCancel={onClose}
      footer={<Button onClick={onClose}>关闭</Button>}
      width="min(1280px, 96vw)"
      destroyOnHidden
    >
      {compare.isError ? <QueryError error={compare.error} onRetry={() => void compare.refetch()} /> : null}
      {!rows || !cmp ? (
        compare.isError ? null : (
          <Skeleton active />
        )
      ) : (
        <>
          <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 12 }}>
            <Typography.Text type="secondary" data-testid="compare-summary">
              {cmp.same
                ? '两个版本内容相同。'
                : `共 ${changed} 处不同${cmp.changed.figures ? `（其中 ${cmp.changed.figures} 个数字有变化）` : ''}，已用底色标出；左侧删去的文字划线，右侧新写的文字加亮。`}
            </Typography.Text>
            {changed ? (
              <Space size={6}>
                <Switch size="small" checked={onlyChanged} onChange={setOnlyChanged} aria-label="只看改动" />
                <span>只看改动</span>
              </Space>
            ) : null}
          </Flex>
          <table className="kg-compare" style={{ width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed' }}>
            <thead>
              <tr>
                <th style={cellStyle(true)}>
                  第{cmp.a.versionNo}版<div style={{ fontWeight: 400, fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{who(cmp.a)}</div>
                </th>
                <th style={cellStyle(true)}>
                  第{cmp.b.versionNo}版<div style={{ fontWeight: 400, fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{who(cmp.b)}</div>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown!.map((r) => {
                const differs = r.status !== 'same';
                const tag = STATUS_TAGS[r.status];
                return (
                  <tr
                    key={r.key}
                    className={differs ? 'kg-diff-changed' : undefined}
                    data-testid={differs ? 'compare-changed' : 'compare-same'}
                    data-key={r.key}
                    data-status={r.status}
                  >
                    <td style={cellStyle(false, r.heading)}>
                      {tag && r.left !== null ? <Tag color={tag.color}>{tag.text}</Tag> : null}
                      <Side row={r} side="left" />
                    </td>
                    <td style={cellStyle(false, r.heading)}>
                      {tag && r.right !== null ? <Tag color={tag.color}>{tag.text}</Tag> : null}
                      <Side row={r} side="right" />
                      <FigureChanges figures={r.figures} catalogue={catalogue} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </Modal>
  );
}

function cellStyle(head: boolean, bold = false): CSSProperties {
  return {
    border: '1px solid #f0f0f0',
    padding: '8px 12px',
    verticalAlign: 'top',
    textAlign: 'left',
    background: head ? '#fafafa' : undefined,
    fontWeight: head || bold ? 600 : undefined,
    fontFamily: head ? undefined : 'FangSong, STFangsong, serif',
    fontSize: head ? 14 : 15,
    lineHeight: 1.8,
    whiteSpace: 'pre-wrap',
  };
}
