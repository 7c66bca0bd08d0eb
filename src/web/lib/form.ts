import type { App, FormInstance, FormRule } from 'antd';
import type { z } from 'zod';
import { ApiError, errorMessage } from './api-client';

type MessageInstance = ReturnType<typeof App.useApp>['message'];

/** An antd rule that checks a value with a shared zod schema and reports its (Chinese) message. */
export function zodRule(schema: z.ZodType): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      if (value === undefined || value === null || value === '') return;
      const result = schema.safeParse(value);
      if (!result.success) throw new Error(result.error.issues[0]?.message ?? '格式不正确');
    },
  };
}

/** `a.b.0` → ['a', 'b', 0], the name path antd forms use. */
function toNamePath(path: string): (string | number)[] {
  return path
    .split('.')
    .filter(Boolean)
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

function formHasField(form: FormInstance, namePath: (string | number)[]): boolean {
  let node: unknown = form.getFieldsValue();
  for (const segment of namePath) {
    if (typeof node !== 'object' || node === null || !(segment in node)) return false;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return true;
}

/**
 * Shows an API failure: VALIDATION details go onto the matching form fields, and a toast
 * carries the server's message (plus any issue that has no field on this form).
 */
export function showApiError(message: MessageInstance, error: unknown, form?: FormInstance): void {
  if (form && error instanceof ApiError && error.fieldIssues.length > 0) {
    const unmatched: string[] = [];
    const fields: { name: (string | number)[]; errors: string[] }[] = [];
    for (const issue of error.fieldIssues) {
      const name = toNamePath(issue.path);
      if (name.length > 0 && formHasField(form, name)) fields.push({ name, errors: [issue.message] });
      else unmatched.push(issue.message);
    }
    form.setFields(fields);
    void message.error(unmatched.length > 0 ? `${error.message}:${unmatched.join(';')}` : error.message);
    return;
  }
  void message.error(errorMessage(error));
}

/** Empty inputs and cleared selects as null, which is what the API takes for "no value". */
export function emptyToNull<T>(value: T | undefined | ''): T | null {
  return value === undefined || value === '' ? null : value;
}
