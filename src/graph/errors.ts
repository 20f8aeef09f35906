/** Stable codes so callers (CLI, tests, editors) can react without parsing messages. */
export type GraphErrorCode =
  | 'cycle'
  | 'dependency-not-found'
  | 'duplicate-node'
  | 'invalid-selector'
  | 'invalid-selector-method'
  | 'invalid-selector-value'
  | 'invalid-selector-definition'
  | 'selector-not-found'
  | 'invalid-resource-type'
  | 'state-unavailable'
  | 'results-unavailable'
  | 'source-status-unavailable';

/** Codes of warnings: the run goes on, the user is told. */
export type GraphWarningCode = 'no-nodes-for-selection' | 'no-nodes-selected';

/** Where a definition was written (selectors.yml); absent for command-line selectors. */
export interface GraphErrorLocation {
  file?: string;
  line?: number;
  column?: number;
}

/**
 * A mistake in the graph or in a selection, reported as a value. It extends Error only so that a
 * caller who prefers exceptions can throw it as is.
 */
export class GraphError extends Error {
  readonly code: GraphErrorCode;
  /** The selector text the error is about, when there is one. */
  readonly selector: string | undefined;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(code: GraphErrorCode, message: string, init: GraphErrorLocation & { selector?: string } = {}) {
    super(message);
    this.name = 'GraphError';
    this.code = code;
    this.selector = init.selector;
    this.file = init.file;
    this.line = init.line;
    this.column = init.column;
  }

  /** `file:line:column: message` (or just the message when there is no file), for terminals. */
  format(): string {
    if (this.file === undefined) return this.message;
    const where = [this.file, this.line, this.column].filter((x) => x !== undefined).join(':');
    return `${where}: ${this.message}`;
  }
}

export interface GraphWarning {
  code: GraphWarningCode;
  message: string;
  selector?: string;
}

/** Either a value or the errors that prevented it. */
export type GraphResult<T> = { ok: true; value: T } | { ok: false; errors: GraphError[] };
