/**
 * Listeners that print the event stream: dbt-style terminal lines (with colour unless
 * NO_COLOR) or one JSON object per line for machines (`--log-format json`).
 */
import type { RunEvent } from './events.js';
import { type NodeResult, summarize } from './results.js';

export interface PrinterOptions {
  write?: (line: string) => void;
  color?: boolean;
  quiet?: boolean;
}

const WIDTH = 80;

function paint(enabled: boolean) {
  const wrap = (code: number) => (s: string) => (enabled ? `\u001b[${code}m${s}\u001b[0m` : s);
  return { green: wrap(32), red: wrap(31), yellow: wrap(33), dim: wrap(2) };
}

export function timestamp(d = new Date()): string {
  return d.toISOString().slice(11, 19);
}

/** `left ........ [right]` padded like dbt's progress lines. */
function dottedLine(left: string, right: string): string {
  const dots = Math.max(3, WIDTH - left.length - 1);
  return `${left} ${'.'.repeat(dots)} [${right}]`;
}

function finishedLine(
  prefix: string,
  result: NodeResult,
  description: string,
  c: ReturnType<typeof paint>,
): string {
  const t = `${result.execution_time.toFixed(2)}s`;
  const dotted = (left: string, right: string) => dottedLine(`${prefix}${left}`, right);
  switch (result.status) {
    case 'success': {
      const kind = result.display?.kind;
      if (kind === 'hook') return dotted(`OK ${description}`, `${c.green('OK')} in ${t}`);
      if (kind === 'seed')
        return dotted(`OK loaded ${description}`, `${c.green(result.display?.detail ?? 'OK')} in ${t}`);
      return dotted(
        `OK created ${description}`,
        `${c.green(String(result.adapter_response._message ?? 'OK'))} in ${t}`,
      );
    }
    case 'pass':
      return dotted(`PASS ${description.replace(/^(unit_)?test /, '')}`, `${c.green('PASS')} in ${t}`);
    case 'warn':
      return dotted(
        `WARN ${result.failures ?? ''} ${description.replace(/^(unit_)?test /, '')}`,
        `${c.yellow(`WARN ${result.failures ?? ''}`)} in ${t}`,
      );
    case 'fail':
      return dotted(
        `FAIL ${result.failures ?? ''} ${description.replace(/^(unit_)?test /, '')}`,
        `${c.red(`FAIL ${result.failures ?? ''}`)} in ${t}`,
      );
    case 'skipped':
      // dbt names what a skipped model, seed or snapshot would have built: `SKIP relation main.x`.
      return dotted(
        `SKIP ${description.replace(/^(?:sql |python )?(?:\w+ )?(?:model|seed file|snapshot) /, 'relation ')}`,
        c.yellow('SKIP'),
      );
    default:
      // dbt: `ERROR creating sql table model …` for what builds, `ERROR <name>` for a test.
      return /^(unit_)?test /.test(description)
        ? dotted(`ERROR ${description.replace(/^(unit_)?test /, '')}`, `${c.red('ERROR')} in ${t}`)
        : dotted(`ERROR creating ${description}`, `${c.red('ERROR')} in ${t}`);
  }
}

export function terminalPrinter(options: PrinterOptions = {}) {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const c = paint(options.color ?? (!process.env.NO_COLOR && process.stdout.isTTY === true));
  const out = (line: string) => write(`${timestamp()}  ${line}`);
  return (event: RunEvent) => {
    switch (event.type) {
      case 'run-started':
        if (!options.quiet) out(`Concurrency: ${event.threads} threads`);
        if (!options.quiet) out('');
        break;
      case 'node-started':
        if (!options.quiet)
          out(dottedLine(`${event.index} of ${event.total} START ${event.node.description}`, 'RUN'));
        break;
      case 'node-finished':
        if (!options.quiet)
          out(finishedLine(`${event.index} of ${event.total} `, event.result, event.node.description, c));
        break;
      case 'log':
        if (!options.quiet || event.level === 'error')
          out(
            event.level === 'warn'
              ? c.yellow(event.message)
              : event.level === 'error'
                ? c.red(event.message)
                : event.message,
          );
        break;
      case 'run-finished': {
        const s = summarize(event.results);
        out('');
        out(
          `Finished running ${s.total} node${s.total === 1 ? '' : 's'} in ${event.elapsed.toFixed(2)} seconds.`,
        );
        const problems = event.results.filter(
          (r) =>
            r.status === 'error' ||
            r.status === 'fail' ||
            r.status === 'warn' ||
            r.status === 'runtime error',
        );
        if (problems.length) {
          out('');
          out(
            s.error
              ? c.red(
                  `Completed with ${s.error} error${s.error === 1 ? '' : 's'} and ${s.warn} warning${s.warn === 1 ? '' : 's'}:`,
                )
              : c.yellow(`Completed with ${s.warn} warning${s.warn === 1 ? '' : 's'}:`),
          );
          for (const r of problems) {
            out('');
            const head = r.status === 'warn' ? 'Warning in' : r.status === 'fail' ? 'Failure in' : '';
            // dbt: `Failure in test not_null_orders_id (models/schema.yml)`.
            if (head) out(`${head} ${r.display?.label ?? r.unique_id}`);
            for (const line of String(r.message ?? '').split('\n')) out(`  ${line}`);
            if ((r.status === 'fail' || r.status === 'warn') && r.display?.detail)
              out(`  compiled code at ${r.display.detail}`);
          }
        } else out(c.green('Completed successfully'));
        out('');
        out(`Done. PASS=${s.pass} WARN=${s.warn} ERROR=${s.error} SKIP=${s.skip} TOTAL=${s.total}`);
        if (event.interrupted) out(c.red('Interrupted: the run was cancelled (Ctrl-C).'));
        break;
      }
    }
  };
}

export function jsonPrinter(options: PrinterOptions = {}) {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  return (event: RunEvent) => {
    const base = { ts: new Date().toISOString(), event: event.type };
    switch (event.type) {
      case 'node-started':
        write(
          JSON.stringify({
            ...base,
            level: 'info',
            index: event.index,
            total: event.total,
            node: event.node,
          }),
        );
        break;
      case 'node-finished': {
        const { display: _d, compiled_code: _c, ...result } = event.result;
        write(
          JSON.stringify({
            ...base,
            level: event.result.status === 'error' ? 'error' : 'info',
            index: event.index,
            total: event.total,
            node: event.node,
            result,
          }),
        );
        break;
      }
      case 'run-finished':
        write(
          JSON.stringify({
            ...base,
            level: 'info',
            elapsed: event.elapsed,
            interrupted: event.interrupted,
            summary: summarize(event.results),
          }),
        );
        break;
      default:
        write(JSON.stringify({ ...base, ...event }));
    }
  };
}
