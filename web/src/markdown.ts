/**
 * Markdown descriptions, made safe: every piece of raw HTML in the source (block or inline) is
 * escaped and shown as text — done on marked's HTML tokens rather than on the whole source so that
 * `<` inside code spans still reads right — and links other than http(s), mailto, anchors and
 * relative paths lose their href.
 */
import { Marked } from 'marked';

const SAFE_HREF = /^(https?:|mailto:|#|\/|\.{1,2}\/|[^:]*$)/i;

const marked = new Marked({
  gfm: true,
  async: false,
  walkTokens(token) {
    if ((token.type === 'link' || token.type === 'image') && !SAFE_HREF.test(token.href.trim())) {
      token.href = '#';
    }
  },
  renderer: {
    html: (token) => escapeHtml(token.text),
  },
});

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function renderMarkdown(source: string): string {
  return marked.parse(source) as string;
}
