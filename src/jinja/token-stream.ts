/** A cursor over the lexer's tokens with the expect/skip helpers the parsers share. */
import type { Token, TokenType } from './tokens.js';
import { describeToken } from './tokens.js';

export class TokenStream {
  private pos = 0;

  constructor(
    private readonly tokens: Token[],
    protected readonly fail: (message: string, tok: Token) => never,
  ) {}

  protected get current(): Token {
    return this.tokens[this.pos]!;
  }

  protected peek(): Token {
    return this.tokens[Math.min(this.pos + 1, this.tokens.length - 1)]!;
  }

  protected next(): Token {
    const tok = this.tokens[this.pos]!;
    if (tok.type !== 'eof') this.pos++;
    return tok;
  }

  protected expect(type: TokenType): Token {
    const tok = this.current;
    if (tok.type !== type) {
      const want = describeToken({ type, value: type, line: 0, column: 0 });
      if (tok.type === 'eof') this.fail(`unexpected end of template, expected '${want}'.`, tok);
      this.fail(`expected token '${want}', got '${describeToken(tok)}'`, tok);
    }
    return this.next();
  }

  protected expectOperator(op: string): Token {
    const tok = this.current;
    if (tok.type !== 'operator' || tok.value !== op) {
      this.fail(`expected token '${op}', got '${describeToken(tok)}'`, tok);
    }
    return this.next();
  }

  protected expectName(name: string): Token {
    const tok = this.current;
    if (tok.type !== 'name' || tok.value !== name) {
      this.fail(`expected token '${name}', got '${describeToken(tok)}'`, tok);
    }
    return this.next();
  }

  protected skipOperator(op: string): boolean {
    const tok = this.current;
    if (tok.type === 'operator' && tok.value === op) {
      this.pos++;
      return true;
    }
    return false;
  }

  protected skipName(name: string): boolean {
    const tok = this.current;
    if (tok.type === 'name' && tok.value === name) {
      this.pos++;
      return true;
    }
    return false;
  }

  protected isOp(op: string): boolean {
    return this.current.type === 'operator' && this.current.value === op;
  }

  protected isName(name: string): boolean {
    return this.current.type === 'name' && this.current.value === name;
  }
}
