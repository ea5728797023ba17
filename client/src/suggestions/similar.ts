import { useEffect, useState } from 'preact/hooks';
import type { SimilarSuggestion } from '../contracts.ts';
import { ApiFailure, get, isRecord } from '../lib/api.ts';

export type Similar = Pick<SimilarSuggestion, 'id' | 'title'> & Partial<SimilarSuggestion>;

/** Unknown until asked; false once the server said it has no such endpoint. */
let available: boolean | undefined;

/**
 * Suggestions whose titles look like the one being typed, so a fan can vote
 * for an existing idea instead of posting a duplicate. Hidden when the server
 * has no `GET /api/suggestions/similar`.
 */
export function useSimilar(title: string, announcementId: string): Similar[] {
  const [found, setFound] = useState<Similar[]>([]);
  const query = title.trim();
  useEffect(() => {
    if (available === false || query.length < 4) {
      setFound([]);
      return;
    }
    const abort = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const params = new URLSearchParams({ title: query, announcementId, limit: '5' });
        const answer = await get<unknown>(`/suggestions/similar?${params}`, abort.signal);
        available = true;
        setFound(toList(answer).slice(0, 5));
      } catch (err) {
        if (err instanceof ApiFailure && err.missing) available = false;
        if (!abort.signal.aborted) setFound([]);
      }
    }, 350);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [query, announcementId]);
  return found;
}

function toList(answer: unknown): Similar[] {
  const list = Array.isArray(answer)
    ? answer
    : isRecord(answer) && Array.isArray(answer.items)
      ? answer.items
      : [];
  return list.filter(
    (item): item is Similar =>
      isRecord(item) && typeof item.id === 'string' && typeof item.title === 'string',
  );
}
