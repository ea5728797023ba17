import type { SuggestionView } from '../contracts.ts';
import { plural } from '../lib/format.ts';
import { Link } from '../lib/router.tsx';
import { StatusBadge, Tags, Time } from '../ui/bits.tsx';
import { VoteButton } from './VoteButton.tsx';

interface Props {
  suggestion: SuggestionView;
  onVotes: (votes: Pick<SuggestionView, 'voteCount' | 'viewerHasVoted'>) => void;
  highlighted?: boolean;
}

/** One suggestion in a list: votes, title, status, reply count, author and age. */
export function SuggestionRow({ suggestion: s, onVotes, highlighted }: Props) {
  return (
    <li class={`suggestion-row${highlighted ? ' is-new' : ''}`} data-suggestion-id={s.id}>
      <VoteButton suggestion={s} onChange={onVotes} />
      <div class="suggestion-main">
        <h3 class="suggestion-title">
          <Link href={`/s/${s.id}`}>{s.title}</Link>
        </h3>
        <p class="meta">
          <StatusBadge status={s.status} />
          {s.hidden ? <span class="badge badge-locked">Hidden</span> : null}
          {s.pending ? <span class="badge">Awaiting approval</span> : null}
          <span class="reply-count">{plural(s.replyCount, 'reply', 'replies')}</span>
          <span>
            by {s.author.handle}, <Time iso={s.createdAt} />
          </span>
        </p>
        <Tags tags={s.tags} announcementId={s.announcementId} />
      </div>
    </li>
  );
}
