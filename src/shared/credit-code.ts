/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet (digits and
 * capital letters without I, O, Z, S, V). The last character is a check digit over the first 17:
 * weights 3^i mod 31, check = 31 − (Σ value × weight mod 31), with 31 written as 0.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character for the first 17 characters, or null when one of them is not allowed. */
export function creditCodeCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i]);
    if (value < 0) return null;
    sum += value * WEIGHTS[i];
  }
  const check = (31 - (sum % 31)) % 31;
  return ALPHABET[check];
}

export type CreditCodeProblem = 'length' | 'charset' | 'check';

/** Why a code is not a valid 统一社会信用代码, or null when it is. Lower case is accepted as upper. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  const c = code.trim().toUpperCase();
  if (c.length !== 18) return 'length';
  if (![...c].every((ch) => ALPHABET.includes(ch))) return 'charset';
  return creditCodeCheckChar(c.slice(0, 17)) === c[17] ? null : 'check';
}

export const CREDIT_CODE_MESSAGES: Record<CreditCodeProblem, string> = {
  length: '统一社会信用代码应为18位',
  charset: '统一社会信用代码只能包含数字和大写字母(不含 I、O、Z、S、V)',
  check: '统一社会信用代码校验位不正确,请核对',
};
