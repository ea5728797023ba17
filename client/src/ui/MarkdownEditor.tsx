import { useState } from 'preact/hooks';
import { usePreview } from '../markdown/usePreview.ts';
import { ErrorNote } from './Field.tsx';

interface Props {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  error?: string | undefined;
  rows?: number;
  maxLength?: number;
  placeholder?: string;
  /** Ctrl+Enter (⌘+Enter) sends the form. */
  onSubmit?: () => void;
}

/**
 * A labelled Markdown textarea with a Write / Preview switch beside its label.
 * The preview comes from the server's renderer and sanitizer (markdown/usePreview.ts).
 */
export function MarkdownEditor({ id, label, value, onValue, error, onSubmit, ...rest }: Props) {
  const [preview, setPreview] = useState(false);
  const rendered = usePreview(value, preview);
  const described = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={`field md-editor${error ? ' has-error' : ''}`}>
      <div class="md-head">
        <label for={id}>{label}</label>
        <span class="md-tabs">
          <button type="button" aria-pressed={!preview} onClick={() => setPreview(false)}>
            Write
          </button>
          <button
            type="button"
            aria-pressed={preview}
            aria-controls={`${id}-preview`}
            onClick={() => setPreview(true)}
          >
            Preview
          </button>
        </span>
      </div>
      <textarea
        id={id}
        value={value}
        hidden={preview}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        onInput={(e) => onValue(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && onSubmit) {
            e.preventDefault();
            onSubmit();
          }
        }}
        {...rest}
      />
      {preview ? (
        <section
          id={`${id}-preview`}
          class="md-preview"
          aria-label={`${label}, preview`}
          aria-busy={rendered.state === 'loading'}
        >
          {rendered.state === 'ready' ? (
            // bodyHtml from the server's renderer, sanitized as posts are.
            <div class="prose" dangerouslySetInnerHTML={{ __html: rendered.html }} />
          ) : rendered.state === 'failed' ? (
            <ErrorNote message={`No preview: ${rendered.message}`} />
          ) : (
            <p class="muted">
              {rendered.state === 'empty' ? 'Nothing to preview yet.' : 'Rendering the preview…'}
            </p>
          )}
        </section>
      ) : null}
      <p id={`${id}-hint`} class="hint">
        Markdown: **bold**, *italic*, `code`, [link](https://…), - lists. Ctrl+Enter sends.
      </p>
      {error ? (
        <p id={`${id}-error`} class="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
