/**
 * Exposures and groups from properties YAML. Exposures name what they depend on as strings
 * (`ref('customers')`, `source('raw', 'orders')`), resolved here against the parsed nodes.
 */
import { RefIndex } from '../compiler/index.js';
import type { PropertiesFile } from '../config/index.js';
import type { Exposure, Group, JsonObject, ManifestNode, SourceDefinition } from './node-types.js';
import type { ParseIssue } from './parse-issues.js';
import { makeExposure, makeGroup } from './resource-defaults.js';

/** `ref('name')`, `ref('package', 'name')`, with an optional `v=`/`version=`. */
export const REF_CALL =
  /^\s*ref\(\s*['"]([^'"]+)['"]\s*(?:,\s*['"]([^'"]+)['"]\s*)?(?:,\s*(?:v|version)\s*=\s*['"]?([^'")\s]+)['"]?\s*)?\)\s*$/;
const SOURCE = /^\s*source\(\s*['"]([^'"]+)['"]\s*,\s*['"]([^'"]+)['"]\s*\)\s*$/;

/** Exposures of every properties file, each in the package whose YAML declares it. */
export function buildExposures(
  files: readonly { pkg: string; file: PropertiesFile }[],
  nodes: Record<string, ManifestNode>,
  sources: Record<string, SourceDefinition>,
): { exposures: Record<string, Exposure>; errors: ParseIssue[] } {
  // Built on first use: most projects have no exposures, and indexing 30,000 nodes is not free.
  let built: RefIndex | undefined;
  const index = () =>
    (built ??= new RefIndex(Object.values(nodes) as never[], Object.values(sources) as never[]));
  const exposures: Record<string, Exposure> = {};
  const errors: ParseIssue[] = [];
  for (const { pkg: packageName, file } of files) {
    for (const e of file.exposures) {
      // `tags:` and `config.tags` add up, as in dbt.
      const configTags = e.config.tags == null ? [] : [e.config.tags].flat().map(String);
      const tags = [...new Set([...e.tags, ...configTags])].sort();
      const exposure = makeExposure({
        name: e.name,
        package_name: packageName,
        original_file_path: file.file,
        type: e.type,
        owner: e.owner as Exposure['owner'],
        description: e.description,
        label: e.label ?? null,
        maturity: e.maturity ?? null,
        url: e.url ?? null,
        meta: e.meta as JsonObject,
        tags,
        unrendered_config: { ...(e.config as JsonObject) },
        config: {
          ...e.config,
          enabled: e.config.enabled !== false,
          tags,
          meta: e.meta as JsonObject,
        },
      });
      for (const dep of e.dependsOn) {
        const r = REF_CALL.exec(dep);
        const s = SOURCE.exec(dep);
        let target: { unique_id: string } | undefined;
        if (r) {
          const call = r[2] ? { package: r[1]!, name: r[2]!, version: r[3] } : { name: r[1]!, version: r[3] };
          exposure.refs.push({
            name: call.name,
            package: 'package' in call ? (call.package ?? null) : null,
            version: call.version ?? null,
          });
          target = index().ref(packageName, call) as { unique_id: string } | undefined;
        } else if (s) {
          exposure.sources.push([s[1]!, s[2]!]);
          target = index().source(packageName, s[1]!, s[2]!) as { unique_id: string } | undefined;
        }
        if (target) {
          if (!exposure.depends_on.nodes.includes(target.unique_id))
            exposure.depends_on.nodes.push(target.unique_id);
        } else
          errors.push({
            message: `exposure '${e.name}' depends on '${dep}', which was not found`,
            code: 'E_EXPOSURE_DEPENDS_ON',
            file: file.file,
            line: e.loc.line,
            column: e.loc.column,
          });
      }
      // dbt lists the sources an exposure depends on before its refs.
      exposure.depends_on.nodes.sort(
        (x, y) => Number(!x.startsWith('source.')) - Number(!y.startsWith('source.')),
      );
      if (exposure.config.enabled !== false) exposures[exposure.unique_id] = exposure;
    }
  }
  return { exposures, errors };
}

export function buildGroups(files: readonly { pkg: string; file: PropertiesFile }[]): Record<string, Group> {
  const groups: Record<string, Group> = {};
  for (const { pkg: packageName, file } of files) {
    for (const g of file.groups) {
      const group = makeGroup({
        name: g.name,
        package_name: packageName,
        original_file_path: file.file,
        owner: g.owner as Group['owner'],
        description: g.description ?? null,
      });
      groups[group.unique_id] = group;
    }
  }
  return groups;
}
