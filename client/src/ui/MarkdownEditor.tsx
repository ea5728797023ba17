import { useState } from 'preact/hooks';
import { MarkdownPreview } from '../lib/markdown.tsx';

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
 * The preview is built from elements, never from HTML (lib/markdown.tsx).
 */
export function MarkdownEditor({ id, label, value, onValue, error, onSubmit, ...rest }: Props) {
  const [preview, setPreview] = useState(false);
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
        <section id={`${id}-preview`} class="md-preview" aria-label={`${label}, preview`}>
          <MarkdownPreview source={value} />
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
