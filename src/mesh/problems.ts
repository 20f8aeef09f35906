/** Mesh errors are values: a code, a message, and where the mistake was written when known. */
export interface MeshProblem {
  message: string;
  code: string;
  file?: string;
  line?: number;
  column?: number;
}

/** A located config error (or anything with a message) as a mesh problem with `code`. */
export function problemOf(
  e: { message: string; file?: string; line?: number; column?: number },
  code: string,
): MeshProblem {
  return { message: e.message, code, file: e.file, line: e.line, column: e.column };
}
