// The `metadata` block every dbt artifact opens with, and the timestamp formats dbt uses.
import { randomUUID } from 'node:crypto';

/** Tessera's own version, written into artifacts. */
export const TESSERA_VERSION = '0.1.0';

/**
 * What we write as `dbt_version`. The schema allows any string, but ecosystem tools parse it as a
 * version, so it names the dbt behaviour we follow and carries Tessera's version as build metadata
 * (valid both as semver and as a PEP 440 local version).
 */
export const DEFAULT_DBT_VERSION = `1.11.0+tessera.${TESSERA_VERSION}`;

export const SCHEMA_URLS = {
  manifest: 'https://schemas.getdbt.com/dbt/manifest/v12.json',
  runResults: 'https://schemas.getdbt.com/dbt/run-results/v6.json',
} as const;

/** dbt's `generated_at` form: UTC with microseconds and a `Z`, e.g. `2026-11-25T00:01:04.382000Z`. */
export function formatTimestamp(date: Date): string {
  return date.toISOString().replace(/Z$/, '000Z');
}

/** Python's `datetime.isoformat()` of an aware UTC time, as dbt writes `run_started_at`. */
export function formatIsoOffset(date: Date): string {
  return date.toISOString().replace(/Z$/, '000+00:00');
}

/**
 * `DBT_ENV_CUSTOM_ENV_<NAME>` variables become `env.<NAME>` in artifact metadata, as in dbt.
 */
export function customEnvFrom(environment: Record<string, string | undefined>): Record<string, string> {
  const prefix = 'DBT_ENV_CUSTOM_ENV_';
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(environment)) {
    if (key.startsWith(prefix) && value !== undefined) env[key.slice(prefix.length)] = value;
  }
  return env;
}

export interface BaseMetadataInit {
  invocationId?: string;
  generatedAt?: Date;
  invocationStartedAt?: Date | null;
  env?: Record<string, string>;
  dbtVersion?: string;
}

export interface BaseArtifactMetadata {
  dbt_schema_version: string;
  dbt_version: string;
  generated_at: string;
  invocation_id: string | null;
  invocation_started_at: string | null;
  env: Record<string, string>;
}

export function buildBaseMetadata(schemaUrl: string, init: BaseMetadataInit): BaseArtifactMetadata {
  return {
    dbt_schema_version: schemaUrl,
    dbt_version: init.dbtVersion ?? DEFAULT_DBT_VERSION,
    generated_at: formatTimestamp(init.generatedAt ?? new Date()),
    invocation_id: init.invocationId ?? randomUUID(),
    invocation_started_at: init.invocationStartedAt ? formatTimestamp(init.invocationStartedAt) : null,
    env: { ...init.env },
  };
}
