import { describe, expect, it } from 'vitest';
import type { RawCell, RawRow } from './cells.js';
import type { ColumnSpec } from './columns.js';
import { type SkippedRows, classifyRow, findLayout } from './layout.js';

const rows = (...cells: [number, RawCell[]][]): RawRow[] => cells.map(([number, c]) => ({ number, cells: c }));

describe('findLayout', () => {
  it('finds the header under a title, a unit line and a blank line', () => {
    const skipped: SkippedRows[] = [];
    const layout = findLayout(
      rows(
        [1, ['崇义县科技局2025年上半年科技项目台账']],
        [2, ['填报单位：崇义县科技局', null, null, '填报日期：2025年7月1日']],
        [4, ['序号', '项目名称', '承担单位', '申报日期']],
        [5, [1, '茶叶深加工', '崇义县茶厂', '2025-03-05']],
      ),
      {},
      skipped,
    );
    expect(layout?.headerRows).toEqual({ from: 4, to: 4 });
    expect(layout?.headers.map((h) => `${h.letter}:${h.label}`)).toEqual(['A:序号', 'B:项目名称', 'C:承担单位', 'D:申报日期']);
    expect(layout?.titleLines).toEqual(['崇义县科技局2025年上半年科技项目台账', '填报单位：崇义县科技局  填报日期：2025年7月1日']);
    expect(skipped).toEqual([
      { from: 1, to: 1, reason: 'title' },
      { from: 2, to: 2, reason: 'info' },
      { from: 3, to: 3, reason: 'blank' },
    ]);
  });

  it('joins a header merged over two rows, keeping cells merged down as they are', () => {
    const layout = findLayout(
      rows([1, ['序号', '项目名称', '项目经费(万元)', null, '备注']], [2, [null, null, '省级', '县级', null]], [3, [1, '茶叶深加工', 10, 5, null]]),
      {},
      [],
    );
    expect(layout?.headerRows).toEqual({ from: 1, to: 2 });
    expect(layout?.headers.map((h) => h.label)).toEqual(['序号', '项目名称', '项目经费(万元)·省级', '项目经费(万元)·县级', '备注']);
  });

  it('does not take a two-cell line above the table, nor a data row, for the header', () => {
    const layout = findLayout(rows([1, ['附件1', '科技特派员名册']], [2, ['姓名', '工作单位', '职称']], [3, ['黄永清', '县农业局', '农艺师']]), {}, []);
    expect(layout?.headerRows.from).toBe(2);
  });

  it('prefers the row that matches the ledger’s columns', () => {
    const columns: ColumnSpec[] = [
      { key: 'name', label: '姓名', kind: 'text' },
      { key: 'employer', label: '工作单位', kind: 'text' },
    ];
    const layout = findLayout(
      rows([1, ['崇义县', '科技局', '特派员']], [2, ['姓名', '工作单位', '职称']], [3, ['黄永清', '县农业局', '农艺师']]),
      { columns },
      [],
    );
    expect(layout?.headerRows.from).toBe(2);
  });

  it('leaves hidden columns out of the headers', () => {
    const layout = findLayout(rows([1, ['项目名称', '内部编号', '申报日期']]), { hiddenColumns: new Set([2]) }, []);
    expect(layout?.headers.map((h) => h.label)).toEqual(['项目名称', '申报日期']);
    expect(layout?.hiddenHeaders.map((h) => `${h.letter}:${h.label}`)).toEqual(['B:内部编号']);
  });

  it('gives up when no row looks like a header', () => {
    expect(findLayout(rows([1, [1, 2, 3]], [2, ['台账']]), {}, [])).toBeNull();
  });
});

describe('classifyRow', () => {
  const layout = findLayout(rows([1, ['序号', '项目名称', '经费', '备注']]), { hiddenColumns: new Set([4]) }, [])!;
  const kind = (cells: RawCell[]) => classifyRow({ number: 9, cells }, layout);

  it('tells totals, footers, blanks and repeated headers from records', () => {
    expect(kind([1, '茶叶深加工', 10])).toBeNull();
    expect(kind(['合计', null, 15])).toBe('total');
    expect(kind([null, '合 计', 15])).toBe('total');
    expect(kind(['本页小计：', null, 15])).toBe('total');
    expect(kind(['总计', null, 15])).toBe('total');
    expect(kind(['填表人：张三', null, '审核人：李四'])).toBe('footer');
    expect(kind(['注：经费单位为万元'])).toBe('footer');
    expect(kind([null, '   ', null, '只在隐藏列里'])).toBe('blank');
    expect(kind(['序号', '项目名称', '经费'])).toBe('repeatedHeader');
    expect(kind([2, '合计算法研究', 3])).toBeNull();
  });
});
