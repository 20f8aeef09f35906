/**
 * Tokens -> AST, following Jinja2's grammar and operator precedence. Statements are parsed here;
 * expressions in expression-parser.ts. Host-registered definition tags (dbt's `test`,
 * `materialization`, `snapshot`, `docs`) are parsed like macros.
 */
import type * as A from './ast.js';
import { constantValue, makeMacro, quoteList } from './ast-helpers.js';
import { ExpressionParser } from './expression-parser.js';
import type { Token } from './tokens.js';

/** How a host-registered block tag's header reads: `name(params)` or `name, arg, kw=value`. */
export type BlockTagStyle = 'signature' | 'name-and-args';

export class Parser extends ExpressionParser {
  private loopDepth = 0;
  /** End tags each open block waits for, innermost last (for error messages). */
  private readonly openBlocks: (readonly string[])[] = [];

  constructor(
    tokens: Token[],
    fail: (message: string, tok: Token) => never,
    private readonly blockTags: Readonly<Record<string, BlockTagStyle>> = {},
  ) {
    super(tokens, fail);
  }

  parseTemplate(): A.TemplateAst {
    const body = this.subparse(null);
    return { body };
  }

  /** Parse statements until one of `endTokens` (names) opens a block tag; the name stays current. */
  private subparse(endTokens: readonly string[] | null): A.Stmt[] {
    if (endTokens !== null) this.openBlocks.push(endTokens);
    try {
      return this.subparseBody(endTokens);
    } finally {
      if (endTokens !== null) this.openBlocks.pop();
    }
  }

  private subparseBody(endTokens: readonly string[] | null): A.Stmt[] {
    const body: A.Stmt[] = [];
    let output: A.OutputStmt | null = null;
    const addOutput = (part: string | A.Expr, tok: Token) => {
      if (output === null) {
        output = { kind: 'output', parts: [], line: tok.line, column: tok.column };
        body.push(output);
      }
      output.parts.push(part);
    };
    for (;;) {
      const tok = this.current;
      if (tok.type === 'data') {
        this.next();
        addOutput(tok.value, tok);
      } else if (tok.type === 'variable_begin') {
        this.next();
        addOutput(this.parseTuple(), tok);
        this.expect('variable_end');
      } else if (tok.type === 'block_begin') {
        output = null;
        this.next();
        const name = this.current;
        if (endTokens !== null && name.type === 'name' && endTokens.includes(name.value)) return body;
        body.push(this.parseStatement());
        this.expect('block_end');
      } else if (tok.type === 'eof') {
        if (endTokens !== null) {
          this.fail(
            `Unexpected end of template. Jinja was looking for the following tags: ${quoteList(endTokens)}.`,
            tok,
          );
        }
        return body;
      } else {
        this.fail(`unexpected '${tok.value}'`, tok);
      }
    }
  }

  /** `:`? then `%}`, then statements up to an end tag (consumed when `dropNeedle`). */
  private parseStatements(endTokens: readonly string[], dropNeedle = false): A.Stmt[] {
    this.skipOperator(':');
    this.expect('block_end');
    const body = this.subparse(endTokens);
    if (dropNeedle) this.next();
    return body;
  }

  private parseStatement(): A.Stmt {
    const tok = this.current;
    if (tok.type !== 'name') this.fail('tag name expected', tok);
    switch (tok.value) {
      case 'if':
        return this.parseIf();
      case 'for':
        return this.parseFor();
      case 'set':
        return this.parseSet();
      case 'macro':
        return this.parseMacro();
      case 'call':
        return this.parseCallBlock();
      case 'filter':
        return this.parseFilterBlock();
      case 'with':
        return this.parseWith();
      case 'do':
        this.next();
        return { kind: 'do', expr: this.parseTuple(), line: tok.line, column: tok.column };
      case 'include':
        return this.parseInclude();
      case 'import':
        return this.parseImport();
      case 'from':
        return this.parseFrom();
      case 'break':
      case 'continue':
        this.next();
        if (this.loopDepth === 0) this.fail(`'${tok.value}' outside of a loop`, tok);
        return { kind: tok.value, line: tok.line, column: tok.column };
      case 'block':
        return this.parseBlock();
      case 'extends':
        this.next();
        return { kind: 'extends', template: this.parseExpression(), line: tok.line, column: tok.column };
    }
    const style = this.blockTags[tok.value];
    if (style !== undefined) return this.parseCustomBlock(style);
    const open = this.openBlocks[this.openBlocks.length - 1];
    const hint = open === undefined ? '' : ` Jinja was looking for the following tags: ${quoteList(open)}.`;
    this.fail(`Encountered unknown tag '${tok.value}'.${hint}`, tok);
  }

  private parseIf(): A.IfStmt {
    const tok = this.next();
    const node: A.IfStmt = {
      kind: 'if',
      test: this.parseTuple(false),
      body: [],
      elifs: [],
      else: [],
      line: tok.line,
      column: tok.column,
    };
    node.body = this.parseStatements(['elif', 'else', 'endif']);
    for (;;) {
      const t = this.next();
      if (t.value === 'elif') {
        const test = this.parseTuple(false);
        node.elifs.push({ test, body: this.parseStatements(['elif', 'else', 'endif']) });
      } else if (t.value === 'else') {
        node.else = this.parseStatements(['endif'], true);
        return node;
      } else {
        return node;
      }
    }
  }

  private parseFor(): A.ForStmt {
    const tok = this.next();
    const target = this.parseAssignTarget(['in'], false);
    this.expectName('in');
    const iter = this.parseTuple(false, ['recursive']);
    let filter: A.Expr | null = null;
    if (this.skipName('if')) filter = this.parseExpression();
    const recursive = this.skipName('recursive');
    this.loopDepth++;
    const body = this.parseStatements(['endfor', 'else']);
    this.loopDepth--;
    let elseBody: A.Stmt[] = [];
    if (this.next().value === 'else') elseBody = this.parseStatements(['endfor'], true);
    return {
      kind: 'for',
      target,
      iter,
      filter,
      recursive,
      body,
      else: elseBody,
      line: tok.line,
      column: tok.column,
    };
  }

  private parseSet(): A.SetStmt | A.SetBlockStmt {
    const tok = this.next();
    const target = this.parseAssignTarget([], true);
    if (this.skipOperator('=')) {
      return { kind: 'set', target, value: this.parseTuple(), line: tok.line, column: tok.column };
    }
    const filters = this.parseFilterChain();
    const body = this.parseStatements(['endset'], true);
    return { kind: 'setblock', target, filters, body, line: tok.line, column: tok.column };
  }

  /** `| f(args) | g` after a block-set target or a `{% filter %}` tag. */
  private parseFilterChain(): A.FilterExpr[] {
    const filters: A.FilterExpr[] = [];
    let first = this.current.type === 'name';
    while (first || this.current.value === '|') {
      if (!first) this.next();
      first = false;
      filters.push(this.parseFilterCall(null));
    }
    return filters;
  }

  private parseMacro(): A.MacroStmt {
    const tok = this.next();
    const name = this.expect('name').value;
    const params = this.parseSignature();
    const saved = this.loopDepth;
    this.loopDepth = 0;
    const body = this.parseStatements(['endmacro'], true);
    this.loopDepth = saved;
    return makeMacro(name, params, body, tok);
  }

  private parseSignature(): A.Param[] {
    const params: A.Param[] = [];
    this.expectOperator('(');
    while (!this.skipOperator(')')) {
      if (params.length > 0) this.expectOperator(',');
      if (this.skipOperator(')')) break;
      const t = this.expect('name');
      const param: A.Param = { name: t.value, default: null, line: t.line, column: t.column };
      if (this.skipOperator('=')) param.default = this.parseExpression();
      else if (params.some((p) => p.default !== null))
        this.fail('non-default argument follows default argument', t);
      params.push(param);
    }
    return params;
  }

  private parseCallBlock(): A.CallBlockStmt {
    const tok = this.next();
    const params =
      this.current.value === '(' && this.current.type === 'operator' ? this.parseSignature() : [];
    const call = this.parseExpression();
    if (call.kind !== 'call') this.fail('expected call', tok);
    const saved = this.loopDepth;
    this.loopDepth = 0;
    const body = this.parseStatements(['endcall'], true);
    this.loopDepth = saved;
    const caller = makeMacro('caller', params, body, tok);
    return { kind: 'callblock', call, caller, line: tok.line, column: tok.column };
  }

  private parseFilterBlock(): A.FilterBlockStmt {
    const tok = this.next();
    const filters = this.parseFilterChain();
    const body = this.parseStatements(['endfilter'], true);
    return { kind: 'filterblock', filters, body, line: tok.line, column: tok.column };
  }

  private parseWith(): A.WithStmt {
    const tok = this.next();
    const assignments: A.WithStmt['assignments'] = [];
    while (this.current.type !== 'block_end') {
      if (assignments.length > 0) this.expectOperator(',');
      const target = this.parseAssignTarget([], false);
      this.expectOperator('=');
      assignments.push({ target, value: this.parseExpression() });
    }
    const body = this.parseStatements(['endwith'], true);
    return { kind: 'with', assignments, body, line: tok.line, column: tok.column };
  }

  private parseInclude(): A.IncludeStmt {
    const tok = this.next();
    const template = this.parseExpression();
    let ignoreMissing = false;
    if (this.current.value === 'ignore' && this.peek().value === 'missing') {
      this.next();
      this.next();
      ignoreMissing = true;
    }
    const withContext = this.parseContextModifier(true);
    return { kind: 'include', template, ignoreMissing, withContext, line: tok.line, column: tok.column };
  }

  private parseImport(): A.ImportStmt {
    const tok = this.next();
    const template = this.parseExpression();
    this.expectName('as');
    const alias = this.expect('name').value;
    const withContext = this.parseContextModifier(false);
    return { kind: 'import', template, alias, withContext, line: tok.line, column: tok.column };
  }

  private parseFrom(): A.FromImportStmt {
    const tok = this.next();
    const template = this.parseExpression();
    this.expectName('import');
    const names: A.FromImportStmt['names'] = [];
    let withContext = false;
    for (;;) {
      if (names.length > 0 && !this.skipOperator(',')) break;
      if (this.current.type !== 'name') break;
      if (
        (this.current.value === 'with' || this.current.value === 'without') &&
        this.peek().value === 'context'
      ) {
        break;
      }
      const name = this.next().value;
      const alias = this.skipName('as') ? this.expect('name').value : name;
      names.push({ name, alias });
    }
    withContext = this.parseContextModifier(false);
    if (names.length === 0) this.fail('expected a name to import', this.current);
    return { kind: 'fromimport', template, names, withContext, line: tok.line, column: tok.column };
  }

  private parseContextModifier(fallback: boolean): boolean {
    const v = this.current.value;
    if ((v === 'with' || v === 'without') && this.peek().value === 'context') {
      this.next();
      this.next();
      return v === 'with';
    }
    return fallback;
  }

  private parseBlock(): A.BlockStmt {
    const tok = this.next();
    const name = this.expect('name').value;
    const scoped = this.skipName('scoped');
    this.skipName('required');
    const body = this.parseStatements(['endblock'], true);
    if (this.current.type === 'name') {
      const end = this.next();
      if (end.value !== name) this.fail(`mismatching name '${end.value}' for block '${name}'`, end);
    }
    return { kind: 'block', name, body, scoped, line: tok.line, column: tok.column };
  }

  private parseCustomBlock(style: BlockTagStyle): A.CustomBlockStmt {
    const tok = this.next();
    const nameTok = this.expect('name');
    let params: A.Param[] = [];
    const headerArgs: unknown[] = [];
    const headerKwargs: Record<string, unknown> = {};
    if (style === 'signature') {
      params = this.parseSignature();
    } else {
      while (this.skipOperator(',')) {
        if (this.current.type === 'name' && this.peek().value === '=') {
          const key = this.next().value;
          this.next();
          headerKwargs[key] = this.parseConstant();
        } else {
          headerArgs.push(this.parseConstant());
        }
      }
    }
    const end = `end${tok.value}`;
    const saved = this.loopDepth;
    this.loopDepth = 0;
    const body = this.parseStatements([end], true);
    this.loopDepth = saved;
    const macro = makeMacro(nameTok.value, params, body, tok);
    return {
      kind: 'custom',
      tag: tok.value,
      name: nameTok.value,
      params,
      headerArgs,
      headerKwargs,
      macro,
      line: tok.line,
      column: tok.column,
    };
  }

  /** A header argument: a literal (list, dict, string, number…) or a bare name, read as its text. */
  private parseConstant(): unknown {
    const tok = this.current;
    if (tok.type === 'name' && !['true', 'false', 'none', 'True', 'False', 'None'].includes(tok.value)) {
      this.next();
      return tok.value;
    }
    const expr = this.parseExpression();
    return constantValue(expr, (msg) => this.fail(msg, tok));
  }
}
