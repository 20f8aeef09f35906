/**
 * The `config` of a node's context: `config(...)` records what a template sets, `config.get`
 * reads the latest of those or the node's merged config, `config.require` fails when it is unset.
 */
import { splitArgs } from '../jinja/index.js';
import type { Captured, ContextNode } from './dbt-context.js';
import { CompilerError } from './errors.js';
import { toPlain } from './serialization.js';

export function configFunction(node: ContextNode, captured: Captured) {
  return Object.assign(
    (...args: unknown[]) => {
      const { args: p, kwargs } = splitArgs(args);
      // Recorded in both modes: a generic test macro's own config() (e.g. fail_calc) is read at run time.
      const first = p[0];
      // Dict literals arrive as Maps: configs are plain data from here on.
      const given = first && typeof first === 'object' ? first : kwargs;
      captured.configs.push(toPlain(given) as Record<string, unknown>);
      return '';
    },
    {
      get: (key: unknown, fallback: unknown = null) => {
        const k = String(key);
        const fromCapture = [...captured.configs].reverse().find((c) => k in c);
        if (fromCapture) return fromCapture[k];
        const v = node.config[k];
        return v === undefined ? fallback : v;
      },
      require: (key: unknown) => {
        const v = node.config[String(key)];
        if (v === undefined || v === null)
          throw new CompilerError(
            `missing config: ${String(key)} is required for ${node.unique_id}`,
            'E_CONFIG_REQUIRED',
          );
        return v;
      },
    },
  );
}
