/**
 * Printing a mesh run: the projects run at once, so every line says which project it is about
 * (`orders    | 1 of 5 START …` in text, a `project` key in JSON).
 */
import type { MeshProjectOutcome } from '../app/index.js';
// Leaf modules, not src/runner/index.ts: the CLI imports this file at startup (see output.ts).
import { EventBus } from '../runner/events.js';
import { jsonPrinter, terminalPrinter } from '../runner/printer.js';
import { type Output, useColor } from './output.js';

/** The event stream of one project of a mesh run, printed with the project's name. */
export function projectEvents(out: Output, project: string, width = project.length): EventBus {
  const bus = new EventBus();
  const write = (line: string) => process.stdout.write(`${out.mask(line)}\n`);
  const label = `${project.padEnd(width)} | `;
  bus.on(
    out.json
      ? jsonPrinter({ write: (line) => write(`{"project":${JSON.stringify(project)},${line.slice(1)}`) })
      : terminalPrinter({
          quiet: out.flags.quiet,
          color: useColor(),
          // After the printer's timestamp, so the time column stays first.
          write: (line) => write(line.replace(/^(\S+ {2})?/, (time) => `${time}${label}`)),
        }),
  );
  return bus;
}

/** The lines that close a project: why it was skipped, its problems, whether it published. */
export function reportProject(out: Output, o: MeshProjectOutcome): void {
  if (o.status === 'skipped') out.warn(`== ${o.project}: skipped (${o.reason})`);
  for (const p of o.problems ?? [])
    out.error(
      `${o.project}: ${p.file ? `${p.file}${p.line ? `:${p.line}:${p.column ?? 1}` : ''}: ` : ''}${p.message}`,
    );
  if (o.publish?.published) out.result(`Published ${o.project}: ${o.publish.files[0]}`);
  else if (o.publish?.reason) out.warn(`${o.project}: not published: ${o.publish.reason}`);
}

/** `4 projects: 3 passed, 1 failed, 0 skipped`. */
export function summary(projects: MeshProjectOutcome[]): string {
  const count = (s: MeshProjectOutcome['status']) => projects.filter((p) => p.status === s).length;
  return `${projects.length} projects: ${count('success')} passed, ${count('failed') + count('error')} failed, ${count('skipped')} skipped`;
}
