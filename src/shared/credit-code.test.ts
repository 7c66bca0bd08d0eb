import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, creditCodeProblem } from './credit-code.js';

describe('统一社会信用代码 check digit (GB 32100-2015)', () => {
  it('accepts published valid codes', () => {
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull();
    expect(creditCodeProblem('91110000600037341L')).toBeNull();
    expect(creditCodeProblem('91350100m000100y43')).toBeNull();
  });

  it('computes a check value of 0 when the sum is a multiple of 31', () => {
    // Seventeen zeros sum to 0, so the check value is (31 − 0) mod 31 = 0.
    expect(creditCodeCheckChar('00000000000000000')).toBe('0');
  });

  it('rejects a wrong check character, a wrong length, and forbidden letters', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toBe('check');
    expect(creditCodeProblem('91350100M000100Y4')).toBe('length');
    expect(creditCodeProblem('91350100M000100Y433')).toBe('length');
    expect(creditCodeProblem('91350100I000100Y43')).toBe('charset');
    expect(creditCodeProblem('9135010OM000100Y43')).toBe('charset');
  });
});
