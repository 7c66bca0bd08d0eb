import { Table, Typography } from 'antd';
import type { Appendix } from '../../../../shared/reports.js';

// The table a city's (or a province's) summary appends (附件): a row per organisation below and 合计,
// drafted from the ledgers and not edited by hand, so shown read-only. A redraft brings it up to date.

interface AppendixRow {
  key: number;
  cells: string[];
}

/**
 * The appendix as a table: names left, figures right, 合计 (the last row) in bold. On screen it
 * scrolls sideways when narrow; on paper (`fit`) it keeps to the page's width, headers wrapping, the
 * first column a sixth of it, as the Word file sets it.
 */
export function AppendixTable({ appendix, testId, fit = false }: { appendix: Appendix; testId?: string; fit?: boolean }) {
  const last = appendix.rows.length - 1;
  return (
    <Table<AppendixRow>
      data-testid={testId}
      size="small"
      bordered
      pagination={false}
      tableLayout={fit ? 'fixed' : undefined}
      scroll={fit ? undefined : { x: 'max-content' }}
      dataSource={appendix.rows.map((cells, i) => ({ key: i, cells }))}
      columns={appendix.columns.map((title, i) => ({
        key: i,
        title,
        align: i === 0 ? 'left' : 'right',
        width: fit && i === 0 ? '16%' : undefined,
        onHeaderCell: () => ({ style: { textAlign: 'center', whiteSpace: fit ? 'normal' : 'nowrap' } }),
        render: (_: unknown, row: AppendixRow) => (row.key === last ? <strong>{row.cells[i]}</strong> : row.cells[i]),
      }))}
    />
  );
}

/** Under the body: the line naming the appendix (附件：…), then the appendix itself, read-only. */
export function AppendixView({ appendix }: { appendix: Appendix }) {
  return (
    <section data-testid="appendix" aria-label="附件">
      <p className="kg-paper-paragraph">附件：{appendix.title}</p>
      <div style={{ marginTop: 24, paddingTop: 16, borderTop: '1px dashed #d9d9d9' }}>
        <Typography.Text strong style={{ fontFamily: 'SimHei, "Heiti SC", sans-serif' }}>
          附件
        </Typography.Text>
        <h2 className="kg-paper-title" style={{ fontSize: '1.25em', margin: '12px 0' }}>
          {appendix.title}
        </h2>
        <AppendixTable appendix={appendix} testId="appendix-table" />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
          附件按起草时的台账数据生成，不能手工修改；台账变化后点“重新起草”即可更新。
        </Typography.Paragraph>
      </div>
    </section>
  );
}
