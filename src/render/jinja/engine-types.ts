/**
 * The part of the Jinja engine (@huggingface/jinja) the glue uses, described here rather than imported: the
 * engine's own declaration files use extensionless imports that NodeNext resolution cannot follow, so its
 * types arrive as `any`. template.ts is the one module that loads the engine; it hands these entry points to
 * the glue in this folder.
 */

/**
 * A runtime value of the engine: `type` names its class, and each class holds one kind of JS value (the
 * engine's runtime.d.ts), so checking `type` tells what `value` is.
 */
export type Value = ValueMembers &
  (
    | { type: 'StringValue'; value: string }
    | { type: 'IntegerValue' | 'FloatValue'; value: number }
    | { type: 'BooleanValue'; value: boolean }
    | { type: 'ArrayValue' | 'TupleValue'; value: Value[] }
    | { type: 'ObjectValue' | 'KeywordArgumentsValue' | 'NamespaceValue'; value: Map<string, Value> }
    | { type: 'FunctionValue'; value: (args: Value[], scope: Environment) => Value }
    | { type: 'NullValue'; value: null }
    | { type: 'UndefinedValue'; value: undefined }
  );

interface ValueMembers {
  readonly builtins: ReadonlyMap<string, Value>;
  __bool__(): { value: boolean };
  toString(): string;
}

/**
 * A node of the engine's syntax tree; `type` names the node class (the engine's ast.d.ts lists them all), so
 * checking `type` tells which members a node has. Only the members the glue reads are written out.
 */
export type Node =
  | Program
  | IdentifierNode
  | LiteralNode
  | MemberNode
  | CallNode
  | KeywordArgumentNode
  | FilterNode
  | TestNode
  | BinaryNode
  | IfNode
  | ForNode
  | MacroNode
  | SelectNode
  | CommentNode
  | {
      type:
        | 'Break'
        | 'Continue'
        | 'Set'
        | 'ArrayLiteral'
        | 'TupleLiteral'
        | 'ObjectLiteral'
        | 'FilterStatement'
        | 'UnaryExpression'
        | 'SliceExpression'
        | 'SpreadExpression'
        | 'KeywordSpreadExpression'
        | 'CallStatement'
        | 'Ternary';
    };

export interface Token {
  type: string;
  value: string;
}

export interface Program {
  type: 'Program';
  body: Node[];
}

export interface Environment {
  variables: Map<string, Value>;
  tests: ReadonlyMap<string, (...operands: Value[]) => boolean>;
  set(name: string, value: unknown): Value;
  setVariable(name: string, value: Value): Value;
  lookupVariable(name: string): Value;
}

interface Interpreter {
  run(program: Program): Value;
  evaluate(statement: Node | undefined, environment: Environment): Value;
}

/** The engine's runtime entry points, passed in by template.ts. */
export interface Engine {
  Environment: new (parent?: Environment) => Environment;
  Interpreter: new (environment?: Environment) => Interpreter;
  tokenize(source: string, options?: { lstrip_blocks?: boolean; trim_blocks?: boolean }): Token[];
  parse(tokens: Token[]): Program;
}

/** The node shapes the glue reads (the engine does not export its AST classes). */
interface IdentifierNode {
  type: 'Identifier';
  value: string;
}
type LiteralNode = { type: 'StringLiteral'; value: string } | { type: 'IntegerLiteral' | 'FloatLiteral'; value: number };
interface MemberNode {
  type: 'MemberExpression';
  object: Node;
  property: Node;
  computed: boolean;
}
export interface CallNode {
  type: 'CallExpression';
  callee: Node;
  args: Node[];
}
interface KeywordArgumentNode {
  type: 'KeywordArgumentExpression';
  key: IdentifierNode;
  value: Node;
}
export interface FilterNode {
  type: 'FilterExpression';
  operand: Node;
  filter: Node;
}
interface TestNode {
  type: 'TestExpression';
  operand: Node;
  test: IdentifierNode;
}
export interface BinaryNode {
  type: 'BinaryExpression';
  operator: { value: string };
  left: Node;
  right: Node;
}
interface IfNode {
  type: 'If';
  test: Node;
  body: Node[];
  alternate: Node[];
}
interface ForNode {
  type: 'For';
  iterable: Node;
}
export interface MacroNode {
  type: 'Macro';
  name: IdentifierNode;
}
interface SelectNode {
  type: 'SelectExpression';
  lhs: Node;
}
interface CommentNode {
  type: 'Comment';
  value: string;
}
