/**
 * Parse speed on generated projects (1,000 and 10,000 models): CLI start (`--version`), cold parse
 * (no cache), warm parse (nothing changed: served by the parse index), one model changed, cold
 * parse with --no-partial-parse, and a full compile
 * (into an empty target/compiled, then again), each in a fresh CLI process, with the child's peak
 * RSS. Uses the built CLI (bin/tessera.js) when dist/ exists, else the sources through tsx;
 * TESSERA_BENCH_CLI=path/to/cli.js overrides.
 *
 *   npx tsx bench/parse.bench.ts [--sizes 1000,10000] [--runs 3] [--no-compile]
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateProject, PROFILE_NAME, writeProject } from './gen-project.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// Printed by every child at exit, so peak memory and CPU time are measured without /usr/bin/time.
// CPU time (user + system, all threads) matters on a shared machine, where wall time also
// counts the other processes.
const RSS_PROBE =
  'data:text/javascript,process.on("exit",()=>{const u=process.resourceUsage();process.stderr.write("\\nBENCH_USAGE "+u.maxRSS+" "+(u.userCPUTime+u.systemCPUTime)+"\\n")})';

interface Sample {
  seconds: number;
  cpuSeconds: number;
  rssMb: number;
}

function cliCommand(): { label: string; args: string[] } {
  const override = process.env.TESSERA_BENCH_CLI;
  if (override) return { label: override, args: [override] };
  if (existsSync(join(ROOT, 'dist', 'cli', 'index.js')))
    return { label: 'built CLI (bin/tessera.js)', args: [join(ROOT, 'bin', 'tessera.js')] };
  return {
    label: 'sources through tsx',
    args: ['--import', 'tsx', join(ROOT, 'test', 'helpers', 'cli-entry.ts')],
  };
}

function runCli(cli: string[], projectDir: string, command: string[]): Sample {
  const started = performance.now();
  const r = spawnSync(
    process.execPath,
    ['--import', RSS_PROBE, ...cli, ...command, '--profiles-dir', projectDir],
    {
      cwd: projectDir,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const seconds = (performance.now() - started) / 1000;
  if (r.status !== 0)
    throw new Error(
      `tessera ${command.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`.slice(0, 4000),
    );
  const usage = /BENCH_USAGE (\d+) (\d+)/.exec(r.stderr);
  return {
    seconds,
    rssMb: usage ? Number(usage[1]) / 1024 : Number.NaN,
    cpuSeconds: usage ? Number(usage[2]) / 1e6 : Number.NaN,
  };
}

function median(samples: Sample[]): Sample {
  const bySeconds = [...samples].sort((a, b) => a.seconds - b.seconds);
  const byCpu = [...samples].sort((a, b) => a.cpuSeconds - b.cpuSeconds);
  const middle = Math.floor(samples.length / 2);
  return {
    seconds: bySeconds[middle]!.seconds,
    cpuSeconds: byCpu[middle]!.cpuSeconds,
    rssMb: Math.max(...samples.map((s) => s.rssMb)),
  };
}

function makeProject(models: number): string {
  const dir = `/tmp/tessera-bench-parse-${models}`;
  const files = generateProject({ models, chain: false, seed: 1 });
  writeProject(dir, files, true);
  // As if written a while ago: files changed moments before a parse are checked by content.
  const past = new Date(Date.now() - 60_000);
  for (const f of files) utimesSync(join(dir, f.path), past, past);
  writeFileSync(
    join(dir, 'profiles.yml'),
    `${PROFILE_NAME}:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: ${join(dir, 'bench.duckdb')}\n`,
  );
  // Also old: a parse does not vouch for files saved within the last 2 s (no parse index then).
  utimesSync(join(dir, 'profiles.yml'), past, past);
  return dir;
}

const CACHE_FILE = join('target', 'partial_parse.json');

function measure(cli: string[], dir: string, runs: number, compile: boolean): Record<string, Sample> {
  const parse = ['parse'];
  const cold: Sample[] = [];
  const warm: Sample[] = [];
  const changed: Sample[] = [];
  const noCache: Sample[] = [];
  const start: Sample[] = [];
  const model = join(dir, 'models', 'layer_02', 'part_000');
  for (let i = 0; i < runs; i++) {
    rmSync(join(dir, CACHE_FILE), { force: true });
    cold.push(runCli(cli, dir, parse));
    warm.push(runCli(cli, dir, parse));
    // A real edit (content and size change), as an editor would save it.
    const file = spawnSync('sh', ['-c', `ls ${model}/*.sql | head -1`], { encoding: 'utf8' }).stdout.trim();
    appendFileSync(file, `\n-- edited ${i}\n`);
    changed.push(runCli(cli, dir, parse));
    noCache.push(runCli(cli, dir, [...parse, '--no-partial-parse']));
    start.push(runCli(cli, dir, ['--version']));
  }
  const out: Record<string, Sample> = {
    'CLI start (--version)': median(start),
    'cold parse (no cache, writes it)': median(cold),
    'warm parse (cache, unchanged)': median(warm),
    'one model changed': median(changed),
    'parse --no-partial-parse': median(noCache),
  };
  if (compile) {
    // The first compile creates 30,000 files (kernel time on this machine); the next finds them.
    out['compile (warm cache, new files)'] = runCli(cli, dir, ['compile']);
    out['compile again (files exist)'] = runCli(cli, dir, ['compile']);
  }
  return out;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '1000,10000' },
      runs: { type: 'string', default: '3' },
      'no-compile': { type: 'boolean', default: false },
    },
  });
  const sizes = values.sizes!.split(',').map(Number);
  const runs = Math.max(1, Number(values.runs));
  const cli = cliCommand();
  console.log(
    `parse bench: ${cli.label}; medians of ${runs} runs (compile: 1 run); peak RSS is the max; CPU = user + system`,
  );
  const rows: string[][] = [];
  for (const models of sizes) {
    const dir = makeProject(models);
    for (const [what, s] of Object.entries(measure(cli.args, dir, runs, !values['no-compile'])))
      rows.push([String(models), what, s.seconds.toFixed(2), s.cpuSeconds.toFixed(2), s.rssMb.toFixed(0)]);
  }
  const header = ['models', 'measure', 'wall s', 'CPU s', 'peak RSS MB'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}

main();
