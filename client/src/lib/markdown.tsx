/**
 * A small Markdown preview built from Preact elements, never from an HTML
 * string: every character of the source reaches the page as text, so a post
 * cannot inject markup or script here. It covers what people write in a
 * forum (paragraphs, headings, lists, quotes, code, emphasis, links); the
 * server's renderer (bodyHtml) remains the one shown once posted.
 */
import type { ComponentChildren, VNode } from 'preact';

const SAFE_URL = /^(https?:\/\/|mailto:)/i;

export function MarkdownPreview({ source }: { source: string }) {
  if (source.trim() === '') return <p class="muted">Nothing to preview yet.</p>;
  return <div class="prose">{blocks(source.replace(/\r\n?/g, '\n'))}</div>;
}

function blocks(source: string): VNode[] {
  const lines = source.split('\n');
  const out: VNode[] = [];
  let i = 0;
  const key = () => out.length;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      i++;
      continue;
    }
    const fence = /^\s*(```|~~~)/.exec(line);
    if (fence) {
      const code: string[] = [];
      i++;
      while (i < lines.length && !(lines[i] ?? '').trimStart().startsWith(fence[1] ?? '```')) {
        code.push(lines[i] ?? '');
        i++;
      }
      i++;
      out.push(
        <pre key={key()}>
          <code>{code.join('\n')}</code>
        </pre>,
      );
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const level = Math.min((heading[1] ?? '#').length + 2, 6);
      const Tag = `h${level}` as 'h3';
      out.push(<Tag key={key()}>{inline(heading[2] ?? '')}</Tag>);
      i++;
      continue;
    }
    if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      out.push(<hr key={key()} />);
      i++;
      continue;
    }
    if (/^\s*>/.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length && /^\s*>/.test(lines[i] ?? '')) {
        quoted.push((lines[i] ?? '').replace(/^\s*>\s?/, ''));
        i++;
      }
      out.push(<blockquote key={key()}>{blocks(quoted.join('\n'))}</blockquote>);
      continue;
    }
    const listItem = /^\s*([-*+]|\d{1,9}[.)])\s+/;
    if (listItem.test(line)) {
      const ordered = /^\s*\d/.test(line);
      const items: string[] = [];
      while (i < lines.length && listItem.test(lines[i] ?? '')) {
        items.push((lines[i] ?? '').replace(listItem, ''));
        i++;
      }
      const children = items.map((item, n) => <li key={n}>{inline(item)}</li>);
      out.push(ordered ? <ol key={key()}>{children}</ol> : <ul key={key()}>{children}</ul>);
      continue;
    }
    const paragraph: string[] = [];
    while (
      i < lines.length &&
      (lines[i] ?? '').trim() !== '' &&
      !/^(#{1,6}\s|\s*>|\s*```|\s*~~~)/.test(lines[i] ?? '') &&
      !listItem.test(lines[i] ?? '')
    ) {
      paragraph.push(lines[i] ?? '');
      i++;
    }
    out.push(<p key={key()}>{withBreaks(paragraph)}</p>);
  }
  return out;
}

function withBreaks(lines: string[]): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  lines.forEach((line, n) => {
    if (n > 0) out.push(<br key={`br${n}`} />);
    out.push(...inline(line));
  });
  return out;
}

/** Code spans first (their content is literal), then links, strong, emphasis, strikethrough. */
const INLINE =
  /`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)|\*\*([^*]+)\*\*|__([^_]+)__|\*([^*]+)\*|_([^_]+)_|~~([^~]+)~~/;

function inline(text: string): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  let rest = text;
  let n = 0;
  while (rest) {
    const m = INLINE.exec(rest);
    if (!m) {
      out.push(rest);
      break;
    }
    if (m.index > 0) out.push(rest.slice(0, m.index));
    const [whole, code, label, href, strong1, strong2, em1, em2, del] = m;
    const k = n++;
    if (code !== undefined) out.push(<code key={k}>{code}</code>);
    else if (label !== undefined && href !== undefined)
      out.push(
        SAFE_URL.test(href) ? (
          <a key={k} href={href} rel="nofollow noopener noreferrer ugc" target="_blank">
            {inline(label)}
          </a>
        ) : (
          // An unsafe scheme (javascript:, data:) is shown as text, never linked.
          `[${label}](${href})`
        ),
      );
    else if (strong1 !== undefined || strong2 !== undefined)
      out.push(<strong key={k}>{inline(strong1 ?? strong2 ?? '')}</strong>);
    else if (em1 !== undefined || em2 !== undefined)
      out.push(<em key={k}>{inline(em1 ?? em2 ?? '')}</em>);
    else if (del !== undefined) out.push(<del key={k}>{inline(del)}</del>);
    rest = rest.slice(m.index + whole.length);
  }
  return out;
}
