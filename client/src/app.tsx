import type { VNode } from 'preact';
import { AnnouncementPage } from './announcements/AnnouncementPage.tsx';
import { HomePage } from './announcements/HomePage.tsx';
import { MePage } from './auth/MePage.tsx';
import { SignInPage } from './auth/SignInPage.tsx';
import { hasRole, user } from './auth/session.ts';
import { announcement } from './lib/announce.ts';
import { lazy } from './lib/lazy.tsx';
import { here, Link, match, route } from './lib/router.tsx';
import { Bell } from './notifications/Bell.tsx';
import { RoadmapPage } from './roadmap/RoadmapPage.tsx';
import { SearchPage } from './search/SearchPage.tsx';
import { SuggestionPage } from './suggestions/SuggestionPage.tsx';
import { NotFound } from './ui/NotFound.tsx';

// Staff screens are their own chunks, loaded when opened: fans never download them.
const TriagePage = lazy(
  () => import('./triage/TriagePage.tsx').then((m) => m.TriagePage),
  'the triage screen',
);
const ModerationPage = lazy(
  () => import('./moderation/ModerationPage.tsx').then((m) => m.ModerationPage),
  'the moderation screen',
);

/**
 * Client routes, in one visible list. The server answers each of these paths
 * with index.html (server/http/static-client.ts), so they reload and share.
 */
const ROUTES: [string, (params: Record<string, string>) => VNode][] = [
  ['/', () => <HomePage />],
  ['/a/:id', ({ id = '' }) => <AnnouncementPage id={id} />],
  ['/s/:id', ({ id = '' }) => <SuggestionPage id={id} />],
  ['/roadmap', () => <RoadmapPage />],
  ['/search', () => <SearchPage />],
  ['/signin', () => <SignInPage />],
  ['/me', () => <MePage />],
  ['/triage', () => <TriagePage />],
  ['/moderation', () => <ModerationPage />],
];

function Screen() {
  const { path } = route.value;
  for (const [pattern, render] of ROUTES) {
    const params = match(pattern, path);
    // Keyed by path: another announcement or suggestion is a new screen (state, focus, rooms).
    if (params) return <div key={path}>{render(params)}</div>;
  }
  return <NotFound />;
}

function Header() {
  const me = user.value;
  const path = route.value.path;
  const current = (href: string) => (path === href ? 'page' : undefined);
  return (
    <header class="site-header">
      <div class="bar">
        <Link href="/" class="brand" aria-current={current('/')}>
          <svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22">
            <path
              d="M4 4h16v11H8l-4 4z"
              fill="none"
              stroke="currentColor"
              stroke-width="2"
              stroke-linejoin="round"
            />
          </svg>
          Feedback forum
        </Link>
        <nav aria-label="Main" class="main-nav">
          <Link href="/roadmap" aria-current={current('/roadmap')}>
            Roadmap
          </Link>
          <Link href="/search" aria-current={current('/search')}>
            Search
          </Link>
          {hasRole(me, 'team') ? (
            <Link href="/triage" aria-current={current('/triage')}>
              Triage
            </Link>
          ) : null}
          {hasRole(me, 'moderator') ? (
            <Link href="/moderation" aria-current={current('/moderation')}>
              Moderation
            </Link>
          ) : null}
          <Bell />
          {me ? (
            <Link href="/me" class="account" aria-current={current('/me')}>
              <span class="sr-only">Your account: </span>
              {me.handle}
            </Link>
          ) : me === null && path !== '/signin' ? (
            <Link href={`/signin?next=${encodeURIComponent(here())}`} class="button-link">
              Sign in
            </Link>
          ) : null}
        </nav>
      </div>
    </header>
  );
}

export function App() {
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <Header />
      <main id="main" tabIndex={-1}>
        <Screen />
      </main>
      <footer class="site-footer">
        <p>
          Suggest, vote and follow your ideas from suggestion to shipped.{' '}
          <a href="/api/announcements.atom" type="application/atom+xml">
            Announcements feed (Atom)
          </a>
        </p>
      </footer>
      <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">
        {announcement.value}
      </div>
    </>
  );
}
