/** How the CLI talks: plain or JSON log lines, colour unless NO_COLOR, one-line errors. */
// Leaf modules, not the folders' index.ts: every command imports this file at startup, and the
// indexes pull in the whole library (startup time; see cli/index.ts).
import { CommandError, formatProblem } from '../app/errors.js';
import { ConfigError } from '../config/errors.js';
import { TemplateError } from '../jinja/errors.js';
import { EventBus } from '../runner/events.js';
import { jsonPrinter, terminalPrinter, timestamp } from '../runner/printer.js';

export interface GlobalFlags {
  logFormat?: 'text' | 'json' | 'default';
  quiet?: boolean;
  printer?: boolean;
}

export function useColor(): boolean {
  return !process.env.NO_COLOR && process.stdout.isTTY === true;
}

export class Output {
  readonly json: boolean;
  /** Blanks secret values (DBT_ENV_SECRET_*) out of everything printed; set once the project is read. */
  mask: (text: string) => string = (text) => text;

  constructor(readonly flags: GlobalFlags) {
    this.json = flags.logFormat === 'json';
  }

  events(): EventBus {
    const bus = new EventBus();
    const write = (line: string) => process.stdout.write(`${this.mask(line)}\n`);
    bus.on(
      this.json
        ? jsonPrinter({ write })
        : terminalPrinter({ quiet: this.flags.quiet, color: useColor(), write }),
    );
    return bus;
  }

  info(message: string): void {
    if (this.flags.quiet) return;
    this.line('info', message);
  }

  warn(message: string): void {
    this.line('warn', message);
  }

  error(message: string): void {
    this.line('error', message);
  }

  /** Output that is the command's result (compiled SQL, ls lines): printed even with --quiet. */
  result(text: string): void {
    const masked = this.mask(text);
    process.stdout.write(masked.endsWith('\n') ? masked : `${masked}\n`);
  }

  private line(level: 'info' | 'warn' | 'error', raw: string): void {
    const message = this.mask(raw);
    if (this.json) {
      process.stdout.write(`${JSON.stringify({ ts: new Date().toISOString(), level, msg: message })}\n`);
      return;
    }
    const color = useColor();
    const text =
      level === 'error' && color
        ? `\u001b[31m${message}\u001b[0m`
        : level === 'warn' && color
          ? `\u001b[33m${message}\u001b[0m`
          : message;
    const stream = level === 'error' ? process.stderr : process.stdout;
    stream.write(`${timestamp()}  ${text}\n`);
  }
}

const MAX_PROBLEMS = 20;

/** Prints an error as one line per problem (no stack trace) and returns the exit code. */
export function reportError(out: Output, err: unknown): number {
  if (err instanceof CommandError) {
    // A mistake repeated in every file should not bury the terminal: show the first ones.
    const shown = err.problems.slice(0, MAX_PROBLEMS);
    for (const p of shown) out.error(formatProblem(p));
    if (err.problems.length > shown.length)
      out.error(`… and ${err.problems.length - shown.length} more errors`);
    return err.exitCode;
  }
  if (err instanceof ConfigError) {
    out.error(err.format());
    return 2;
  }
  if (err instanceof TemplateError) {
    out.error(err.format().split('\n')[0]!);
    return 2;
  }
  const message = err instanceof Error ? err.message : String(err);
  out.error(`Error: ${message}`);
  if (process.env.TESSERA_DEBUG && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  return 2;
}
