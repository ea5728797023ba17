import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const originList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.url().transform((url) => new URL(url).origin)));

/** The environment the server reads, with defaults. Parsed once at start. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** postgres://… — without it the embedded PGlite in DATA_DIR is used. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATABASE_POOL_MAX: positiveInt.default(10),
  DATA_DIR: z.string().min(1).default('./data'),
  /** At least 32 characters; generated into DATA_DIR outside production when absent. */
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  PUBLIC_URL: z.url().optional(),
  ALLOWED_ORIGINS: originList.default([]),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Express "trust proxy": a hop count, true/false, or a list of addresses. */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((value): boolean | number | string => {
      if (value === 'true') return true;
      if (value === 'false') return false;
      return /^\d+$/.test(value) ? Number(value) : value;
    }),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  /** Prefix of every Redis key and channel, so deployments (or test runs) can share one Redis. */
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'letters, digits, _ . : - only')
    .default('forum'),
  /** How long a dropped socket can come back and get the events it missed. */
  SOCKET_RECOVERY_MS: positiveInt.default(2 * 60_000),
  /** Failed logins allowed per account in LOGIN_WINDOW_MINUTES before a 429. */
  LOGIN_MAX_FAILURES: positiveInt.default(10),
  LOGIN_WINDOW_MINUTES: positiveInt.default(15),
  REGISTRATIONS_PER_HOUR: positiveInt.default(60),
  WRITES_PER_MINUTE: positiveInt.default(30),
  /** Session lifetime: idle timeout and absolute cap, in minutes. */
  SESSION_IDLE_MINUTES: positiveInt.default(60 * 24 * 14),
  SESSION_ABSOLUTE_MINUTES: positiveInt.default(60 * 24 * 30),
  SHUTDOWN_GRACE_MS: positiveInt.default(10_000),
  /** When set, GET /metrics needs `Authorization: Bearer <token>`; unset, it is open (keep it off the public proxy). */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
});

export type Config = Readonly<
  Omit<z.infer<typeof envSchema>, 'SESSION_SECRET'> & { SESSION_SECRET: string }
>;

export class ConfigError extends Error {}

/**
 * Parses the environment. A bad value throws a ConfigError naming the variable;
 * a missing SESSION_SECRET outside production is generated once and kept in DATA_DIR.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, warn = console.warn): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const values = parsed.data;
  let secret = values.SESSION_SECRET;
  if (!secret) {
    if (values.NODE_ENV === 'production') {
      throw new ConfigError('Invalid configuration:\n  SESSION_SECRET: required in production');
    }
    secret = readOrCreateSecret(values.DATA_DIR);
    warn(`SESSION_SECRET is not set; using the one kept in ${values.DATA_DIR}/session-secret`);
  }
  return Object.freeze({ ...values, SESSION_SECRET: secret });
}

function readOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(32).toString('hex');
    writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}
