/** Stable codes so callers (CLI, state comparison, retry) can react without parsing messages. */
export type ArtifactErrorCode =
  | 'artifact-not-found'
  | 'artifact-unreadable'
  | 'invalid-json'
  | 'wrong-artifact'
  | 'unsupported-version'
  | 'invalid-artifact';

/**
 * A problem with an artifact file, reported as a value. `line`/`column` point into the JSON when
 * the text itself is broken. It extends Error only so a caller who prefers exceptions can throw it.
 */
export class ArtifactError extends Error {
  readonly code: ArtifactErrorCode;
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(
    code: ArtifactErrorCode,
    message: string,
    file: string,
    position: { line?: number; column?: number } = {},
  ) {
    super(message);
    this.name = 'ArtifactError';
    this.code = code;
    this.file = file;
    this.line = position.line;
    this.column = position.column;
  }

  /** `file:line:column: message` for terminals. */
  format(): string {
    const where = [this.file, this.line, this.column].filter((part) => part !== undefined).join(':');
    return `${where}: ${this.message}`;
  }
}

export type ArtifactResult<T> = { ok: true; value: T } | { ok: false; error: ArtifactError };
