/**
 * What a ledger declares about one of its columns, once, for import (header mapping, value
 * parsing), the import template and list exports. The ledger-specific lists of these live with each
 * ledger; this folder only reads them.
 */

/**
 * How a cell's value is read and written:
 * - text: trimmed text; numbers and dates in the cell are written out as they read (2025-03-05).
 * - date: a calendar day, returned as 'YYYY-MM-DD'.
 * - number / integer: a plain figure in the column's unit (人, 份, 人次, %, …).
 * - money: an amount in the column's unit (元 unless `unit` says 万元), at most to the 分.
 * - choice: one of `choices`, by label, key or synonym; returns the key.
 * - choices: several of `choices` separated by 、，,;； or line breaks; returns the keys.
 * - boolean: 是/否 (also 有/无, √/×, Y/N, 1/0, TRUE/FALSE); returns true/false.
 */
export type ColumnKind = 'text' | 'date' | 'number' | 'integer' | 'money' | 'choice' | 'choices' | 'boolean';

export interface Choice {
  key: string;
  label: string;
  /** Other words people write for it (立项 for 已立项 …). */
  synonyms?: string[];
}

export interface ColumnSpec {
  /** Stable key the ledger stores the value under; never shown. */
  key: string;
  /** Chinese header, as the template and exports print it. */
  label: string;
  kind: ColumnKind;
  /** Other headers that mean this column (单位名称/企业名称/申报单位 …); matched after normalising. */
  synonyms?: string[];
  required?: boolean;
  /** For choice and choices. */
  choices?: Choice[];
  /**
   * The unit the ledger keeps the value in: for money '元' (default) or '万元'; for numbers a
   * measure word ('人', '份', '人次', '%' …). A cell with another unit of the same kind is converted
   * (5万元 into 元); one with a foreign unit is refused.
   */
  unit?: string;
  /** For text: the longest accepted value, in characters. */
  maxLength?: number;
  /** What the template's example row shows; a row equal to the examples is skipped on import. */
  example?: string | number | boolean;
  /** One line for the template's 填写说明 sheet. */
  help?: string;
}

/** The example as the template writes it and as a re-read example row reads: 是/否 for booleans. */
export function exampleText(spec: ColumnSpec): string | undefined {
  if (spec.example === undefined) return undefined;
  if (typeof spec.example === 'boolean') return spec.example ? '是' : '否';
  return String(spec.example);
}
