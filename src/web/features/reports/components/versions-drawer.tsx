import { type CSSProperties, useEffect, useState } from 'react';
import { Button, Drawer, Flex, List, Modal, Popconfirm, Select, Skeleton, Space, Switch, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { DraftDoc } from '../../../../shared/reports.js';
import { QueryError } from '../../../components/ui/query-error';
import { formatDateTime } from '../../../utils/format';
import { exportUrl, useVersion, useVersions } from '../api/reports';
import { allParagraphs, diffMiddle } from './doc-model';
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
}

/** 版本: every saved version (who, when, why), to view, compare side by side, or restore. */
export function VersionsDrawer({ reportId, open, onClose, loadedVersion, canRestore, restoring, onRestore }: VersionsDrawerProps) {
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
      <CompareModal reportId={reportId} pair={comparing} onClose={() => setComparing(null)} />
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

interface Row {
  key: string;
  heading?: string;
  left: string | null;
  right: string | null;
}

/** Pairs up two versions: titles, headings and paragraphs by their keys, in the newer version's order. */
function compareRows(a: DraftDoc, b: DraftDoc): Row[] {
  const rows: Row[] = [{ key: 'title', heading: '标题', left: a.title, right: b.title }];
  const leftParas = new Map(allParagraphs(a).map((l) => [l.paragraph.key, l]));
  const rightParas = allParagraphs(b);
  const seen = new Set<string>();
  let lastSection = '';
  for (const r of rightParas) {
    if (r.sectionKey !== lastSection && r.sectionKey !== 'opening') {
      const leftHeading = a.sections.find((s) => s.key === r.sectionKey)?.heading ?? null;
      rows.push({ key: `heading:${r.sectionKey}`, heading: '段落标题', left: leftHeading, right: r.heading });
    }
    lastSection = r.sectionKey;
    seen.add(r.paragraph.key);
    rows.push({ key: r.paragraph.key, left: leftParas.get(r.paragraph.key)?.paragraph.text ?? null, right: r.paragraph.text });
  }
  for (const l of leftParas.values()) {
    if (!seen.has(l.paragraph.key)) rows.push({ key: l.paragraph.key, left: l.paragraph.text, right: null });
  }
  return rows;
}

function Side({ text, other, side }: { text: string | null; other: string | null; side: 'left' | 'right' }) {
  if (text === null) return <Typography.Text type="secondary">(无)</Typography.Text>;
  if (other === null || other === text) return <>{text}</>;
  const d = side === 'left' ? diffMiddle(text, other) : diffMiddle(other, text);
  const middle = side === 'left' ? d.a : d.b;
  return (
    <>
      {d.prefix}
      {middle ? <span className={side === 'left' ? 'kg-diff-mark-removed' : 'kg-diff-mark'}>{middle}</span> : null}
      {d.suffix}
    </>
  );
}

function CompareModal({ reportId, pair, onClose }: { reportId: number; pair: [number, number] | null; onClose: () => void }) {
  const a = useVersion(reportId, pair?.[0]);
  const b = useVersion(reportId, pair?.[1]);
  const [onlyChanged, setOnlyChanged] = useState(false);
  const rows = a.data && b.data ? compareRows(a.data.doc, b.data.doc) : null;
  const changed = rows?.filter((r) => r.left !== r.right).length ?? 0;
  const shown = rows && onlyChanged ? rows.filter((r) => r.left !== r.right) : rows;
  return (
    <Modal
      open={pair !== null}
      title={pair ? `对比第${pair[0]}版与第${pair[1]}版` : '对比'}
      onCancel={onClose}
      footer={<Button onClick={onClose}>关闭</Button>}
      width="min(1280px, 96vw)"
      destroyOnHidden
    >
      {a.isError || b.isError ? <QueryError error={a.error ?? b.error} /> : null}
      {!rows ? (
        <Skeleton active />
      ) : (
        <>
          <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 12 }}>
            <Typography.Text type="secondary">
              {changed ? `共 ${changed} 处不同,已用底色标出;左侧删去的文字划线,右侧新写的文字加亮。` : '两个版本内容相同。'}
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
                <th style={cellStyle(true)}>第{pair![0]}版</th>
                <th style={cellStyle(true)}>第{pair![1]}版</th>
              </tr>
            </thead>
            <tbody>
              {shown!.map((r) => {
                const differs = r.left !== r.right;
                return (
                  <tr key={r.key} className={differs ? 'kg-diff-changed' : undefined} data-testid={differs ? 'compare-changed' : 'compare-same'}>
                    <td style={cellStyle(false, r.heading !== undefined)}>
                      <Side text={r.left} other={r.right} side="left" />
                    </td>
                    <td style={cellStyle(false, r.heading !== undefined)}>
                      <Side text={r.right} other={r.left} side="right" />
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
