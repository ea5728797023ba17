import { signal } from '@preact/signals';

/** What the polite live region says next (new replies, status changes, posted items). */
export const announcement = signal('');

let clear: ReturnType<typeof setTimeout> | undefined;

/** Says a sentence to screen readers without moving focus. */
export function announce(text: string): void {
  // Re-setting the same text is not re-read; blank it first.
  announcement.value = '';
  queueMicrotask(() => {
    announcement.value = text;
  });
  if (clear) clearTimeout(clear);
  clear = setTimeout(() => {
    announcement.value = '';
  }, 5_000);
}
