/** Build/test status, freshness and quality score, read the same way on every page. */
import type { ProductSummary } from './api.js';
import { h } from './dom.js';

export type Freshness = { state: 'fresh' | 'stale' | 'unknown'; text: string };

/**
 * Freshness against the product's SLA. The registry may send a status (a string or an object with
 * `status`/`stale`), or the model's freshness config as written (`warn_after`/`error_after` with
 * `count` and `period`): then the age of the last build (`builtAt`) is checked against it.
 */
export function readFreshness(value: unknown, builtAt?: string | null): Freshness {
  if (value === null || value === undefined) return { state: 'unknown', text: 'no freshness SLA' };
  if (typeof value === 'string') return { state: stateOf(value), text: value };
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    const sla = slaHours(v.error_after) ?? slaHours(v.warn_after);
    if (sla !== null) return againstSla(sla, v, builtAt);
    const raw = v.status ?? v.state ?? (v.stale === true ? 'stale' : v.stale === false ? 'fresh' : undefined);
    if (typeof raw === 'string') return { state: stateOf(raw), text: raw };
    return { state: 'unknown', text: describe(value) };
  }
  return { state: 'unknown', text: String(value) };
}

const HOURS: Record<string, number> = { minute: 1 / 60, hour: 1, day: 24 };

function slaHours(value: unknown): number | null {
  if (!value || typeof value !== 'object') return null;
  const { count, period } = value as { count?: unknown; period?: unknown };
  const unit = typeof period === 'string' ? HOURS[period.replace(/s$/, '')] : undefined;
  return typeof count === 'number' && unit !== undefined ? count * unit : null;
}

function againstSla(
  slaHoursLimit: number,
  config: Record<string, unknown>,
  builtAt?: string | null,
): Freshness {
  const sla = `SLA: ${describe(config)}`;
  const at = builtAt ? Date.parse(builtAt) : Number.NaN;
  if (Number.isNaN(at)) return { state: 'unknown', text: `${sla}; last build time unknown` };
  const ageHours = (Date.now() - at) / 3_600_000;
  const age = ageHours < 1 ? `${Math.round(ageHours * 60)} minutes` : `${ageHours.toFixed(1)} hours`;
  const state = ageHours > slaHoursLimit ? 'stale' : 'fresh';
  return { state, text: `${state}: built ${age} ago (${sla})` };
}

function stateOf(text: string): Freshness['state'] {
  const t = text.toLowerCase();
  if (/stale|late|error|warn|overdue/.test(t)) return 'stale';
  if (/fresh|pass|ok|on.?time/.test(t)) return 'fresh';
  return 'unknown';
}

function describe(value: unknown): string {
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('count' in v && 'period' in v) return `${v.count} ${v.period}`;
    return Object.entries(v)
      .map(([k, x]) => `${k.replace(/_/g, ' ')} ${typeof x === 'object' ? describe(x) : String(x)}`)
      .join(', ');
  }
  return String(value);
}

export function statusBadge(status: string | undefined): HTMLElement {
  const s = status ?? 'untested';
  const label = s === 'passing' ? 'Tests passing' : s === 'failing' ? 'Tests failing' : 'Untested';
  return h('span', { class: `badge badge-${s}` }, label);
}

export function freshnessBadge(value: unknown, builtAt?: string | null): HTMLElement {
  const f = readFreshness(value, builtAt);
  const label = f.state === 'stale' ? 'Stale' : f.state === 'fresh' ? 'Fresh' : 'Freshness unknown';
  return h('span', { class: `badge badge-${f.state}`, title: f.text }, label);
}

export function scoreBadge(score: number | undefined): HTMLElement {
  const n = typeof score === 'number' ? Math.round(score) : null;
  const level = n === null ? 'unknown' : n >= 80 ? 'good' : n >= 50 ? 'fair' : 'poor';
  return h(
    'span',
    { class: `score score-${level}`, title: 'Quality score (0–100)' },
    n === null ? '–' : `${n}`,
  );
}

export function needsAttention(p: ProductSummary): boolean {
  return p.status === 'failing' || readFreshness(p.freshness, p.updated_at).state === 'stale';
}
