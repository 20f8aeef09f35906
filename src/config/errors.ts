/** Where something was written: 1-based line and column in a file. */
export interface Loc {
  file: string;
  line: number;
  column: number;
}

export type ConfigSeverity = 'error' | 'warning';

/** Stable codes so callers (CLI, tests, editors) can react without parsing messages. */
export type ConfigErrorCode =
  | 'yaml-syntax'
  | 'file-not-found'
  | 'invalid-value'
  | 'unknown-key'
  | 'unknown-config-key'
  | 'missing-key'
  | 'render-failed'
  | 'env-var-missing'
  | 'secret-misplaced'
  | 'profile-not-found'
  | 'target-not-found'
  | 'invalid-test'
  | 'duplicate'
  | 'hub-package-offline'
  | 'package-install-failed'
  | 'git-failed';

/**
 * A user mistake in a project file, reported as a value (never a stack trace). It extends Error only
 * so that a caller who prefers exceptions can throw it as is.
 */
export class ConfigError extends Error {
  readonly code: ConfigErrorCode;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly hint: string | undefined;
  readonly severity: ConfigSeverity;

  constructor(init: {
    code: ConfigErrorCode;
    message: string;
    file: string;
    line?: number;
    column?: number;
    hint?: string;
    severity?: ConfigSeverity;
  }) {
    super(init.message);
    this.name = 'ConfigError';
    this.code = init.code;
    this.file = init.file;
    this.line = init.line ?? 1;
    this.column = init.column ?? 1;
    this.hint = init.hint;
    this.severity = init.severity ?? 'error';
  }

  static at(
    loc: Loc,
    code: ConfigErrorCode,
    message: string,
    extra: { hint?: string; severity?: ConfigSeverity } = {},
  ): ConfigError {
    return new ConfigError({ code, message, ...loc, ...extra });
  }

  /** One line: `file:line:column: message` (the hint, if any, follows after `; `). */
  format(): string {
    const hint = this.hint ? ` (${this.hint})` : '';
    const level = this.severity === 'warning' ? 'warning: ' : '';
    return `${this.file}:${this.line}:${this.column}: ${level}${this.message}${hint}`;
  }
}

/** Collects errors and warnings while a file is read, so one pass reports every mistake. */
export class Diagnostics {
  readonly errors: ConfigError[] = [];
  readonly warnings: ConfigError[] = [];

  add(problem: ConfigError): void {
    (problem.severity === 'warning' ? this.warnings : this.errors).push(problem);
  }

  addAll(problems: Iterable<ConfigError>): void {
    for (const p of problems) this.add(p);
  }

  merge(other: { errors: ConfigError[]; warnings: ConfigError[] }): void {
    this.errors.push(...other.errors);
    this.warnings.push(...other.warnings);
  }

  get ok(): boolean {
    return this.errors.length === 0;
  }
}

/** The outcome of reading a file: the value when no error was found, always the warnings. */
export type ConfigResult<T> =
  | { ok: true; value: T; warnings: ConfigError[] }
  | { ok: false; errors: ConfigError[]; warnings: ConfigError[] };

export function resultOf<T>(diagnostics: Diagnostics, value: T | undefined): ConfigResult<T> {
  if (diagnostics.errors.length > 0 || value === undefined) {
    return { ok: false, errors: diagnostics.errors, warnings: diagnostics.warnings };
  }
  return { ok: true, value, warnings: diagnostics.warnings };
}

export function failure<T>(error: ConfigError): ConfigResult<T> {
  return { ok: false, errors: [error], warnings: [] };
}

/** A result without a value: whatever errors `diagnostics` collected. */
export function failed<T>(diagnostics: Diagnostics): ConfigResult<T> {
  return { ok: false, errors: diagnostics.errors, warnings: diagnostics.warnings };
}
