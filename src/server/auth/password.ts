import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { COMMON_PASSWORD_MESSAGE, isCommonPassword } from '../../shared/auth.js';
import type { AppConfig } from '../config.js';
import { validation } from '../http/errors.js';

// argon2id with the OWASP-recommended minimum (19 MiB, 2 passes).
// `algorithm: 2` is Algorithm.Argon2id (a const enum the package exports only as a type).
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

// Verifying against this keeps an unknown username as slow as a wrong password.
let dummyHash: Promise<string> | null = null;
export async function burnVerifyTime(password: string): Promise<void> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(await dummyHash, password);
}

/** A random password a person can type: letters and digits, no look-alikes. */
export function randomPassword(length = 12): string {
  const letters = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
  const digits = '23456789';
  const all = letters + digits;
  const bytes = randomBytes(length);
  const chars = Array.from(bytes, (b) => all[b % all.length]);
  chars[0] = letters[bytes[0] % letters.length];
  chars[length - 1] = digits[bytes[length - 1] % digits.length];
  return chars.join('');
}

/**
 * What the shared password schema cannot know: the demo password this server was started with
 * (its default is on the common list already). Throws VALIDATION on `field`; every way of setting
 * a password (own change, admin reset, new account, the CLI) calls it.
 */
export function assertPasswordAllowed(password: string, config: Pick<AppConfig, 'demoPassword'>, field: string): void {
  if (password === config.demoPassword) {
    throw validation('不能使用演示账号的公开密码', [{ path: field, message: '不能使用演示账号的公开密码' }]);
  }
  if (isCommonPassword(password)) throw validation(COMMON_PASSWORD_MESSAGE, [{ path: field, message: COMMON_PASSWORD_MESSAGE }]);
}
