// How project amounts are shown; stage colors and the stage tag are shared (src/shared/projects.ts,
// components/ui/stage-tag.tsx).

/** An amount in 万元 with at most 4 decimals and no trailing zeros: 12.5 → "12.5"; '—' when empty. */
export function formatWan(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return value.toLocaleString('zh-CN', { maximumFractionDigits: 4, useGrouping: false });
}

/** The same with its unit, for descriptions: "12.5 万元". */
export function formatWanWithUnit(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${formatWan(value)} 万元`;
}
