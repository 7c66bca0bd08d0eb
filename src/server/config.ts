import path from 'node:path';
import { z } from 'zod';

/** Everything keguan reads from the environment, parsed once at start-up. */
export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  pgPoolSize: number;
  trustProxy: boolean;
  adminPassword: string | null;
  /** Password of the demo accounts other than admin. */
  demoPassword: string;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  bodyLimitBytes: number;
  uploadLimitBytes: number;
  logLevel: string;
  /** Extra origins allowed to post (e.g. the public URL behind a proxy); the request's own host is always allowed. */
  allowedOrigins: string[];
  loadDemo: boolean;
  webDir: string | null;
}

const bool = z
  .string()
  .optional()
  .transform((v) => (v === undefined ? undefined : ['1', 'true', 'yes', 'on'].includes(v.toLowerCase())));

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  KEGUAN_HOST: z.string().default('0.0.0.0'),
  KEGUAN_DATA_DIR: z.string().default('data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: 'DATABASE_URL 必须以 postgres:// 开头' })
    .optional(),
  KEGUAN_PG_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  KEGUAN_TRUST_PROXY: bool,
  KEGUAN_ADMIN_PASSWORD: z.string().min(1).optional(),
  KEGUAN_DEMO_PASSWORD: z.string().min(1).optional(),
  KEGUAN_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(120),
  KEGUAN_SESSION_MAX_HOURS: z.coerce.number().int().min(1).default(12),
  KEGUAN_BODY_LIMIT_KB: z.coerce.number().int().min(1).default(1024),
  KEGUAN_UPLOAD_LIMIT_MB: z.coerce.number().int().min(1).default(10),
  KEGUAN_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  KEGUAN_ALLOWED_ORIGINS: z.string().optional(),
  KEGUAN_DEMO: bool,
  KEGUAN_WEB_DIR: z.string().optional(),
});

/** Reads the configuration from an environment (process.env by default); throws with a readable message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<AppConfig> = {}): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`配置有误:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.KEGUAN_HOST,
    dataDir: path.resolve(e.KEGUAN_DATA_DIR),
    databaseUrl: e.DATABASE_URL ?? null,
    pgPoolSize: e.KEGUAN_PG_POOL_SIZE,
    trustProxy: e.KEGUAN_TRUST_PROXY ?? false,
    adminPassword: e.KEGUAN_ADMIN_PASSWORD ?? null,
    demoPassword: e.KEGUAN_DEMO_PASSWORD ?? 'keguan2014',
    sessionIdleMinutes: e.KEGUAN_SESSION_IDLE_MINUTES,
    sessionMaxHours: e.KEGUAN_SESSION_MAX_HOURS,
    bodyLimitBytes: e.KEGUAN_BODY_LIMIT_KB * 1024,
    uploadLimitBytes: e.KEGUAN_UPLOAD_LIMIT_MB * 1024 * 1024,
    logLevel: e.KEGUAN_LOG_LEVEL,
    allowedOrigins: (e.KEGUAN_ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim().replace(/\/$/, ''))
      .filter(Boolean),
    loadDemo: e.KEGUAN_DEMO ?? true,
    webDir: e.KEGUAN_WEB_DIR ? path.resolve(e.KEGUAN_WEB_DIR) : null,
    ...overrides,
  };
}
