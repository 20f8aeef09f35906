/** The template syntax tree. Every node carries the 1-based line and column where it starts. */
export interface Pos {
  line: number;
  column: number;
}

// ---- expressions ----
export type Expr =
  | ConstExpr
  | NameExpr
  | ListExpr
  | TupleExpr
  | DictExpr
  | GetAttrExpr
  | GetItemExpr
  | SliceExpr
  | CallExpr
  | FilterExpr
  | TestExpr
  | BinaryExpr
  | UnaryExpr
  | CompareExpr
  | LogicalExpr
  | CondExpr;

export interface ConstExpr extends Pos {
  kind: 'const';
  value: string | number | boolean | null;
  /** Float literal (`1.0` must stay a float). */
  float?: boolean;
}
export interface NameExpr extends Pos {
  kind: 'name';
  name: string;
}
export interface ListExpr extends Pos {
  kind: 'list';
  items: Expr[];
}
export interface TupleExpr extends Pos {
  kind: 'tuple';
  items: Expr[];
}
export interface DictExpr extends Pos {
  kind: 'dict';
  pairs: [Expr, Expr][];
}
export interface GetAttrExpr extends Pos {
  kind: 'getattr';
  target: Expr;
  name: string;
}
export interface GetItemExpr extends Pos {
  kind: 'getitem';
  target: Expr;
  key: Expr;
}
export interface SliceExpr extends Pos {
  kind: 'slice';
  target: Expr;
  start: Expr | null;
  stop: Expr | null;
  step: Expr | null;
}
/** Arguments of a call, filter or test. */
export interface CallArgs {
  args: Expr[];
  kwargs: [string, Expr][];
  dynArgs: Expr | null;
  dynKwargs: Expr | null;
}
export interface CallExpr extends Pos, CallArgs {
  kind: 'call';
  callee: Expr;
}
export interface FilterExpr extends Pos, CallArgs {
  kind: 'filter';
  /** null for a `{% filter %}` block, whose value is the block's output. */
  target: Expr | null;
  name: string;
}
export interface TestExpr extends Pos, CallArgs {
  kind: 'test';
  target: Expr;
  name: string;
}
export interface BinaryExpr extends Pos {
  kind: 'binary';
  op: '+' | '-' | '*' | '/' | '//' | '%' | '**' | '~';
  left: Expr;
  right: Expr;
}
export interface UnaryExpr extends Pos {
  kind: 'unary';
  op: '-' | '+' | 'not';
  operand: Expr;
}
export interface CompareExpr extends Pos {
  kind: 'compare';
  first: Expr;
  ops: { op: '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in'; expr: Expr }[];
}
export interface LogicalExpr extends Pos {
  kind: 'and' | 'or';
  left: Expr;
  right: Expr;
}
export interface CondExpr extends Pos {
  kind: 'cond';
  test: Expr;
  ifTrue: Expr;
  ifFalse: Expr | null;
}

// ---- statements ----
export type Stmt =
  | OutputStmt
  | IfStmt
  | ForStmt
  | SetStmt
  | SetBlockStmt
  | MacroStmt
  | CallBlockStmt
  | FilterBlockStmt
  | WithStmt
  | DoStmt
  | IncludeStmt
  | ImportStmt
  | FromImportStmt
  | LoopControlStmt
  | BlockStmt
  | ExtendsStmt
  | CustomBlockStmt;

export interface OutputStmt extends Pos {
  kind: 'output';
  /** Literal text and `{{ }}` expressions, in order. */
  parts: (string | Expr)[];
}
export interface IfStmt extends Pos {
  kind: 'if';
  test: Expr;
  body: Stmt[];
  elifs: { test: Expr; body: Stmt[] }[];
  else: Stmt[];
}
/** Where a value is stored: a name, `ns.attr`, or a tuple of names. */
export type Target =
  | (Pos & { kind: 'name'; name: string })
  | (Pos & { kind: 'nsattr'; name: string; attr: string })
  | (Pos & { kind: 'tuple'; items: Target[] });
export interface ForStmt extends Pos {
  kind: 'for';
  target: Target;
  iter: Expr;
  filter: Expr | null;
  recursive: boolean;
  body: Stmt[];
  else: Stmt[];
}
export interface SetStmt extends Pos {
  kind: 'set';
  target: Target;
  value: Expr;
}
export interface SetBlockStmt extends Pos {
  kind: 'setblock';
  target: Target;
  filters: FilterExpr[];
  body: Stmt[];
}
export interface Param extends Pos {
  name: string;
  default: Expr | null;
}
export interface MacroStmt extends Pos {
  kind: 'macro';
  name: string;
  params: Param[];
  body: Stmt[];
  usesCaller: boolean;
  usesVarargs: boolean;
  usesKwargs: boolean;
}
export interface CallBlockStmt extends Pos {
  kind: 'callblock';
  call: CallExpr;
  caller: MacroStmt;
}
export interface FilterBlockStmt extends Pos {
  kind: 'filterblock';
  filters: FilterExpr[];
  body: Stmt[];
}
export interface WithStmt extends Pos {
  kind: 'with';
  assignments: { target: Target; value: Expr }[];
  body: Stmt[];
}
export interface DoStmt extends Pos {
  kind: 'do';
  expr: Expr;
}
export interface IncludeStmt extends Pos {
  kind: 'include';
  template: Expr;
  ignoreMissing: boolean;
  withContext: boolean;
}
export interface ImportStmt extends Pos {
  kind: 'import';
  template: Expr;
  alias: string;
  withContext: boolean;
}
export interface FromImportStmt extends Pos {
  kind: 'fromimport';
  template: Expr;
  names: { name: string; alias: string }[];
  withContext: boolean;
}
export interface LoopControlStmt extends Pos {
  kind: 'break' | 'continue';
}
export interface BlockStmt extends Pos {
  kind: 'block';
  name: string;
  body: Stmt[];
  scoped: boolean;
}
export interface ExtendsStmt extends Pos {
  kind: 'extends';
  template: Expr;
}
/** A host-registered definition tag (`{% test … %}`, `{% materialization … %}`, `{% docs … %}`). */
export interface CustomBlockStmt extends Pos {
  kind: 'custom';
  tag: string;
  name: string;
  params: Param[];
  /** Header arguments after the name, evaluated as constants (bare names read as strings). */
  headerArgs: unknown[];
  headerKwargs: Record<string, unknown>;
  macro: MacroStmt;
}

export interface TemplateAst {
  body: Stmt[];
}
