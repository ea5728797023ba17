import { Parser } from 'htmlparser2';

const SAFE_TAGS = new Set([
  'p',
  'br',
  'hr',
  'strong',
  'em',
  'del',
  's',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'a',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
]);
const SAFE_URL = /^(https?:|mailto:)/i;

/**
 * Parses HTML as a browser would and lists what could run a script or load
 * something: unknown tags, event-handler or style attributes, non-http(s) URLs.
 * Escaped text ("&lt;script&gt;") is text and is not reported.
 */
export function unsafeParts(html: string): string[] {
  const found: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (!SAFE_TAGS.has(name)) found.push(`<${name}>`);
        for (const [attribute, value] of Object.entries(attributes)) {
          if (/^on/i.test(attribute) || attribute === 'style' || attribute === 'srcdoc')
            found.push(`${name}[${attribute}]`);
          if (
            ['href', 'src', 'action', 'formaction', 'xlink:href'].includes(attribute) &&
            !SAFE_URL.test(value.trim())
          ) {
            found.push(`${name}[${attribute}=${value}]`);
          }
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return found;
}
