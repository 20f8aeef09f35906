/** `run-operation`: call a macro with `--args`, for its side effects, on the warehouse. */
import { type CompilableNode, Kwargs } from '../compiler/index.js';
import { makeSqlOperationNode } from '../parser/index.js';
import { CommandError } from './errors.js';
import { connect, type Invocation } from './invocation.js';

export async function runOperation(
  inv: Invocation,
  macroName: string,
  args: Record<string, unknown>,
): Promise<unknown> {
  const [pkg, name] = macroName.includes('.')
    ? (macroName.split('.', 2) as [string, string])
    : [undefined, macroName];
  const registry = inv.project.registry;
  const entry = pkg ? registry.get(pkg, name) : registry.resolve(name, inv.workspace.root.name);
  if (!entry)
    throw new CommandError([{ message: `Could not find a macro named '${macroName}'`, code: 'E_NO_MACRO' }]);
  const { adapter, compiler } = await connect(inv);
  try {
    const node = makeSqlOperationNode({
      name: `macro_${name}`,
      package_name: inv.workspace.root.name,
      original_file_path: entry.originalFilePath,
      schema: String(inv.target.schema),
      raw_code: '',
    }) as unknown as CompilableNode;
    (node as { resource_type: string }).resource_type = 'operation';
    const globals = compiler.contextFor(node);
    const fn = compiler.session.bindMacro(entry, globals);
    const result = await (Object.keys(args).length ? fn(new Kwargs(args)) : fn());
    return result;
  } finally {
    await adapter.close();
  }
}
