import { usePage } from '../lib/page.ts';
import { Link } from '../lib/router.tsx';

export function NotFound({ what = 'page' }: { what?: string }) {
  usePage('Not found');
  return (
    <section class="not-found">
      <h1>Not found</h1>
      <p>
        This {what} does not exist, or it was removed. <Link href="/">Back to announcements</Link>
      </p>
    </section>
  );
}
