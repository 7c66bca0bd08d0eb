import { type CSSProperties, useEffect } from 'react';
import { createPortal } from 'react-dom';
import { Button, DatePicker, Result, Skeleton, Space, Typography } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useParams, useSearchParams } from 'react-router';
import type { DraftDoc } from '../../../../shared/reports.js';
import { QueryError } from '../../../components/ui/query-error';
import { useMe } from '../../../lib/auth';
import { useReport, useVersion } from '../api/reports';
import { AppendixTable } from './appendix-view';
import { type PrintBlock, chinaDay, printLayout } from './print-layout';
import './print.css';

/**
 * 打印: the summary on A4 sheets in the layout of official documents (GB/T 9704), for offices that
 * print from the browser. It covers the app (a layer on <body>, so printing leaves the menu and
 * header out); the browser paginates it by the @page rules in print.css, page numbers included.
 * `?version=N` prints that version (default the latest); `?date=YYYY-MM-DD` sets the 成文日期
 * (default the day the version was saved, as the Word export has it).
 */
export function PrintPage() {
  const params = useParams();
  const [search, setSearch] = useSearchParams();
  const id = Number(params.id);
  const valid = Number.isInteger(id) && id > 0;
  const report = useReport(valid ? id : 0);
  const asked = Number(search.get('version'));
  const versionNo = Number.isInteger(asked) && asked > 0 ? asked : null;
  const version = useVersion(valid ? id : 0, versionNo);
  const me = useMe();

  // While the print view is open, printing shows only it (print.css hides the rest of <body>).
  useEffect(() => {
    document.body.classList.add('kg-printing');
    return () => document.body.classList.remove('kg-printing');
  }, []);

  const shown = versionNo ? version.data : report.data?.latest;
  const error = report.error ?? version.error;
  const title = shown?.doc.title;
  useEffect(() => {
    if (!title) return;
    const before = document.title;
    // The browser names a PDF it prints to after the page title.
    document.title = title;
    return () => {
      document.title = before;
    };
  }, [title]);

  if (!valid) return <Result status="404" title="工作总结不存在" />;
  if (error && !shown) return <QueryError error={error} />;
  if (!report.data || !shown) return <Skeleton active />;

  const savedDay = chinaDay(shown.createdAt);
  const askedDate = search.get('date');
  const date = askedDate && /^\d{4}-\d{2}-\d{2}$/.test(askedDate) ? askedDate : savedDay;
  const setDate = (value: string | null) =>
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value && value !== savedDay) next.set('date', value);
        else next.delete('date');
        return next;
      },
      { replace: true },
    );

  return createPortal(
    <div className="kg-print-host" data-testid="print-view">
      <div className="kg-print-toolbar">
        <Space size={12} wrap>
          <Link to={`/reports/${id}`}>
            <ArrowLeftOutlined /> 返回编辑
          </Link>
          <Typography.Text strong>
            {report.data.title}(第{shown.versionNo}版)
          </Typography.Text>
          <span>
            <label htmlFor="print-date">成文日期</label>{' '}
            <DatePicker
              id="print-date"
              value={dayjs(date)}
              onChange={(d) => setDate(d ? d.format('YYYY-MM-DD') : null)}
              allowClear={false}
              format="YYYY年M月D日"
              aria-label="成文日期"
            />
          </span>
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
            打印
          </Button>
        </Space>
        <Typography.Text type="secondary" className="kg-print-hint">
          A4 纸，页边距上37、下35、左28、右26毫米，每页22行、每行28字；打印时请在浏览器的打印设置中选择 A4、不缩放，并关闭“页眉和页脚”。
        </Typography.Text>
      </div>
      <PrintedDocument doc={shown.doc} orgName={me.org.name} date={date} />
    </div>,
    document.body,
  );
}

function Block({ block }: { block: PrintBlock }) {
  if (block.kind === 'heading') return <h2 className={block.level === 1 ? 'kg-print-h1' : 'kg-print-h2'}>{block.text}</h2>;
  return (
    <p className="kg-print-p">
      {block.lead ? <span className="kg-print-lead">{block.lead}</span> : null}
      {block.text}
    </p>
  );
}

/** The sheets: title, blank line, text, signature and date; the browser breaks the pages. */
function PrintedDocument({ doc, orgName, date }: { doc: DraftDoc; orgName: string; date: string }) {
  const layout = printLayout(doc, orgName, date);
  const body = layout.blocks;
  // The last paragraph goes over with the signature, so the signature never stands alone on a page.
  const lastIsParagraph = body.length > 0 && body[body.length - 1].kind === 'paragraph' && layout.signature.length > 0;
  const head = lastIsParagraph ? body.slice(0, -1) : body;
  // 附件说明: one line under the text, two characters in, above the signature.
  const note = layout.appendix ? (
    <>
      <div className="kg-print-blank" />
      <p className="kg-print-p kg-print-note" data-testid="print-appendix-note">
        {layout.appendix.note}
      </p>
    </>
  ) : null;
  const signature = layout.signature.length ? (
    <div className="kg-print-signature" data-testid="print-signature">
      {note}
      <div className="kg-print-blank" />
      {layout.signature.map((line, i) => (
        <p key={i} className="kg-print-sign" style={{ '--kg-right': line.right } as CSSProperties}>
          {line.text}
        </p>
      ))}
    </div>
  ) : null;
  return (
    <>
      <article className="kg-print-sheet" data-testid="print-sheet" aria-label="打印稿">
        <header className="kg-print-title-block">
          {layout.titleLines.map((line, i) => (
            <h1 key={i} className="kg-print-title">
              {line}
            </h1>
          ))}
          <div className="kg-print-blank" />
        </header>
        {head.map((block, i) => (
          <Block key={i} block={block} />
        ))}
        {lastIsParagraph ? (
          <div className={layout.keepLastWhole ? 'kg-print-end kg-print-end-whole' : 'kg-print-end'}>
            <Block block={body[body.length - 1]} />
            {signature}
          </div>
        ) : (
          (signature ?? note)
        )}
      </article>
      {layout.appendix ? (
        // GB/T 9704 §8: the appendix on a page of its own, 附件 at the top left in 黑体, its title centred on the third line.
        <article className="kg-print-sheet kg-print-appendix" data-testid="print-appendix" aria-label="附件">
          <p className="kg-print-appendix-label">附件</p>
          <div className="kg-print-blank" />
          <h1 className="kg-print-title">{layout.appendix.table.title}</h1>
          <div className="kg-print-blank" />
          <AppendixTable appendix={layout.appendix.table} fit />
        </article>
      ) : null}
    </>
  );
}
