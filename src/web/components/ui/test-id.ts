import type { HTMLAttributes } from 'react';

/** Row props carrying a data-testid, for tables where the same button text repeats on every row. */
export function rowTestId(id: string): HTMLAttributes<HTMLElement> {
  return { 'data-testid': id } as HTMLAttributes<HTMLElement>;
}
