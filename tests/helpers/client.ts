/** What a test reads back from a request. */
export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * A small HTTP client with its own cookie jar: one per person in a test.
 * Bodies are sent as JSON unless `raw` is given.
 */
export class Client {
  readonly baseUrl: string;
  cookie = '';

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    options: { headers?: Record<string, string>; raw?: string | Uint8Array<ArrayBuffer> } = {},
  ): Promise<Answer<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookie) headers.cookie = this.cookie;
    let payload: string | Uint8Array<ArrayBuffer> | undefined = options.raw;
    if (body !== undefined && payload === undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(this.baseUrl + path, {
      method,
      headers,
      body: payload,
      redirect: 'manual',
    });
    const setCookie = res.headers.getSetCookie();
    for (const line of setCookie) {
      const pair = line.split(';')[0] ?? '';
      this.cookie = /=$/.test(pair) || /Expires=Thu, 01 Jan 1970/i.test(line) ? '' : pair;
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      // Not JSON (HTML, CSV): keep the text.
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<T = Record<string, unknown>>(path: string, options?: { headers?: Record<string, string> }) {
    return this.request<T>('GET', path, undefined, options);
  }
  post<T = Record<string, unknown>>(
    path: string,
    body?: unknown,
    options?: { headers?: Record<string, string>; raw?: string | Uint8Array<ArrayBuffer> },
  ) {
    return this.request<T>('POST', path, body, options);
  }
  put<T = Record<string, unknown>>(path: string, body?: unknown) {
    return this.request<T>('PUT', path, body);
  }
  patch<T = Record<string, unknown>>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  delete<T = Record<string, unknown>>(path: string) {
    return this.request<T>('DELETE', path);
  }
}
