import { readFile } from 'node:fs/promises';
import {
  ConfigError,
  type ConfigResult,
  Diagnostics,
  failed,
  failure,
  type Loc,
  resultOf,
} from './errors.js';
import { baseRenderContext, type RenderOptions, renderTree } from './render.js';
import { checkKeys } from './validate.js';
import { isPlainObject, parseYaml } from './yaml-positions.js';

/** One named selector; `definition` is kept as written for the graph engine to evaluate. */
export interface SelectorDefinition {
  name: string;
  description?: string;
  /** A selection string (`tag:nightly`) or a mapping (`union:`, `method:`/`value:` …). */
  definition: unknown;
  default: boolean;
  loc: Loc;
}

export interface SelectorsFile {
  file: string;
  selectors: SelectorDefinition[];
  /** The selector marked `default: true`, if any. */
  defaultSelector?: string;
}

/** Reads selectors.yml (rendered like dbt: `env_var` and CLI `var`) and checks its shape. */
export async function loadSelectorsFile(
  file: string,
  opts: RenderOptions = {},
): Promise<ConfigResult<SelectorsFile>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return failure(
      new ConfigError({ code: 'file-not-found', message: `selectors file not found: ${file}`, file }),
    );
  }
  return parseSelectors(file, text, opts);
}

export async function parseSelectors(
  file: string,
  text: string,
  opts: RenderOptions = {},
): Promise<ConfigResult<SelectorsFile>> {
  const diagnostics = new Diagnostics();
  const parsed = parseYaml(file, text);
  diagnostics.addAll(parsed.errors);
  diagnostics.addAll(parsed.warnings);
  if (!diagnostics.ok) return failed(diagnostics);
  const { source } = parsed;
  const data = isPlainObject(source.data) ? source.data : {};
  checkKeys(data, ['selectors'], { source, path: [] }, 'selectors file', diagnostics);
  const rendered = await renderTree(data.selectors ?? [], {
    render: opts.render,
    context: baseRenderContext(opts),
    source,
    basePath: ['selectors'],
  });
  diagnostics.addAll(rendered.errors);
  const list = rendered.value;
  if (!Array.isArray(list)) {
    diagnostics.add(
      ConfigError.at(source.locate(['selectors']), 'invalid-value', "'selectors' must be a list"),
    );
    return failed(diagnostics);
  }
  const selectors: SelectorDefinition[] = [];
  const names = new Set<string>();
  list.forEach((entry, i) => {
    const path = ['selectors', i];
    const loc = source.locate(path);
    if (!isPlainObject(entry)) {
      diagnostics.add(ConfigError.at(loc, 'invalid-value', 'a selector must be a mapping'));
      return;
    }
    checkKeys(
      entry,
      ['name', 'description', 'definition', 'default'],
      { source, path },
      'selector',
      diagnostics,
    );
    if (typeof entry.name !== 'string') {
      diagnostics.add(ConfigError.at(loc, 'missing-key', "a selector needs a 'name'"));
      return;
    }
    if (entry.definition == null) {
      diagnostics.add(ConfigError.at(loc, 'missing-key', `selector '${entry.name}' needs a 'definition'`));
      return;
    }
    if (typeof entry.definition !== 'string' && !isPlainObject(entry.definition)) {
      diagnostics.add(
        ConfigError.at(
          source.locate([...path, 'definition']),
          'invalid-value',
          `the definition of selector '${entry.name}' must be text or a mapping`,
        ),
      );
      return;
    }
    if (names.has(entry.name)) {
      diagnostics.add(ConfigError.at(loc, 'duplicate', `selector '${entry.name}' is defined more than once`));
    }
    names.add(entry.name);
    const isDefault =
      entry.default === true || (typeof entry.default === 'string' && /^true$/i.test(entry.default));
    selectors.push({
      name: entry.name,
      ...(typeof entry.description === 'string' ? { description: entry.description } : {}),
      definition: entry.definition,
      default: isDefault,
      loc,
    });
  });
  const defaults = selectors.filter((s) => s.default);
  if (defaults.length > 1) {
    diagnostics.add(
      ConfigError.at(
        defaults[1]!.loc,
        'duplicate',
        `only one selector may be the default; found ${defaults.map((s) => `'${s.name}'`).join(', ')}`,
      ),
    );
  }
  return resultOf(diagnostics, {
    file,
    selectors,
    ...(defaults[0] ? { defaultSelector: defaults[0].name } : {}),
  });
}
