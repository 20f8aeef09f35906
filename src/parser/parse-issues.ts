/** Parse problems as values: anything thrown while reading a file becomes a located issue. */
import { CompilerError } from '../compiler/index.js';
import { ConfigError } from '../config/index.js';
import { TemplateError } from '../jinja/index.js';

export interface ParseIssue {
  message: string;
  code: string;
  file?: string;
  line?: number;
  column?: number;
}

export function issueOf(err: unknown, file?: string): ParseIssue {
  if (err instanceof ConfigError)
    return { message: err.message, code: err.code, file: err.file, line: err.line, column: err.column };
  if (err instanceof TemplateError)
    return {
      message: err.message,
      code: `jinja-${err.kind}`,
      file: err.templateName ?? file,
      line: err.line,
      column: err.column,
    };
  if (err instanceof CompilerError)
    return {
      message: err.message,
      code: err.code,
      file: err.file ?? file,
      line: err.line,
      column: err.column,
    };
  return { message: err instanceof Error ? err.message : String(err), code: 'E_PARSE', file };
}
