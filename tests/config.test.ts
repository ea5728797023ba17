import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../server/config.ts';

const secret = 'x'.repeat(40);

describe('configuration', () => {
  it('has working defaults', () => {
    const config = loadConfig({ SESSION_SECRET: secret });
    expect(config).toMatchObject({
      PORT: 3000,
      DATA_DIR: './data',
      LOG_LEVEL: 'info',
      TRUST_PROXY: false,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://nope'],
    ['LOG_LEVEL', 'loud'],
    ['SESSION_SECRET', 'short'],
    ['ALLOWED_ORIGINS', 'not a url'],
    ['WRITES_PER_MINUTE', '0'],
  ])('a bad %s (%s) is refused, naming the variable', (name, value) => {
    expect(() => loadConfig({ SESSION_SECRET: secret, [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ SESSION_SECRET: secret, [name]: value })).toThrow(new RegExp(name));
  });

  it('parses lists of origins and proxy settings', () => {
    const config = loadConfig({
      SESSION_SECRET: secret,
      ALLOWED_ORIGINS: 'https://a.example/, https://b.example:8443',
      TRUST_PROXY: '1',
    });
    expect(config.ALLOWED_ORIGINS).toEqual(['https://a.example', 'https://b.example:8443']);
    expect(config.TRUST_PROXY).toBe(1);
  });

  it('outside production, generates a session secret once and keeps it in DATA_DIR', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'forum-config-'));
    try {
      const warnings: string[] = [];
      const first = loadConfig({ DATA_DIR: dir }, (m) => warnings.push(m));
      const second = loadConfig({ DATA_DIR: dir }, () => {});
      expect(first.SESSION_SECRET).toHaveLength(64);
      expect(second.SESSION_SECRET).toBe(first.SESSION_SECRET);
      expect(readFileSync(path.join(dir, 'session-secret'), 'utf8')).toBe(first.SESSION_SECRET);
      expect(warnings[0]).toMatch(/SESSION_SECRET/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('in production, a missing session secret is refused', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET/);
  });

  it('the server stops at start with a message naming the bad variable', () => {
    const result = spawnSync(process.execPath, ['server/main.ts'], {
      env: { PATH: process.env.PATH, PORT: 'eighty', SESSION_SECRET: secret },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/PORT/);
  });
});
