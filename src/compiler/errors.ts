/** Errors raised while compiling nodes: values with a code; the CLI decides how to print them. */
export class CompilerError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly file?: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'CompilerError';
  }
}
