/**
 * A history-API router in a signal: pages read `route.value`, links push
 * entries, the back button pops them. The server answers every client route
 * with index.html, so a reload or a shared link lands on the same screen.
 */
import { signal } from '@preact/signals';
import type { AnchorHTMLAttributes, ComponentChildren, TargetedMouseEvent } from 'preact';

export interface Route {
  path: string;
  query: URLSearchParams;
  /** Bumped on every navigation, so a screen can tell a new visit from a re-render. */
  visit: number;
}

let visits = 0;
const read = (): Route => ({
  path: window.location.pathname,
  query: new URLSearchParams(window.location.search),
  visit: ++visits,
});

export const route = signal<Route>(read());

/** Set when the path (not only the query) changed by client navigation: focus moves to the page. */
export const movedToNewPage = signal(false);

window.addEventListener('popstate', () => {
  const before = route.value.path;
  route.value = read();
  movedToNewPage.value = route.value.path !== before;
});

export function navigate(to: string, { replace = false }: { replace?: boolean } = {}): void {
  const url = new URL(to, window.location.href);
  if (url.origin !== window.location.origin) {
    window.location.assign(url.href);
    return;
  }
  const target = url.pathname + url.search + url.hash;
  const current = window.location.pathname + window.location.search + window.location.hash;
  const before = route.value.path;
  if (target !== current) {
    if (replace) window.history.replaceState(null, '', target);
    else window.history.pushState(null, '', target);
  }
  route.value = read();
  const newPage = route.value.path !== before;
  movedToNewPage.value = newPage;
  if (newPage && !replace) window.scrollTo(0, 0);
}

/** Replaces one query parameter (a sort tab, a filter) without a new history entry. */
export function setQuery(name: string, value: string | null): void {
  const query = new URLSearchParams(route.value.query);
  if (value === null || value === '') query.delete(name);
  else query.set(name, value);
  const search = query.toString();
  navigate(route.value.path + (search ? `?${search}` : ''), { replace: true });
}

/** Where to come back to after signing in. */
export const here = (): string => route.value.path + window.location.search;

export const signInHref = (): string => `/signin?next=${encodeURIComponent(here())}`;

type AnchorProps = AnchorHTMLAttributes & {
  href: string;
  children?: ComponentChildren;
};

/** An <a> that navigates in place on a plain left click; new tabs and downloads still work. */
export function Link({ href, onClick, ...rest }: AnchorProps) {
  const handle = (event: TargetedMouseEvent<HTMLAnchorElement>) => {
    if (typeof onClick === 'function') onClick(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey ||
      event.currentTarget.target === '_blank'
    )
      return;
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={handle} {...rest} />;
}

/** `/s/42` against `/s/:id` → `{id: '42'}`; ids are positive integers. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = path.replace(/\/+$/, '').split('/');
  if (path === '/' && pattern === '/') return {};
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? '';
    const g = got[i] ?? '';
    if (w.startsWith(':')) {
      if (!/^[1-9][0-9]{0,17}$/.test(g)) return null;
      params[w.slice(1)] = g;
    } else if (w !== g) return null;
  }
  return params;
}
