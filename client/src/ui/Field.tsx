import type { InputHTMLAttributes, TextareaHTMLAttributes } from 'preact';

type InputProps = InputHTMLAttributes;
type AreaProps = TextareaHTMLAttributes;

interface Common {
  /** The element id; the label, hint and error hang off it. */
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  /** Keeps the label for screen readers only (a one-field form with a visible heading). */
  hideLabel?: boolean;
}

/** A labelled input whose error sits right under it and is tied to it for screen readers. */
export function Field({
  id,
  label,
  error,
  hint,
  hideLabel,
  multiline,
  ...rest
}: Common & (({ multiline?: false } & InputProps) | ({ multiline: true } & AreaProps))) {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  const shared = {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': described || undefined,
  } as const;
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id} class={hideLabel ? 'sr-only' : undefined}>
        {label}
      </label>
      {multiline ? (
        <textarea {...(rest as AreaProps)} {...shared} />
      ) : (
        <input {...(rest as InputProps)} {...shared} />
      )}
      {hint ? (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} class="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A failure that is not about one field, shown where it happened. */
export function ErrorNote({ message, id }: { message: string | undefined | null; id?: string }) {
  if (!message) return null;
  return (
    <p class="error-note" role="alert" id={id}>
      {message}
    </p>
  );
}

/** After a failed submit, puts the cursor in the first field the server refused. */
export function focusFirstInvalid(form: HTMLElement | null | undefined): void {
  requestAnimationFrame(() => {
    form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  });
}
