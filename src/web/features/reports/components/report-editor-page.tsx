import { useEffect, useMemo, useRef, useState } from 'react';
import { App, Button, Dropdown, Input, Modal, Result, Skeleton, Space, Tag, Tooltip, Typography, type MenuProps } from 'antd';
import { DownOutlined, ExportOutlined, HistoryOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useBlocker, useNavigate, useParams } from 'react-router';
import type { DraftDoc, FigureRef, Version } from '../../../../shared/reports.js';
import { PageHeader } from '../../../components/ui/page-header';
import { QueryError } from '../../../components/ui/query-error';
import { ApiError } from '../../../lib/api-client';
import { useMe } from '../../../lib/auth';
import { showApiError } from '../../../lib/form';
import { formatDate, formatDateTime } from '../../../utils/format';
import {
  type Redraft,
  type RedraftTemplate,
  type ReportWithLatest,
  exportUrl,
  reportQueryOptions,
  useRedraft,
  useReport,
  useRestoreVersion,
  useSaveVersion,
  useStaleFigures,
  useVersion,
} from '../api/reports';
import { allParagraphs, collectRounded, editParagraphText, mapHeading, mapParagraph, replaceFigureText, roundedKey } from './doc-model';
import { type DocumentEditing, DocumentView, TITLE_BLOCK } from './document-view';
import { FigureSourceDrawer } from './figure-source-drawer';
import { RedraftChoiceModal, RedraftModal } from './redraft-modal';
import { DraftWarnings } from './draft-warnings';
import { useFactIndex } from '../api/templates';
import { VersionsDrawer } from './versions-drawer';
import { ExportWordModal } from './export-word-modal';
import { SubmissionKeys } from '../../../lib/versions';

/** 工作总结 editor: the document as it will go out, every figure traceable, edited and kept as versions. */
export function ReportEditorPage() {
  const params = useParams();
  const id = Number(params.id);
  const valid = Number.isInteger(id) && id > 0;
  const report = useReport(valid ? id : 0);

  if (!valid) return <Result status="404" title="工作总结不存在" />;
  if (report.isError && !report.data) return <QueryError error={report.error} onRetry={() => void report.refetch()} />;
  if (!report.data) return <Skeleton active />;
  return <ReportEditor key={id} report={report.data} />;
}

interface Working {
  /** The saved version the text started from (the baseVersion of the next save). */
  version: number;
  doc: DraftDoc;
  dirty: boolean;
}

const fromVersion = (v: Version): Working => ({ version: v.versionNo, doc: v.doc, dirty: false });

/** Applies one open edit (title, heading or paragraph) to the document. */
function applyBlock(doc: DraftDoc, block: string, text: string): DraftDoc {
  const value = block === TITLE_BLOCK || block.startsWith('heading:') ? text.trim() : text;
  if (!value.trim()) return doc;
  if (block === TITLE_BLOCK) return value === doc.title ? doc : { ...doc, title: value };
  if (block.startsWith('heading:')) {
    const key = block.slice('heading:'.length);
    return doc.sections.find((s) => s.key === key)?.heading === value ? doc : mapHeading(doc, key, value);
  }
  const key = block.slice('p:'.length);
  return mapParagraph(doc, key, (p) => (p.text === value ? p : editParagraphText(p, value)));
}

function ReportEditor({ report }: { report: ReportWithLatest }) {
  const me = useMe();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  // Saving versions: the summary's own organisation (a city leader reads a county's, changing nothing).
  const canEdit = report.policies.update;
  const [working, setWorking] = useState<Working>(() => fromVersion(report.latest));
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [active, setActive] = useState<{ figureId: string; paragraphKey: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [note, setNote] = useState('');
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [choosingRedraft, setChoosingRedraft] = useState(false);
  const [redraft, setRedraft] = useState<Redraft | null>(null);
  const [exportingWord, setExportingWord] = useState(false);
  const facts = useFactIndex(canEdit);
  const canEditTemplates = me.policies.editTemplates;

  const save = useSaveVersion();
  // One key per save: pressing 保存 again after a lost answer does not make a second version.
  const saveKeys = useRef(new SubmissionKeys());
  const restore = useRestoreVersion();
  const redraftMutation = useRedraft();
  const stale = useStaleFigures(report.id, working.version);
  const firstVersion = useVersion(report.id, 1);

  const openEdits = Object.entries(drafts);
  const hasChanges = working.dirty || openEdits.length > 0;

  // Someone else's save (or a restore) came in while nothing here was changed: show it.
  useEffect(() => {
    if (!hasChanges && report.latest.versionNo !== working.version) setWorking(fromVersion(report.latest));
    // Only a new latest version is news; the rest is read as it stands when one comes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [report.latest.versionNo]);

  // Rounded texts (1.5万余份) to switch a figure back to after writing it exactly.
  const rounded = useRef(new Map<string, string>());
  collectRounded(rounded.current, firstVersion.data?.doc, report.latest.doc, working.doc, redraft?.doc);

  const staleById = useMemo(() => new Map((stale.data ?? []).map((s) => [s.figureId, s])), [stale.data]);

  // Leaving with unsaved changes asks first: inside the app (links, menu) and when closing the tab.
  const blocker = useBlocker(({ currentLocation, nextLocation }) => hasChanges && currentLocation.pathname !== nextLocation.pathname);
  const asking = useRef(false);
  useEffect(() => {
    if (blocker.state !== 'blocked' || asking.current) return;
    asking.current = true;
    modal.confirm({
      title: '有尚未保存的修改',
      content: '离开本页,这些修改将丢失。',
      okText: '离开',
      okButtonProps: { danger: true },
      cancelText: '留在本页',
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
      afterClose: () => {
        asking.current = false;
      },
    });
  }, [blocker, modal]);
  useEffect(() => {
    if (!hasChanges) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [hasChanges]);

  const updateDoc = (fn: (doc: DraftDoc) => DraftDoc) =>
    setWorking((w) => {
      const doc = fn(w.doc);
      return doc === w.doc ? w : { ...w, doc, dirty: true };
    });

  const editing: DocumentEditing | undefined = canEdit
    ? {
        drafts,
        onStart: (block, text) => setDrafts((d) => ({ ...d, [block]: text })),
        onChange: (block, text) => setDrafts((d) => ({ ...d, [block]: text })),
        onDone: (block) => {
          const text = drafts[block];
          if (text !== undefined) updateDoc((doc) => applyBlock(doc, block, text));
          setDrafts(({ [block]: _done, ...rest }) => rest);
        },
        onCancel: (block) => setDrafts(({ [block]: _cancelled, ...rest }) => rest),
      }
    : undefined;

  /** The document with every open edit applied (what 保存 sends). */
  const committedDoc = () => openEdits.reduce((doc, [block, text]) => applyBlock(doc, block, text), working.doc);

  const load = (version: Version) => {
    setWorking(fromVersion(version));
    setDrafts({});
    setActive(null);
  };

  const onConflict = (error: ApiError) => {
    modal.confirm({
      title: '保存冲突',
      content: `${error.message}。加载最新版本后,本页未保存的修改将丢失(可先复制需要保留的文字)。`,
      okText: '加载最新版本',
      cancelText: '留在本页',
      onOk: async () => {
        try {
          const fresh = await queryClient.fetchQuery(reportQueryOptions(report.id));
          load(fresh.latest);
          void message.info(`已加载第${fresh.latest.versionNo}版`);
        } catch (e) {
          showApiError(message, e);
        }
      },
    });
  };

  const onSave = () => {
    const doc = committedDoc();
    const body = { id: report.id, doc, note: note.trim() || null, baseVersion: working.version };
    save.mutate(
      { ...body, idempotencyKey: saveKeys.current.keyFor(body) },
      {
        onSuccess: (version) => {
          saveKeys.current.succeeded();
          load(version);
          setSaving(false);
          setNote('');
          void message.success(`已保存为第${version.versionNo}版`);
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 409) {
            setSaving(false);
            onConflict(error);
          } else showApiError(message, error);
        },
      },
    );
  };

  const onRedraft = (template: RedraftTemplate) =>
    redraftMutation.mutate(
      { id: report.id, template },
      {
        onSuccess: (result) => {
          setChoosingRedraft(false);
          setRedraft(result);
        },
        onError: (error) => showApiError(message, error),
      },
    );

  const onSaveRedraft = () => {
    if (!redraft) return;
    const body = { id: report.id, doc: redraft.doc, note: '重新起草', baseVersion: working.version, fromRedraft: redraft.template };
    save.mutate(
      { ...body, idempotencyKey: saveKeys.current.keyFor(body) },
      {
        onSuccess: (version) => {
          saveKeys.current.succeeded();
          load(version);
          setRedraft(null);
          void message.success(`重新起草的内容已保存为第${version.versionNo}版`);
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 409) {
            setRedraft(null);
            onConflict(error);
          } else showApiError(message, error);
        },
      },
    );
  };

  const onRestore = (versionNo: number) => {
    const run = () =>
      restore.mutate(
        { id: report.id, versionNo, baseVersion: working.version },
        {
          onSuccess: (version) => {
            load(version);
            setVersionsOpen(false);
            void message.success(`已恢复第${versionNo}版,保存为第${version.versionNo}版`);
          },
          onError: (error) => showApiError(message, error),
        },
      );
    if (!hasChanges) run();
    else
      modal.confirm({
        title: '放弃本页未保存的修改?',
        content: `恢复第${versionNo}版后,本页尚未保存的修改将丢失。`,
        okText: '恢复',
        onOk: run,
      });
  };

  // The figure whose source is shown, read from the current text (it may have been switched to exact).
  const activeFigure: FigureRef | null = useMemo(() => {
    if (!active) return null;
    const located = allParagraphs(working.doc).find((l) => l.paragraph.key === active.paragraphKey);
    return located?.paragraph.figures.find((f) => f.id === active.figureId) ?? null;
  }, [active, working.doc]);

  const onToggleExact = (exact: boolean) => {
    if (!active || !activeFigure) return;
    const back = activeFigure.text !== activeFigure.exactText ? activeFigure.text : rounded.current.get(roundedKey(activeFigure));
    if (activeFigure.text !== activeFigure.exactText) rounded.current.set(roundedKey(activeFigure), activeFigure.text);
    const text = exact ? activeFigure.exactText : back;
    if (!text) return;
    updateDoc((doc) => mapParagraph(doc, active.paragraphKey, (p) => replaceFigureText(p, active.figureId, text)));
  };

  const exportVersion = working.version;
  // The exported version's save day is the default 成文日期 (usually the latest, already loaded).
  const exportedVersion = useVersion(report.id, exportVersion === report.latest.versionNo ? null : exportVersion);
  const exportMenu: MenuProps = {
    items: [
      {
        key: 'docx',
        label: (
          <a href={exportUrl(report.id, 'docx', exportVersion)} download>
            导出Word
          </a>
        ),
        extra: '.docx',
      },
      { key: 'docx-date', label: '导出Word并设定成文日期…', onClick: () => setExportingWord(true) },
      {
        key: 'md',
        label: (
          <a href={exportUrl(report.id, 'md', exportVersion)} download>
            导出Markdown
          </a>
        ),
        extra: '.md',
      },
      {
        key: 'txt',
        label: (
          <a href={exportUrl(report.id, 'txt', exportVersion)} download>
            导出文本
          </a>
        ),
        extra: '.txt',
      },
      ...(hasChanges ? [{ type: 'divider' as const }, { key: 'hint', disabled: true, label: `导出的是已保存的第${exportVersion}版,不含未保存的修改` }] : []),
    ],
  };

  const staleCount = staleById.size;
  const rounds = activeFigure
    ? activeFigure.text !== activeFigure.exactText
      ? activeFigure.text
      : (rounded.current.get(roundedKey(activeFigure)) ?? null)
    : null;

  return (
    <>
      <PageHeader
        title={working.doc.title}
        description={
          <Space size={12} wrap>
            <Link to="/reports" style={{ fontSize: 13 }}>
              ← 返回工作总结
            </Link>
            <span>
              {report.periodLabel}({formatDate(report.periodFrom)} 至 {formatDate(report.periodTo)})
            </span>
            <span>模板:{report.templateName}</span>
            <span data-testid="version-no">第{working.version}版</span>
            <span>
              {report.latest.createdByName ?? '—'} 保存于 {formatDateTime(report.latest.createdAt)}
            </span>
            {hasChanges ? <Tag color="orange">有未保存的修改</Tag> : null}
          </Space>
        }
        extra={
          <>
            {canEdit ? (
              <Button type="primary" onClick={() => setSaving(true)} disabled={!hasChanges} loading={save.isPending && !redraft}>
                保存
              </Button>
            ) : null}
            {canEdit ? (
              <Tooltip title="按当前台账重新统计全部数字（可选起草时的模板或模板的当前版本）；手工改过的句子原样保留">
                <Button icon={<ReloadOutlined />} onClick={() => setChoosingRedraft(true)} loading={redraftMutation.isPending}>
                  重新起草
                </Button>
              </Tooltip>
            ) : null}
            <Button icon={<HistoryOutlined />} onClick={() => setVersionsOpen(true)}>
              版本
            </Button>
            <Tooltip title={hasChanges ? `打印的是已保存的第${exportVersion}版，不含未保存的修改` : '按公文格式(A4)排版，从浏览器打印'}>
              <Button icon={<PrinterOutlined />} onClick={() => navigate(`/reports/${report.id}/print?version=${exportVersion}`)}>
                打印
              </Button>
            </Tooltip>
            <Dropdown menu={exportMenu} trigger={['click']}>
              <Button icon={<ExportOutlined />}>
                导出 <DownOutlined />
              </Button>
            </Dropdown>
          </>
        }
      />
      {staleCount ? (
        <Typography.Paragraph type="warning" data-testid="stale-hint">
          有 {staleCount} 个数字的来源记录在起草后有变化(橙色虚线标出),可点数字查看,或“重新起草”更新。
        </Typography.Paragraph>
      ) : (
        <Typography.Paragraph type="secondary">蓝底的数字由台账统计得出,点击可查看数据来源;点段落右侧的“编辑”修改文字。</Typography.Paragraph>
      )}
      <DraftWarnings warnings={working.doc.warnings} canEditTemplates={canEditTemplates} />
      <DocumentView
        doc={working.doc}
        editing={editing}
        stale={staleById}
        activeFigureId={active?.figureId}
        onFigureClick={(figure, paragraphKey) => setActive({ figureId: figure.id, paragraphKey })}
        testId="report-document"
      />
      <FigureSourceDrawer
        figure={activeFigure}
        stale={activeFigure ? staleById.get(activeFigure.id) : undefined}
        rounded={rounds}
        facts={facts}
        canEdit={canEdit}
        onToggleExact={onToggleExact}
        onClose={() => setActive(null)}
      />
      <Modal
        open={saving}
        title={`保存为第${working.version + 1}版`}
        okText="确定"
        onOk={onSave}
        confirmLoading={save.isPending}
        onCancel={() => setSaving(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">原有各版本都会保留,可随时查看、对比或恢复。</Typography.Paragraph>
        <label htmlFor="report-version-note">版本说明(可不填)</label>
        <Input.TextArea
          id="report-version-note"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={200}
          autoSize={{ minRows: 2, maxRows: 4 }}
          placeholder="如:按局长意见修改第二部分"
          style={{ marginTop: 8 }}
        />
      </Modal>
      <VersionsDrawer
        reportId={report.id}
        open={versionsOpen}
        onClose={() => setVersionsOpen(false)}
        loadedVersion={working.version}
        canRestore={canEdit}
        restoring={restore.isPending}
        onRestore={onRestore}
        facts={facts}
      />
      <ExportWordModal
        open={exportingWord}
        reportId={report.id}
        versionNo={exportVersion}
        savedAt={exportedVersion.data?.createdAt ?? report.latest.createdAt}
        onClose={() => setExportingWord(false)}
      />
      <RedraftChoiceModal
        open={choosingRedraft}
        templateName={report.templateName}
        templateExists={report.templateId !== null}
        loading={redraftMutation.isPending}
        onChoose={onRedraft}
        onCancel={() => setChoosingRedraft(false)}
      />
      <RedraftModal
        redraft={redraft}
        baseVersion={working.version}
        hasUnsavedEdits={hasChanges}
        saving={save.isPending}
        facts={facts}
        canEditTemplates={canEditTemplates}
        onSave={onSaveRedraft}
        onDiscard={() => setRedraft(null)}
      />
    </>
  );
}
