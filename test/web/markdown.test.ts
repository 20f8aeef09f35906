import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderMarkdown } from '../../web/src/markdown.js';

test('Markdown renders, and raw HTML in a description is shown as text', () => {
  const html = renderMarkdown(
    '**Bold** and `a < b`\n\n<script>alert(1)</script>\n\nx <img src=x onerror=alert(1)>',
  );
  assert.match(html, /<strong>Bold<\/strong>/);
  assert.match(html, /<code>a &lt; b<\/code>/);
  assert.doesNotMatch(html, /<script|<img/);
  assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
});

test('links keep safe targets only', () => {
  const html = renderMarkdown(
    '[bad](javascript:alert(1)) [good](https://example.com/a) [rel](./b) [mail](mailto:x@y.z)',
  );
  assert.doesNotMatch(html, /javascript:/);
  assert.match(html, /href="https:\/\/example\.com\/a"/);
  assert.match(html, /href="\.\/b"/);
  assert.match(html, /href="mailto:x@y\.z"/);
});
