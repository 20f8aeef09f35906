/** A tiny element builder: enough DOM for this app without a framework. */

type Child = Node | string | number | null | undefined | false | Child[];
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(key.replace(/^on/, ''), value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's content. */
export function mount(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** Tells screen readers what changed (a polite live region in index.html). */
export function announce(message: string): void {
  const region = document.getElementById('announcer');
  if (region) region.textContent = message;
}

export function productHref(project: string, name: string): string {
  return `#/products/${encodeURIComponent(project)}/${encodeURIComponent(name)}`;
}

/** "3 minutes ago"-style text, with the exact time kept for a title attribute. */
export function relativeTime(iso: string | null | undefined): string {
  if (!iso) return 'unknown';
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso;
  const seconds = Math.round((Date.now() - then) / 1000);
  const units: [number, Intl.RelativeTimeFormatUnit][] = [
    [60, 'second'],
    [60, 'minute'],
    [24, 'hour'],
    [30, 'day'],
    [12, 'month'],
    [Number.POSITIVE_INFINITY, 'year'],
  ];
  let value = -seconds;
  for (const [size, unit] of units) {
    if (Math.abs(value) < size)
      return new Intl.RelativeTimeFormat('en', { numeric: 'auto' }).format(value, unit);
    value = Math.round(value / size);
  }
  return iso;
}

export function timeEl(iso: string | null | undefined): HTMLTimeElement {
  return h('time', { datetime: iso ?? null, title: iso ?? null }, relativeTime(iso));
}

/** An owner as the publication writes it (`{name, email}`, a string, or nothing). */
export function ownerText(owner: unknown): string {
  if (!owner) return 'no owner';
  if (typeof owner === 'string') return owner;
  if (typeof owner === 'object') {
    const o = owner as { name?: unknown; email?: unknown };
    const email = Array.isArray(o.email) ? o.email.join(', ') : o.email;
    if (o.name && email) return `${o.name} <${email}>`;
    return String(o.name ?? email ?? 'no owner');
  }
  return String(owner);
}
