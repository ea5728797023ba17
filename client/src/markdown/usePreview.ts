/**
 * The composer's preview, rendered by the server (POST /api/markdown/preview):
 * the same markdown-it renderer and sanitizer as posts, so what you preview is
 * what gets posted, and no second Markdown parser lives in the client.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, describe } from '../lib/api.ts';

export type Preview =
  | { state: 'empty' }
  | { state: 'loading' }
  | { state: 'ready'; html: string }
  | { state: 'failed'; message: string };

/** Waits this long after the last change before asking (typing, quick Write/Preview flips). */
const DEBOUNCE_MS = 250;

/** The last answer, so switching back and forth on the same text asks once. */
let last: { source: string; html: string } | undefined;

export function usePreview(source: string, active: boolean): Preview {
  const [preview, setPreview] = useState<Preview>({ state: 'empty' });
  useEffect(() => {
    if (!active) return;
    if (source.trim() === '') {
      setPreview({ state: 'empty' });
      return;
    }
    if (last?.source === source) {
      setPreview({ state: 'ready', html: last.html });
      return;
    }
    setPreview({ state: 'loading' });
    const abort = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const { bodyHtml } = await api<{ bodyHtml: string }>('POST', '/markdown/preview', {
          body: { body: source },
          signal: abort.signal,
        });
        last = { source, html: bodyHtml };
        setPreview({ state: 'ready', html: bodyHtml });
      } catch (err) {
        if (!abort.signal.aborted) setPreview({ state: 'failed', message: describe(err) });
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [source, active]);
  return preview;
}
