/** A problem that stops a command: located when it can be, with the exit code it deserves. */
export interface Problem {
  message: string;
  code: string;
  file?: string;
  line?: number;
  column?: number;
}

export class CommandError extends Error {
  constructor(
    readonly problems: Problem[],
    /** 2 for bad input or setup (dbt's "error"), 1 for failures of the run itself. */
    readonly exitCode: 1 | 2 = 2,
  ) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'CommandError';
  }
}

/** `file:line:column: message`, or just the message when there is no location. */
export function formatProblem(p: Problem): string {
  const where = [p.file, p.line, p.column].filter((x) => x !== undefined && x !== null && x !== '');
  return where.length ? `${where.join(':')}: ${p.message}` : p.message;
}
