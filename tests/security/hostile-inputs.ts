/**
 * The hostile-input catalogue: each entry is a JSON body (or raw bytes) that
 * someone will send one day. Every write endpoint must answer each with a
 * clear 4xx or store it harmlessly; never a 500.
 */

const FIELDS = [
  'title',
  'body',
  'handle',
  'email',
  'password',
  'login',
  'reason',
  'note',
  'name',
  'status',
  'role',
  'value',
  'parentId',
  'intoId',
  'targetType',
  'targetId',
  'outcome',
  'until',
  'tag',
  'tags',
  'suggestionIds',
  'slowModeSeconds',
  'minAccountAgeHours',
  'pinned',
  'locked',
  'official',
  'ids',
];

/** Puts one hostile value in every field any endpoint reads. */
const everywhere = (value: unknown) => Object.fromEntries(FIELDS.map((field) => [field, value]));

export interface HostileCase {
  name: string;
  body?: unknown;
  raw?: string | Uint8Array<ArrayBuffer>;
  contentType?: string;
}

const XSS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg/onload=alert(1)>',
  '<ScRiPt>alert(1)</sCrIpT>',
  '[x](javascript:alert(1))',
  '[x](JAVASCRIPT:alert(1))',
  '[x](&#x6A;avascript:alert(1))',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![x](data:image/svg+xml,<svg onload=alert(1)>)',
  '<a href="javascript&colon;alert(1)">x</a>',
  '<iframe srcdoc="<script>alert(1)</script>">',
  '"><script>alert(1)</script>',
  "'-alert(1)-'",
  '<style>@import "https://evil.example/x.css"</style>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
];

const SQLISH = [
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '1 UNION SELECT password_hash FROM users',
  '$1',
  '\\',
  '%',
  '_',
];

const UNICODE = [
  'admin\u202E\u2066evil',
  'zero\u200Bwidth\u200Djoined\uFEFF',
  'ctrl\u0007bell\u001b[31m',
  'ｆｕｌｌｗｉｄｔｈ ＡＤＭＩＮ',
  '\uD800 lone surrogate',
  '🙂'.repeat(300),
  'a\u0301'.repeat(150),
  'line\nbreak\r\nand\ttab',
];

const NUMBERS = [
  -1,
  0,
  1e308,
  Number.MAX_SAFE_INTEGER,
  2 ** 64,
  1.5,
  '12abc',
  '99999999999999999999999',
  '-5',
  'NaN',
];

export const HOSTILE_CASES: HostileCase[] = [
  ...XSS.map((value) => ({ name: `xss ${value}`, body: everywhere(value) })),
  ...SQLISH.map((value) => ({ name: `sql ${value}`, body: everywhere(value) })),
  ...UNICODE.map((value) => ({
    name: `unicode ${JSON.stringify(value).slice(0, 40)}`,
    body: everywhere(value),
  })),
  ...NUMBERS.map((value) => ({ name: `number ${String(value)}`, body: everywhere(value) })),
  { name: 'null everywhere', body: everywhere(null) },
  { name: 'arrays everywhere', body: everywhere(['a', 'b']) },
  { name: 'objects everywhere', body: everywhere({ $gt: '' }) },
  { name: 'booleans everywhere', body: everywhere(true) },
  { name: 'empty strings', body: everywhere('') },
  { name: 'a 100 KB string', body: { title: 'x', body: 'x'.repeat(100_000) } },
  { name: 'a 19 KB string everywhere', body: everywhere('y'.repeat(19_000)) },
  {
    name: 'mass assignment',
    body: {
      title: 'Mass',
      body: 'assign',
      role: 'admin',
      voteCount: 1_000_000,
      status: 'shipped',
      authorId: '1',
      id: '1',
      banned_at: null,
    },
  },
  {
    name: '__proto__ pollution',
    raw: '{"__proto__":{"isAdmin":true,"role":"admin"},"title":"p","body":"p"}',
  },
  {
    name: 'constructor pollution',
    raw: '{"constructor":{"prototype":{"role":"admin"}},"title":"c","body":"c"}',
  },
  { name: 'deeply nested arrays', raw: `${'['.repeat(20_000)}${']'.repeat(20_000)}` },
  { name: 'deeply nested objects', raw: `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}` },
  { name: 'truncated JSON', raw: '{"title": "unfinished' },
  { name: 'JSON with a NUL', raw: '{"title":"a\\u0000b","body":"c"}' },
  {
    name: 'invalid UTF-8 bytes',
    raw: Uint8Array.from([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]),
  },
  { name: 'a bare string', raw: '"just a string"' },
  { name: 'a bare number', raw: '42' },
  { name: 'duplicate keys', raw: '{"title":"one","title":"two","body":"b"}' },
  { name: 'JSON sent as text/plain', raw: '{"title":"t","body":"b"}', contentType: 'text/plain' },
  { name: 'form-encoded', raw: 'title=t&body=b', contentType: 'application/x-www-form-urlencoded' },
  {
    name: 'a charset JSON cannot have',
    raw: '{"title":"t"}',
    contentType: 'application/json; charset=utf-7',
  },
];
