/**
 * The state of one announcement page: the announcement, the suggestion list
 * for the chosen sort and filter, and what arrived live but is not shown yet.
 *
 * The list never moves under the reader: counts and statuses change in place,
 * while new suggestions and rank changes wait behind "N new suggestions — show".
 */
import { batch, signal } from '@preact/signals';
import { seesHidden } from '../auth/session.ts';
import type {
  Announcement,
  Page,
  Suggestion,
  SuggestionSort,
  SuggestionStatus,
  SuggestionView,
  User,
} from '../contracts.ts';
import { ApiFailure, describe, get } from '../lib/api.ts';
import type { LiveScreen } from '../live/useLive.ts';

export interface ListQuery {
  sort: SuggestionSort;
  status: SuggestionStatus | null;
  /** A tag name. */
  tag: string | null;
}

const PAGE = 30;

export type AnnouncementScreen = ReturnType<typeof createAnnouncementScreen>;

export function createAnnouncementScreen(
  id: string,
  initial: ListQuery,
  viewer: () => User | null | undefined,
) {
  const announcement = signal<Announcement | null>(null);
  const failure = signal<ApiFailure | null>(null);
  const items = signal<SuggestionView[] | null>(null);
  const listError = signal<string | null>(null);
  const nextCursor = signal<string | null>(null);
  const loadingMore = signal(false);
  /** Arrived live, not shown yet. */
  const pending = signal<Suggestion[]>([]);
  /** Votes changed the order the list would have; it keeps its order until asked. */
  const reordered = signal(false);
  /** Your own new suggestion, shown at the top of the list and marked. */
  const highlighted = signal<string | null>(null);
  /** Suggestions this update shipped ("shipped from your suggestions"). */
  const shipped = signal<SuggestionView[]>([]);
  let query = { ...initial };
  /** Suggestions already added to the announcement's count since it was fetched. */
  const counted = new Set<string>();
  const count = (sid: string) => {
    const a = announcement.value;
    if (counted.has(sid) || !a) return;
    counted.add(sid);
    announcement.value = { ...a, suggestionCount: a.suggestionCount + 1 };
  };
  let listVersion = 0;
  let loadedAt = Date.now();

  const listPath = (limit: number, cursor?: string) => {
    const params = new URLSearchParams({ sort: query.sort, limit: String(limit) });
    if (query.status) params.set('status', query.status);
    if (query.tag) params.set('tag', query.tag);
    if (cursor) params.set('cursor', cursor);
    return `/announcements/${id}/suggestions?${params}`;
  };

  async function loadAnnouncement() {
    try {
      announcement.value = (
        await get<{ announcement: Announcement }>(`/announcements/${id}`)
      ).announcement;
      failure.value = null;
    } catch (err) {
      if (!announcement.value)
        failure.value =
          err instanceof ApiFailure ? err : new ApiFailure(0, 'unknown', describe(err));
    }
  }

  /** Loads the first page(s) afresh: what "show" and a new sort or filter do. */
  async function loadList(limit = PAGE) {
    const version = ++listVersion;
    try {
      const page = await get<Page<SuggestionView>>(listPath(Math.min(limit, 100)));
      if (version !== listVersion) return;
      batch(() => {
        items.value = page.items;
        nextCursor.value = page.nextCursor;
        pending.value = [];
        reordered.value = false;
        listError.value = null;
      });
      loadedAt = Date.now();
    } catch (err) {
      if (version === listVersion) listError.value = describe(err);
    }
  }

  async function loadMore() {
    const cursor = nextCursor.value;
    if (!cursor || loadingMore.value) return;
    loadingMore.value = true;
    const version = listVersion;
    try {
      const page = await get<Page<SuggestionView>>(listPath(PAGE, cursor));
      if (version !== listVersion) return;
      const seen = new Set((items.value ?? []).map((s) => s.id));
      items.value = [...(items.value ?? []), ...page.items.filter((s) => !seen.has(s.id))];
      nextCursor.value = page.nextCursor;
    } catch (err) {
      listError.value = describe(err);
    } finally {
      loadingMore.value = false;
    }
  }

  const shownCount = () => (items.value?.length ?? 0) + pending.value.length;

  /** Refetches quietly: counts update in place; anything new waits behind the banner. */
  async function resync() {
    void loadAnnouncement();
    const version = listVersion;
    const current = items.value;
    if (!current) return loadList();
    let page: Page<SuggestionView>;
    try {
      page = await get<Page<SuggestionView>>(
        listPath(Math.min(100, Math.max(PAGE, current.length))),
      );
    } catch {
      return; // Keep what is shown; the next event or reconnect tries again.
    }
    if (version !== listVersion || items.value !== current) return;
    const fresh = new Map(page.items.map((s) => [s.id, s]));
    const known = new Set([...current.map((s) => s.id), ...pending.value.map((s) => s.id)]);
    const arrived = page.items.filter(
      (s) => !known.has(s.id) && new Date(s.createdAt).getTime() >= loadedAt - 5_000,
    );
    const freshOrder = page.items
      .map((s) => s.id)
      .filter((sid) => current.some((s) => s.id === sid));
    const shownOrder = current.map((s) => s.id).filter((sid) => fresh.has(sid));
    batch(() => {
      items.value = current.map((s) => fresh.get(s.id) ?? s);
      if (arrived.length) pending.value = [...arrived, ...pending.value];
      if (
        freshOrder.join() !== shownOrder.join() ||
        page.items.some((s) => !known.has(s.id) && !arrived.includes(s))
      )
        reordered.value = true;
    });
  }

  function patch(sid: string, change: Partial<SuggestionView>) {
    const list = items.value;
    if (!list?.some((s) => s.id === sid)) return false;
    items.value = list.map((s) => (s.id === sid ? { ...s, ...change } : s));
    return true;
  }

  /** Whether the list, as shown, is still in the order the server would give. */
  function checkOrder() {
    const list = items.value;
    if (!list || list.length < 2 || reordered.value) return;
    const key =
      query.sort === 'top'
        ? (s: Suggestion) => s.voteCount
        : query.sort === 'hot'
          ? hotScore
          : undefined;
    if (!key) return;
    for (let i = 1; i < list.length; i++) {
      const a = list[i - 1];
      const b = list[i];
      if (a && b && key(b) > key(a) + 1e-9) {
        reordered.value = true;
        return;
      }
    }
  }

  const listeners: LiveScreen['listeners'] = {
    'suggestion:created': (s) => {
      if (s.announcementId !== id) return;
      count(s.id);
      const known =
        items.value?.some((x) => x.id === s.id) || pending.value.some((x) => x.id === s.id);
      if (known) return;
      if (query.status && s.status !== query.status) return;
      if (query.tag && !s.tags?.some((t) => t.name.toLowerCase() === query.tag?.toLowerCase()))
        return;
      pending.value = [...pending.value, s];
    },
    'suggestion:updated': (s) => {
      if (s.announcementId !== id) return;
      // Hidden, held or deleted: gone for fans at once (a moderator's decision, not a rank change).
      if ((s.hidden || s.pending || s.deleted) && !seesHidden(viewer(), s.author.id)) {
        if (items.value?.some((x) => x.id === s.id))
          items.value = items.value.filter((x) => x.id !== s.id);
        pending.value = pending.value.filter((x) => x.id !== s.id);
        return;
      }
      // Per-viewer fields (viewerHasVoted) are kept: the event carries only public ones.
      if (!patch(s.id, s)) {
        pending.value = pending.value.map((x) => (x.id === s.id ? s : x));
      }
    },
    'suggestion:votes': ({ id: sid, voteCount }) => {
      if (patch(sid, { voteCount })) checkOrder();
      else pending.value = pending.value.map((x) => (x.id === sid ? { ...x, voteCount } : x));
    },
  };

  return {
    id,
    announcement,
    failure,
    items,
    listError,
    nextCursor,
    loadingMore,
    pending,
    reordered,
    highlighted,
    shipped,
    rooms: [`announcement:${id}`],
    listeners,
    shownCount,
    async load() {
      void get<{ items: SuggestionView[] }>(`/announcements/${id}/shipped`).then(
        (answer) => {
          shipped.value = answer.items;
        },
        () => {},
      );
      await Promise.all([loadAnnouncement(), loadList()]);
    },
    resync,
    loadMore,
    /** A new sort or filter: the list is fetched again (the reader asked for the move). */
    setQuery(next: ListQuery) {
      if (next.sort === query.sort && next.status === query.status && next.tag === query.tag)
        return;
      query = { ...next };
      items.value = null;
      void loadList();
    },
    /** Applies what waited behind the banner. */
    async showPending() {
      await loadList(Math.max(PAGE, shownCount()));
    },
    /** Your own suggestion goes straight to the top: you asked for it, nothing moves unexpectedly. */
    addOwn(s: SuggestionView) {
      batch(() => {
        pending.value = pending.value.filter((x) => x.id !== s.id);
        const rest = (items.value ?? []).filter((x) => x.id !== s.id);
        items.value = [s, ...rest];
        highlighted.value = s.id;
        count(s.id);
      });
    },
    setVotes(sid: string, votes: Pick<SuggestionView, 'voteCount' | 'viewerHasVoted'>) {
      patch(sid, votes);
    },
  } satisfies LiveScreen & Record<string, unknown>;
}

/** The server's "hot": log10(1 + votes) + age in units of 12.5 hours. */
function hotScore(s: Suggestion): number {
  return Math.log10(1 + s.voteCount) + new Date(s.createdAt).getTime() / 1000 / 45_000;
}
