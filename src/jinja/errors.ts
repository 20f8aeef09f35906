/** Where something is in a template. Lines and columns are 1-based. */
export interface SourcePosition {
  line: number;
  column: number;
}

export type TemplateErrorKind = 'syntax' | 'runtime' | 'undefined' | 'host';

/**
 * Every error the engine reports: a typed value with the template name, position and the
 * offending source line. Host errors thrown from inside a template are wrapped with
 * kind 'host' and the original error as `cause` (its message is kept as the message).
 */
export class TemplateError extends Error {
  constructor(
    message: string,
    public readonly kind: TemplateErrorKind,
    public readonly templateName: string | undefined = undefined,
    public readonly line: number | undefined = undefined,
    public readonly column: number | undefined = undefined,
    public readonly sourceLine: string | undefined = undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TemplateError';
  }

  /** `name:line:column: message` then the offending line, for terminals. */
  format(): string {
    const where = [this.templateName ?? '<template>', this.line, this.column].filter((x) => x !== undefined);
    const head = `${where.join(':')}: ${this.message}`;
    return this.sourceLine === undefined ? head : `${head}\n  ${this.sourceLine.trimEnd()}`;
  }
}

/**
 * Thrown by runtime helpers (ops, filters, methods) that do not know where they are; the
 * evaluator catches it and rethrows a TemplateError at the position of the expression.
 */
export class JinjaRuntimeError extends Error {
  constructor(
    message: string,
    public readonly kind: 'runtime' | 'undefined' = 'runtime',
  ) {
    super(message);
    this.name = 'JinjaRuntimeError';
  }
}
