import type { FormInstance } from 'antd';
import type { FIGURE_KINDS, FieldType, Worklist, WorklistDefinition } from '../../../../shared/worklists.js';
import { ApiError } from '../../../lib/api-client';

// The designer's form values, how they become a definition, and where a problem with a definition
// (found by the shared zod schema here, or by the server) is shown.

export type FigureKind = (typeof FIGURE_KINDS)[number];

export interface FieldRow {
  key: string;
  label: string;
  type: FieldType;
  required: boolean;
  unit?: string | null;
  options: string[];
  targetListId?: number | null;
  hidden: boolean;
  /** The field exists on the server: removing it hides it (its values are kept). */
  saved: boolean;
  /** Its type on the server, to tell a type change from a removed option when the server objects. */
  savedType?: FieldType;
}

export interface StatusRow {
  key: string;
  label: string;
  done: boolean;
}

export interface FigureRow {
  key: string;
  label: string;
  kind: FigureKind;
  fieldKey?: string | null;
  fieldKeys?: string[];
  filterFieldKey?: string | null;
  filterValue?: string | null;
}

export interface DesignerValues {
  name: string;
  topic?: string | null;
  description?: string | null;
  titleFieldKey?: string | null;
  fields: FieldRow[];
  statuses: StatusRow[];
  hasDeadline: boolean;
  hasResponsible: boolean;
  figures: FigureRow[];
  sortOrder?: number | null;
}

/** A key the server will keep for good: a letter, then lowercase base36 (`f3k9x2q`). */
export function newKey(prefix: 'f' | 's' | 'g'): string {
  return (
    prefix +
    Math.random()
      .toString(36)
      .slice(2, 9)
      .replace(/[^a-z0-9]/g, '0')
  );
}

export const newField = (): FieldRow => ({
  key: newKey('f'),
  label: '',
  type: 'text',
  required: false,
  unit: null,
  options: [],
  targetListId: null,
  hidden: false,
  saved: false,
});
export const newStatus = (done = false, label = ''): StatusRow => ({ key: newKey('s'), label, done });
export const newFigure = (): FigureRow => ({
  key: newKey('g'),
  label: '',
  kind: 'count',
  fieldKey: null,
  fieldKeys: [],
  filterFieldKey: null,
  filterValue: null,
});

/** A new list starts with one required text field and an open and a done status. */
export function blankDesign(): DesignerValues {
  return {
    name: '',
    topic: null,
    description: null,
    titleFieldKey: null,
    fields: [{ ...newField(), required: true }],
    statuses: [newStatus(false, '未完成'), newStatus(true, '已完成')],
    hasDeadline: false,
    hasResponsible: false,
    figures: [],
    sortOrder: 0,
  };
}

export function designOf(list: Worklist): DesignerValues {
  return {
    name: list.name,
    topic: list.topic,
    description: list.description,
    titleFieldKey: list.titleFieldKey,
    fields: list.fields.map((f) => ({ ...f, saved: true, savedType: f.type })),
    statuses: list.statuses.map((s) => ({ ...s })),
    hasDeadline: list.hasDeadline,
    hasResponsible: list.hasResponsible,
    figures: list.figures.map((g) => ({ ...g })),
    sortOrder: list.sortOrder,
  };
}

const blankToNull = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);

/** The definition the API takes; settings that do not apply to a field's type are left out. */
export function toDefinition(values: DesignerValues): WorklistDefinition {
  return {
    name: values.name?.trim() ?? '',
    topic: blankToNull(values.topic),
    description: blankToNull(values.description),
    titleFieldKey: values.titleFieldKey || null,
    fields: (values.fields ?? []).map((f) => ({
      key: f.key,
      label: f.label?.trim() ?? '',
      type: f.type,
      required: !!f.required,
      unit: f.type === 'number' ? blankToNull(f.unit) : null,
      options: f.type === 'choice' ? (f.options ?? []).map((o) => o.trim()).filter(Boolean) : [],
      targetListId: f.type === 'item' ? (f.targetListId ?? null) : null,
      hidden: !!f.hidden,
    })),
    statuses: (values.statuses ?? []).map((s) => ({ key: s.key, label: s.label?.trim() ?? '', done: !!s.done })),
    hasDeadline: !!values.hasDeadline,
    hasResponsible: !!values.hasResponsible,
    figures: (values.figures ?? []).map((g) => ({
      key: g.key,
      label: g.label?.trim() ?? '',
      kind: g.kind,
      fieldKey: g.kind === 'countByChoice' ? (g.fieldKey ?? null) : null,
      fieldKeys: g.kind === 'sum' ? (g.fieldKeys ?? []) : [],
      filterFieldKey: g.filterFieldKey || null,
      filterValue: g.filterFieldKey ? (g.filterValue ?? null) : null,
    })),
    sortOrder: values.sortOrder ?? 0,
  };
}

export type Section = 'form' | 'fields' | 'statuses' | 'figures';
export type SectionErrors = Partial<Record<Section, string[]>>;
type Path = (string | number)[];

const TOP_INPUTS = new Set(['name', 'topic', 'description', 'titleFieldKey', 'sortOrder']);
const FIELD_INPUTS: Record<string, (f: FieldRow) => boolean> = {
  label: () => true,
  type: () => true,
  unit: (f) => f.type === 'number',
  options: (f) => f.type === 'choice',
  targetListId: (f) => f.type === 'item',
};
const STATUS_INPUTS = new Set(['label', 'done']);
const FIGURE_INPUTS: Record<string, (g: FigureRow) => boolean> = {
  label: () => true,
  kind: () => true,
  fieldKey: (g) => g.kind === 'countByChoice',
  fieldKeys: (g) => g.kind === 'sum',
  filterFieldKey: () => true,
  filterValue: (g) => !!g.filterFieldKey,
};

/** The input a problem belongs to, or null when it is about a whole section (or the form). */
function inputOf(values: DesignerValues, path: Path): Path | null {
  const [section, index, leaf] = path;
  if (path.length === 1 && TOP_INPUTS.has(String(section))) return path;
  if (typeof index !== 'number' || typeof leaf !== 'string') return null;
  if (section === 'fields' && values.fields?.[index] && FIELD_INPUTS[leaf]?.(values.fields[index])) return [section, index, leaf];
  if (section === 'statuses' && values.statuses?.[index] && STATUS_INPUTS.has(leaf)) return [section, index, leaf];
  if (section === 'figures' && values.figures?.[index] && FIGURE_INPUTS[leaf]?.(values.figures[index])) return [section, index, leaf];
  return null;
}

/** Puts each problem on its input; returns the ones that concern a whole section, by section. */
export function applyIssues(form: FormInstance<DesignerValues>, issues: { path: Path; message: string }[]): SectionErrors {
  const values = form.getFieldsValue(true) as DesignerValues;
  const byInput = new Map<string, { name: Path; errors: string[] }>();
  const sections: SectionErrors = {};
  for (const issue of issues) {
    const name = inputOf(values, issue.path);
    if (name) {
      const id = name.join('.');
      const entry = byInput.get(id) ?? { name, errors: [] };
      if (!entry.errors.includes(issue.message)) entry.errors.push(issue.message);
      byInput.set(id, entry);
      continue;
    }
    const first = String(issue.path[0] ?? '');
    const section: Section = first === 'fields' || first === 'statuses' || first === 'figures' ? first : 'form';
    const list = (sections[section] ??= []);
    if (!list.includes(issue.message)) list.push(issue.message);
  }
  // The paths are checked against the rows above; antd's tuple types cannot follow them.
  form.setFields([...byInput.values()] as Parameters<FormInstance<DesignerValues>['setFields']>[0]);
  return sections;
}

const toPath = (path: string): Path =>
  path
    .split('.')
    .filter(Boolean)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));

/**
 * The server's problems as designer paths. Validation names inputs by index (`fields.0.label`),
 * as the form does; a refused change names fields and statuses by key (`fields.<key>`,
 * `statuses.<key>`), which are turned into the row's type or options input where the row is still there.
 */
export function serverIssues(values: DesignerValues, error: ApiError): { path: Path; message: string }[] {
  return error.fieldIssues.map((issue) => {
    const [section, ref, ...rest] = toPath(issue.path);
    if (section === 'fields' && typeof ref === 'string') {
      const index = (values.fields ?? []).findIndex((f) => f.key === ref);
      if (index < 0) return { path: ['fields'], message: issue.message };
      const row = values.fields[index];
      const leaf = rest.length ? rest : [row.savedType && row.savedType !== row.type ? 'type' : row.type === 'choice' ? 'options' : 'type'];
      return { path: ['fields', index, ...leaf], message: issue.message };
    }
    if (section === 'statuses' && typeof ref === 'string') {
      const index = (values.statuses ?? []).findIndex((s) => s.key === ref);
      return { path: index < 0 ? ['statuses'] : ['statuses', index, 'label'], message: issue.message };
    }
    return { path: toPath(issue.path), message: issue.message };
  });
}
