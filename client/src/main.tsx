import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Announcement, Page } from '../../server/contracts.ts';

function App() {
  const [items, setItems] = useState<Announcement[] | null>(null);
  useEffect(() => {
    fetch('/api/announcements')
      .then((res) => res.json() as Promise<Page<Announcement>>)
      .then((page) => setItems(page.items));
  }, []);
  return (
    <main>
      <h1>Announcements</h1>
      {items === null ? <p>Loading…</p> : null}
      <ul>
        {items?.map((a) => (
          <li key={a.id}>
            {a.title} ({a.suggestionCount} suggestions)
          </li>
        ))}
      </ul>
    </main>
  );
}

render(<App />, document.getElementById('app')!);
