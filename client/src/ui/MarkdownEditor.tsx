import { useState } from 'preact/hooks';
import { MarkdownPreview } from '../lib/markdown.tsx';
import { Field } from './Field.tsx';

interface Props {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  error?: string | undefined;
  hideLabel?: boolean;
  rows?: number;
  maxLength?: number;
  placeholder?: string;
  /** Ctrl+Enter (⌘+Enter) sends the form. */
  onSubmit?: () => void;
}

/** A Markdown textarea with a Write / Preview switch. The preview never renders HTML. */
export function MarkdownEditor({ id, value, onValue, onSubmit, rows = 4, ...field }: Props) {
  const [preview, setPreview] = useState(false);
  return (
    <div class="md-editor">
      <div class="md-tabs">
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
        <span class="hint">Markdown: **bold**, *italic*, `code`, [link](https://…), - lists</span>
      </div>
      <div hidden={preview}>
        <Field
          multiline
          id={id}
          rows={rows}
          value={value}
          onInput={(e) => onValue(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && onSubmit) {
              e.preventDefault();
              onSubmit();
            }
          }}
          {...field}
        />
      </div>
      {preview ? (
        <section id={`${id}-preview`} class="md-preview" aria-label="Preview">
          <MarkdownPreview source={value} />
          {field.error ? <p class="field-error">{field.error}</p> : null}
        </section>
      ) : null}
    </div>
  );
}
