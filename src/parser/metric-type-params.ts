/**
 * A metric's `type_params` in the manifest's shape: short forms expanded (`measure: name`,
 * `window: 30 days`), every key present with dbt's defaults. Nothing is validated against the
 * semantic models; that is the semantic layer's business, not the build's.
 */
import type { JsonObject, JsonValue } from './node-types.js';

export interface WhereFilters {
  where_filters: { where_sql_template: string }[];
}

export interface MetricTimeWindow {
  count: number;
  granularity: string;
}

/** `filter:` as written (a template or a list of them) → dbt's where-filter intersection. */
export function whereFilters(filter: unknown): WhereFilters | null {
  if (filter == null) return null;
  const list = Array.isArray(filter) ? filter : [filter];
  if (!list.length) return null;
  return { where_filters: list.map((f) => ({ where_sql_template: String(f) })) };
}

/** `30 days` / `1 month` → `{count: 30, granularity: 'day'}`; a mapping is taken as given. */
export function timeWindow(value: unknown): MetricTimeWindow | null {
  if (value == null) return null;
  if (typeof value === 'object') return value as MetricTimeWindow;
  const m = /^\s*(\d+)\s+([A-Za-z_]+?)s?\s*$/.exec(String(value));
  if (!m) return null;
  return { count: Number(m[1]), granularity: m[2]!.toLowerCase() };
}

function textOrNull(value: unknown): string | null {
  return value == null ? null : String(value);
}

/** A measure named by a metric: `total` or `{name: total, filter: …, alias: …}`. */
export function inputMeasure(value: unknown): JsonObject | null {
  if (value == null) return null;
  const m = typeof value === 'object' ? (value as Record<string, unknown>) : { name: value };
  return {
    name: String(m.name),
    filter: whereFilters(m.filter) as JsonValue,
    alias: textOrNull(m.alias),
    join_to_timespine: m.join_to_timespine === true,
    fill_nulls_with: (m.fill_nulls_with as number | undefined) ?? null,
  };
}

/** A metric named by a ratio or derived metric. */
export function metricInput(value: unknown): JsonObject | null {
  if (value == null) return null;
  const m = typeof value === 'object' ? (value as Record<string, unknown>) : { name: value };
  return {
    name: String(m.name),
    filter: whereFilters(m.filter) as JsonValue,
    alias: textOrNull(m.alias),
    offset_window: timeWindow(m.offset_window) as JsonValue,
    offset_to_grain: textOrNull(m.offset_to_grain),
  };
}

function cumulativeParams(value: unknown): JsonObject | null {
  if (value == null || typeof value !== 'object') return null;
  const c = value as Record<string, unknown>;
  return {
    window: timeWindow(c.window) as JsonValue,
    grain_to_date: textOrNull(c.grain_to_date),
    period_agg: textOrNull(c.period_agg) ?? 'first',
    metric: metricInput(c.metric),
  };
}

function conversionParams(value: unknown): JsonObject | null {
  if (value == null || typeof value !== 'object') return null;
  const c = value as Record<string, unknown>;
  return {
    base_measure: inputMeasure(c.base_measure),
    conversion_measure: inputMeasure(c.conversion_measure),
    entity: String(c.entity ?? ''),
    calculation: textOrNull(c.calculation) ?? 'conversion_rate',
    window: timeWindow(c.window) as JsonValue,
    constant_properties: (c.constant_properties as JsonValue | undefined) ?? null,
  };
}

/** The manifest's `type_params` of a metric of `type`, from the YAML's `type_params`. */
export function metricTypeParams(type: string, params: Record<string, unknown>): JsonObject {
  const measure = inputMeasure(params.measure);
  const conversion = conversionParams(params.conversion_type_params);
  const inputMeasures: JsonObject[] = measure
    ? [measure]
    : type === 'conversion' && conversion
      ? ([conversion.base_measure, conversion.conversion_measure].filter(Boolean) as JsonObject[])
      : [];
  const metrics = Array.isArray(params.metrics) ? params.metrics.map(metricInput) : [];
  return {
    measure,
    input_measures: inputMeasures,
    numerator: metricInput(params.numerator),
    denominator: metricInput(params.denominator),
    expr: textOrNull(params.expr),
    window: timeWindow(params.window) as JsonValue,
    grain_to_date: textOrNull(params.grain_to_date),
    metrics: metrics as JsonValue,
    conversion_type_params: conversion,
    cumulative_type_params: cumulativeParams(params.cumulative_type_params),
    metric_aggregation_params: null,
  };
}

/** Names of the measures a metric reads directly (its semantic models are its parents). */
export function measureNames(typeParams: JsonObject): string[] {
  return ((typeParams.input_measures ?? []) as JsonObject[]).map((m) => String(m.name));
}

/** Names of the metrics a ratio, derived or cumulative-over-metric metric reads. */
export function inputMetricNames(typeParams: JsonObject): string[] {
  const names: string[] = [];
  for (const key of ['numerator', 'denominator'] as const) {
    const m = typeParams[key] as JsonObject | null;
    if (m) names.push(String(m.name));
  }
  for (const m of (typeParams.metrics ?? []) as (JsonObject | null)[]) if (m) names.push(String(m.name));
  const cumulative = typeParams.cumulative_type_params as JsonObject | null;
  const nested = cumulative?.metric as JsonObject | null | undefined;
  if (nested) names.push(String(nested.name));
  return names;
}
