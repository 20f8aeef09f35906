/**
 * Expression grammar, with Jinja2's precedence (lowest first): conditional `a if b else c`, `or`,
 * `and`, `not`, comparisons (chained), `+ -`, `~`, `* / // %`, `**` (left-assoc, as in Jinja2),
 * unary `- +`, then postfix (`.attr`, `[key]`, `(args)`) and filters/tests.
 */
import type * as A from './ast.js';
import { TokenStream } from './token-stream.js';
import type { Token } from './tokens.js';
import { describeToken } from './tokens.js';

const COMPARE_OPS = new Set(['==', '!=', '<', '<=', '>', '>=']);
const CONST_NAMES: Record<string, boolean | null> = Object.assign(Object.create(null), {
  true: true,
  false: false,
  none: null,
  True: true,
  False: false,
  None: null,
});

export class ExpressionParser extends TokenStream {
  /** Where a `set`/`for`/`with` stores: a name, `ns.attr` (set only), or names separated by commas. */
  protected parseAssignTarget(extraEnd: readonly string[], withNamespace: boolean): A.Target {
    const first = this.current;
    const one = (): A.Target => {
      const tok = this.current;
      if (this.skipOperator('(')) {
        const inner = this.parseAssignTarget(extraEnd, false);
        this.expectOperator(')');
        return inner;
      }
      const name = this.expect('name');
      if (withNamespace && this.isOp('.')) {
        this.next();
        const attr = this.expect('name').value;
        return { kind: 'nsattr', name: name.value, attr, line: tok.line, column: tok.column };
      }
      if (name.value in CONST_NAMES) this.fail(`can't assign to '${name.value}'`, name);
      return { kind: 'name', name: name.value, line: tok.line, column: tok.column };
    };
    const items: A.Target[] = [one()];
    let isTuple = false;
    while (this.skipOperator(',')) {
      isTuple = true;
      if (this.current.type !== 'name' && !this.isOp('(')) break;
      if (extraEnd.includes(this.current.value)) break;
      items.push(one());
    }
    if (!isTuple) return items[0]!;
    return { kind: 'tuple', items, line: first.line, column: first.column };
  }

  /** An expression, or several separated by commas (a tuple without parentheses). */
  protected parseTuple(
    withCondexpr = true,
    extraEnd: readonly string[] = [],
    explicitParens = false,
  ): A.Expr {
    const tok = this.current;
    const items: A.Expr[] = [];
    let isTuple = false;
    for (;;) {
      if (items.length > 0) {
        if (!this.skipOperator(',')) break;
        isTuple = true;
      }
      if (this.isTupleEnd(extraEnd)) break;
      items.push(withCondexpr ? this.parseExpression() : this.parseOr());
    }
    if (!isTuple) {
      if (items.length === 1) return items[0]!;
      if (!explicitParens)
        this.fail(`Expected an expression, got '${describeToken(this.current)}'`, this.current);
    }
    return { kind: 'tuple', items, line: tok.line, column: tok.column };
  }

  private isTupleEnd(extraEnd: readonly string[]): boolean {
    const t = this.current;
    if (t.type === 'variable_end' || t.type === 'block_end' || t.type === 'eof') return true;
    if (t.type === 'operator' && (t.value === ')' || t.value === ']' || t.value === '}' || t.value === ':')) {
      return true;
    }
    return t.type === 'name' && extraEnd.includes(t.value);
  }

  protected parseExpression(): A.Expr {
    let expr = this.parseOr();
    while (this.isName('if')) {
      const tok = this.next();
      const test = this.parseOr();
      const otherwise = this.skipName('else') ? this.parseExpression() : null;
      expr = { kind: 'cond', test, ifTrue: expr, ifFalse: otherwise, line: tok.line, column: tok.column };
    }
    return expr;
  }

  private parseOr(): A.Expr {
    let left = this.parseAnd();
    while (this.isName('or')) {
      const tok = this.next();
      left = { kind: 'or', left, right: this.parseAnd(), line: tok.line, column: tok.column };
    }
    return left;
  }

  private parseAnd(): A.Expr {
    let left = this.parseNot();
    while (this.isName('and')) {
      const tok = this.next();
      left = { kind: 'and', left, right: this.parseNot(), line: tok.line, column: tok.column };
    }
    return left;
  }

  private parseNot(): A.Expr {
    if (this.isName('not')) {
      const tok = this.next();
      return { kind: 'unary', op: 'not', operand: this.parseNot(), line: tok.line, column: tok.column };
    }
    return this.parseCompare();
  }

  private parseCompare(): A.Expr {
    const first = this.parseMath1();
    const ops: A.CompareExpr['ops'] = [];
    for (;;) {
      const t = this.current;
      if (t.type === 'operator' && COMPARE_OPS.has(t.value)) {
        this.next();
        ops.push({ op: t.value as A.CompareExpr['ops'][number]['op'], expr: this.parseMath1() });
      } else if (this.isName('in')) {
        this.next();
        ops.push({ op: 'in', expr: this.parseMath1() });
      } else if (this.isName('not') && this.peek().type === 'name' && this.peek().value === 'in') {
        this.next();
        this.next();
        ops.push({ op: 'not in', expr: this.parseMath1() });
      } else {
        break;
      }
    }
    if (ops.length === 0) return first;
    return { kind: 'compare', first, ops, line: first.line, column: first.column };
  }

  private binaryLevel(ops: readonly string[], nextLevel: () => A.Expr): A.Expr {
    let left = nextLevel();
    while (this.current.type === 'operator' && ops.includes(this.current.value)) {
      const tok = this.next();
      const right = nextLevel();
      left = {
        kind: 'binary',
        op: tok.value as A.BinaryExpr['op'],
        left,
        right,
        line: tok.line,
        column: tok.column,
      };
    }
    return left;
  }

  private parseMath1(): A.Expr {
    return this.binaryLevel(['+', '-'], () => this.parseConcat());
  }

  private parseConcat(): A.Expr {
    return this.binaryLevel(['~'], () => this.parseMath2());
  }

  private parseMath2(): A.Expr {
    return this.binaryLevel(['*', '/', '//', '%'], () => this.parsePow());
  }

  private parsePow(): A.Expr {
    return this.binaryLevel(['**'], () => this.parseUnary(true));
  }

  private parseUnary(withFilter: boolean): A.Expr {
    const tok = this.current;
    let node: A.Expr;
    if (tok.type === 'operator' && (tok.value === '-' || tok.value === '+')) {
      this.next();
      node = {
        kind: 'unary',
        op: tok.value,
        operand: this.parseUnary(false),
        line: tok.line,
        column: tok.column,
      };
    } else {
      node = this.parsePrimary();
    }
    node = this.parsePostfix(node);
    if (withFilter) node = this.parseFilterExpr(node);
    return node;
  }

  private parsePrimary(): A.Expr {
    const tok = this.current;
    const at = { line: tok.line, column: tok.column };
    switch (tok.type) {
      case 'name': {
        this.next();
        if (tok.value in CONST_NAMES) return { kind: 'const', value: CONST_NAMES[tok.value]!, ...at };
        return { kind: 'name', name: tok.value, ...at };
      }
      case 'string': {
        this.next();
        let value = tok.value;
        while (this.current.type === 'string') value += this.next().value;
        return { kind: 'const', value, ...at };
      }
      case 'integer':
        this.next();
        return { kind: 'const', value: tok.num!, ...at };
      case 'float':
        this.next();
        return { kind: 'const', value: tok.num!, float: true, ...at };
      case 'operator':
        if (tok.value === '(') {
          this.next();
          const expr = this.parseTuple(true, [], true);
          this.expectOperator(')');
          return expr;
        }
        if (tok.value === '[') return this.parseList();
        if (tok.value === '{') return this.parseDict();
        break;
    }
    if (tok.type === 'eof') this.fail('unexpected end of template', tok);
    this.fail(`unexpected '${describeToken(tok)}'`, tok);
  }

  private parseList(): A.Expr {
    const tok = this.expectOperator('[');
    const items: A.Expr[] = [];
    while (!this.isOp(']')) {
      if (items.length > 0) this.expectOperator(',');
      if (this.isOp(']')) break;
      items.push(this.parseExpression());
    }
    this.expectOperator(']');
    return { kind: 'list', items, line: tok.line, column: tok.column };
  }

  private parseDict(): A.Expr {
    const tok = this.expectOperator('{');
    const pairs: [A.Expr, A.Expr][] = [];
    while (!this.isOp('}')) {
      if (pairs.length > 0) this.expectOperator(',');
      if (this.isOp('}')) break;
      const key = this.parseExpression();
      this.expectOperator(':');
      pairs.push([key, this.parseExpression()]);
    }
    this.expectOperator('}');
    return { kind: 'dict', pairs, line: tok.line, column: tok.column };
  }

  private parsePostfix(node: A.Expr): A.Expr {
    for (;;) {
      const tok = this.current;
      if (tok.type !== 'operator') return node;
      if (tok.value === '.') {
        this.next();
        const attr = this.next();
        if (attr.type === 'name') {
          node = { kind: 'getattr', target: node, name: attr.value, line: tok.line, column: tok.column };
        } else if (attr.type === 'integer') {
          const key: A.Expr = { kind: 'const', value: attr.num!, line: attr.line, column: attr.column };
          node = { kind: 'getitem', target: node, key, line: tok.line, column: tok.column };
        } else {
          this.fail('expected name or number', attr);
        }
      } else if (tok.value === '[') {
        node = this.parseSubscript(node);
      } else if (tok.value === '(') {
        node = { kind: 'call', callee: node, ...this.parseCallArgs(), line: node.line, column: node.column };
      } else {
        return node;
      }
    }
  }

  private parseSubscript(target: A.Expr): A.Expr {
    const tok = this.expectOperator('[');
    const parts: A.Expr[] = [];
    let slice: A.SliceExpr | null = null;
    while (!this.isOp(']')) {
      if (parts.length > 0 || slice !== null) this.expectOperator(',');
      const sub = this.parseSubscribed(target, tok);
      if (sub.kind === 'slice' && sub.target === target) slice = sub;
      else parts.push(sub);
    }
    this.expectOperator(']');
    if (slice !== null && parts.length === 0) return slice;
    const key: A.Expr =
      parts.length === 1 ? parts[0]! : { kind: 'tuple', items: parts, line: tok.line, column: tok.column };
    return { kind: 'getitem', target, key, line: tok.line, column: tok.column };
  }

  private parseSubscribed(target: A.Expr, tok: Token): A.Expr {
    let start: A.Expr | null = null;
    if (!this.isOp(':')) {
      start = this.parseExpression();
      if (!this.isOp(':')) return start;
    }
    this.next();
    let stop: A.Expr | null = null;
    let step: A.Expr | null = null;
    if (!this.isOp(']') && !this.isOp(',') && !this.isOp(':')) stop = this.parseExpression();
    if (this.skipOperator(':') && !this.isOp(']') && !this.isOp(',')) step = this.parseExpression();
    return { kind: 'slice', target, start, stop, step, line: tok.line, column: tok.column };
  }

  protected parseCallArgs(): A.CallArgs {
    this.expectOperator('(');
    const out: A.CallArgs = { args: [], kwargs: [], dynArgs: null, dynKwargs: null };
    let first = true;
    while (!this.isOp(')')) {
      if (!first) {
        this.expectOperator(',');
        if (this.isOp(')')) break;
      }
      first = false;
      if (this.skipOperator('*')) {
        out.dynArgs = this.parseExpression();
      } else if (this.skipOperator('**')) {
        out.dynKwargs = this.parseExpression();
      } else if (
        this.current.type === 'name' &&
        this.peek().type === 'operator' &&
        this.peek().value === '='
      ) {
        const key = this.next().value;
        this.next();
        out.kwargs.push([key, this.parseExpression()]);
      } else {
        if (out.kwargs.length > 0 || out.dynKwargs !== null) {
          this.fail('positional argument follows keyword argument', this.current);
        }
        out.args.push(this.parseExpression());
      }
    }
    this.expectOperator(')');
    return out;
  }

  private parseFilterExpr(node: A.Expr): A.Expr {
    for (;;) {
      if (this.isOp('|')) {
        this.next();
        node = this.parseFilterCall(node);
      } else if (this.isName('is')) {
        node = this.parseTest(node);
      } else if (this.isOp('(')) {
        node = { kind: 'call', callee: node, ...this.parseCallArgs(), line: node.line, column: node.column };
      } else {
        return node;
      }
    }
  }

  /** `name(args)` after a `|`; `target` null for filter blocks. */
  protected parseFilterCall(target: A.Expr | null): A.FilterExpr {
    const tok = this.expect('name');
    let name = tok.value;
    while (this.isOp('.')) {
      this.next();
      name += `.${this.expect('name').value}`;
    }
    const args: A.CallArgs = this.isOp('(')
      ? this.parseCallArgs()
      : { args: [], kwargs: [], dynArgs: null, dynKwargs: null };
    return { kind: 'filter', target, name, ...args, line: tok.line, column: tok.column };
  }

  private parseTest(node: A.Expr): A.Expr {
    const tok = this.next();
    const negated = this.skipName('not');
    let name = this.expect('name').value;
    while (this.isOp('.')) {
      this.next();
      name += `.${this.expect('name').value}`;
    }
    let args: A.CallArgs = { args: [], kwargs: [], dynArgs: null, dynKwargs: null };
    const cur = this.current;
    if (this.isOp('(')) {
      args = this.parseCallArgs();
    } else if (
      (['name', 'string', 'integer', 'float'].includes(cur.type) ||
        (cur.type === 'operator' && (cur.value === '[' || cur.value === '{'))) &&
      !(cur.type === 'name' && (cur.value === 'else' || cur.value === 'or' || cur.value === 'and'))
    ) {
      if (this.isName('is')) this.fail('You cannot chain multiple tests with is', cur);
      args.args = [this.parsePostfix(this.parsePrimary())];
    }
    const test: A.Expr = { kind: 'test', target: node, name, ...args, line: tok.line, column: tok.column };
    if (!negated) return test;
    return { kind: 'unary', op: 'not', operand: test, line: tok.line, column: tok.column };
  }
}
