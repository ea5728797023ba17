// Characters XML 1.0 does not allow at all (controls, lone surrogates, U+FFFE/F).
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text safe inside an XML element or attribute. */
export function xml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Plain text inside HTML (the entry content is HTML, then escaped again as XML). */
const html = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface FeedEntry {
  id: string;
  title: string;
  bodyHtml: string;
  author: string;
  published: Date;
  updated: Date;
  shipped: { id: string; title: string }[];
}

/** An Atom 1.0 feed of announcements; `base` is the site's origin. */
export function atomFeed(base: string, entries: FeedEntry[]): string {
  const updated = entries.reduce((max, e) => Math.max(max, e.updated.getTime()), 0);
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    '  <title>Announcements</title>',
    `  <id>${xml(`${base}/`)}</id>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(`${base}/api/announcements.atom`)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xml(`${base}/`)}"/>`,
    `  <updated>${new Date(updated).toISOString()}</updated>`,
  ];
  for (const entry of entries) {
    const url = `${base}/a/${entry.id}`;
    const shipped =
      entry.shipped.length === 0
        ? ''
        : `<h2>Shipped from your suggestions</h2><ul>${entry.shipped
            .map((s) => `<li><a href="${html(`${base}/s/${s.id}`)}">${html(s.title)}</a></li>`)
            .join('')}</ul>`;
    lines.push(
      '  <entry>',
      `    <title type="text">${xml(entry.title)}</title>`,
      `    <id>${xml(url)}</id>`,
      `    <link rel="alternate" type="text/html" href="${xml(url)}"/>`,
      `    <published>${entry.published.toISOString()}</published>`,
      `    <updated>${entry.updated.toISOString()}</updated>`,
      `    <author><name>${xml(entry.author)}</name></author>`,
      `    <content type="html">${xml(entry.bodyHtml + shipped)}</content>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
