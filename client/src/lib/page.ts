import { useEffect } from 'preact/hooks';
import { movedToNewPage } from './router.tsx';

const SITE = 'Feedback forum';

/**
 * Names the page in the tab and, after a client-side navigation, moves focus
 * to the main region so keyboard and screen-reader users start at the content.
 */
export function usePage(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · ${SITE}` : SITE;
  }, [title]);
  useEffect(() => {
    if (!movedToNewPage.peek()) return;
    movedToNewPage.value = false;
    document.getElementById('main')?.focus({ preventScroll: true });
  }, []);
}
