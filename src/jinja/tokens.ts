/** Tokens produced by the lexer. Every token knows where it starts (1-based line and column). */
export type TokenType =
  | 'data'
  | 'block_begin'
  | 'block_end'
  | 'variable_begin'
  | 'variable_end'
  | 'name'
  | 'string'
  | 'integer'
  | 'float'
  | 'operator'
  | 'eof';

export interface Token {
  type: TokenType;
  /** Text for data/name/operator; the decoded text for strings; the number for integer/float. */
  value: string;
  /** Numeric value of integer and float tokens. */
  num?: number;
  line: number;
  column: number;
}

/** How a token reads in an error message, as Jinja2 describes it. */
export function describeToken(tok: Token): string {
  switch (tok.type) {
    case 'block_end':
      return 'end of statement block';
    case 'variable_end':
      return 'end of print statement';
    case 'block_begin':
      return 'begin of statement block';
    case 'variable_begin':
      return 'begin of print statement';
    case 'eof':
      return 'end of template';
    case 'data':
      return 'template data / text';
    default:
      return tok.value;
  }
}
