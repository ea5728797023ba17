/**
 * A component loaded on first render (a dynamic import, so a separate chunk):
 * team and moderator screens stay out of what every fan downloads.
 */
import { type ComponentType, h } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export function lazy<P extends object>(
  load: () => Promise<ComponentType<P>>,
  what = 'this part of the page',
): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  return function Lazy(props: P) {
    const [, setReady] = useState(false);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (loaded) return;
      let alive = true;
      loading ??= load();
      loading.then(
        (component) => {
          loaded = component;
          if (alive) setReady(true);
        },
        () => {
          loading = undefined; // The next render tries again (a deploy replaced the chunk).
          if (alive) setFailed(true);
        },
      );
      return () => {
        alive = false;
      };
    }, []);
    if (loaded) return h(loaded, props);
    if (failed)
      return (
        <p class="error-note" role="alert">
          Could not load {what}. Reload the page to try again.
        </p>
      );
    return (
      <p class="loading" aria-busy="true">
        Loading {what}…
      </p>
    );
  };
}
