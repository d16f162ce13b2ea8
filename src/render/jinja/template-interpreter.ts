/**
 * The engine's interpreter with Jinja2's semantics where they differ: undefined names are errors
 * (StrictUndefined), printed values use Python's str(), Python's operators, filters and string methods, and
 * the line of the tag being evaluated is tracked for error messages. Every node goes through `evaluate`,
 * which the engine calls recursively, so overriding it reaches every expression: that is also where the
 * render's budget (render-limits.ts) is spent.
 */
import type { BinaryNode, CallNode, Engine, Environment, FilterNode, MacroNode, Node, Value } from './engine-types.js';
import { filterName, isMarker, markerPosition, type CompiledTemplate } from './compile-template.js';
import { pythonFilters } from './python-filters.js';
import { callPythonMethod, pythonMethodNames } from './python-methods.js';
import { applyOperator, pythonOperators } from './python-operators.js';
import { pythonStr } from './python-str.js';
import { loopItemSteps, type RenderBudget } from './render-limits.js';
import { rememberUndefined, UndefinedNameError } from './undefined-values.js';
import { isSequence, isString, iterate, type ValueFactory } from './values.js';

interface TemplateInterpreter {
  /** Line and column of the tag being evaluated (0 before the first tag). */
  readonly line: number;
  readonly column: number;
  run(program: CompiledTemplate['program']): Value;
}

export type TemplateInterpreterClass = new (environment: Environment, compiled: CompiledTemplate, budget: RenderBudget) => TemplateInterpreter;

export function createInterpreterClass(engine: Engine, values: ValueFactory): TemplateInterpreterClass {
  return class PythonicInterpreter extends engine.Interpreter {
    line = 0;
    column = 0;
    readonly #compiled: CompiledTemplate;
    readonly #budget: RenderBudget;

    constructor(environment: Environment, compiled: CompiledTemplate, budget: RenderBudget) {
      super(environment);
      this.#compiled = compiled;
      this.#budget = budget;
    }

    override evaluate(statement: Node | undefined, environment: Environment): Value {
      if (statement === undefined) return super.evaluate(statement, environment);
      this.#budget.step();
      const value = this.#evaluateNode(statement, environment);
      if (this.#compiled.iterables.has(statement)) return this.#loopItems(iterable(value, values));
      if (!this.#compiled.outputs.has(statement)) return this.#checked(value);
      const text = value.type === 'StringValue' ? value.value : pythonStr(value);
      this.#budget.print(text.length);
      return value.type === 'StringValue' ? value : values.string(text);
    }

    /** A loop costs per item before its body runs (the engine prepares every iteration's scope up front). */
    #loopItems(value: Value): Value {
      if (isSequence(value)) this.#budget.step(value.value.length * loopItemSteps);
      return this.#checked(value);
    }

    /** Strings and lists that grow on each pass of a loop are stopped before they exhaust memory. */
    #checked(value: Value): Value {
      if (value.type === 'StringValue') this.#budget.checkSize('string', value.value.length);
      else if (isSequence(value)) this.#budget.checkSize('list', value.value.length);
      return value;
    }

    #evaluateNode(node: Node, environment: Environment): Value {
      switch (node.type) {
        case 'Comment':
          this.#track(node.value);
          return super.evaluate(node, environment);
        case 'If':
          this.#trackBranch(node);
          return super.evaluate(node, environment);
        case 'Macro':
          return this.#defineMacro(node, environment);
        case 'Identifier':
        case 'MemberExpression':
          return this.#lookup(node, environment);
        case 'FilterExpression':
          return this.#filter(node, environment) ?? super.evaluate(node, environment);
        case 'BinaryExpression':
          return this.#operator(node, environment) ?? super.evaluate(node, environment);
        case 'CallExpression':
          return this.#method(node, environment) ?? super.evaluate(node, environment);
        default:
          return super.evaluate(node, environment);
      }
    }

    #track(comment: string): void {
      if (!isMarker(comment)) return;
      const position = markerPosition(comment);
      this.line = position.line;
      this.column = position.column;
    }

    #trackBranch(node: Node): void {
      const position = this.#compiled.branchLines.get(node);
      if (position === undefined) return;
      this.line = position.line;
      this.column = position.column;
    }

    /** The engine's macro, called one level deeper in the budget: a macro that never stops recursing is named. */
    #defineMacro(node: MacroNode, environment: Environment): Value {
      const result = super.evaluate(node, environment);
      const name = node.name.value;
      const macro = environment.variables.get(name);
      if (macro?.type !== 'FunctionValue') return result;
      const call = macro.value;
      environment.variables.set(
        name,
        values.func((args, scope) => this.#budget.inMacro(name, () => call(args, scope))),
      );
      return result;
    }

    /** StrictUndefined: a missing name or attribute raises, except where the template asks (`is defined`, `default`). */
    #lookup(node: Node, environment: Environment): Value {
      const value = super.evaluate(node, environment);
      if (value.type !== 'UndefinedValue') return value;
      if (!this.#compiled.undefinedAllowed.has(node)) throw new UndefinedNameError(describe(node));
      rememberUndefined(value, describe(node));
      return value;
    }

    #filter(node: FilterNode, environment: Environment): Value | undefined {
      const filter = pythonFilters.get(filterName(node.filter));
      if (filter === undefined) return undefined;
      const operand = this.evaluate(node.operand, environment);
      const argumentNodes = node.filter.type === 'CallExpression' ? node.filter.args : [];
      const [args, kwargs] = this.#arguments(argumentNodes, environment);
      return filter({ operand, args, kwargs, values });
    }

    #operator(node: BinaryNode, environment: Environment): Value | undefined {
      if (!pythonOperators.has(node.operator.value)) return undefined;
      const left = this.evaluate(node.left, environment);
      const right = this.evaluate(node.right, environment);
      return applyOperator(node.operator.value, left, right, values);
    }

    /** Methods handled in python-methods.ts; for any other receiver the engine evaluates the call (again, which is pure). */
    #method(node: CallNode, environment: Environment): Value | undefined {
      const callee = node.callee;
      if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return undefined;
      const name = callee.property.value;
      if (!pythonMethodNames.has(name)) return undefined;
      const self = this.evaluate(callee.object, environment);
      const [args] = this.#arguments(node.args, environment);
      return callPythonMethod(self, name, args, values);
    }

    #arguments(nodes: Node[], environment: Environment): [Value[], Map<string, Value>] {
      const args: Value[] = [];
      const kwargs = new Map<string, Value>();
      for (const argument of nodes) {
        if (argument.type === 'KeywordArgumentExpression') {
          kwargs.set(argument.key.value, this.evaluate(argument.value, environment));
        } else {
          args.push(this.evaluate(argument, environment));
        }
      }
      return [args, kwargs];
    }
  };
}

/**
 * What a for-loop iterates, in a form the engine's loop accepts: it refuses strings (Python iterates their
 * characters) and unpacks only lists (`for k, v in [(1, 2)]` needs the tuples as lists, still printed as tuples).
 */
function iterable(value: Value, values: ValueFactory): Value {
  if (isString(value)) return values.list(iterate(value, values));
  if (isSequence(value) && value.value.some((item) => item.type === 'TupleValue')) {
    return values.list(value.value.map((item) => (item.type === 'TupleValue' ? values.tuple(item.value) : item)));
  }
  return value;
}

/** The expression as written, for the error message: `image_tag`, `Stack.Output`, `ports['http']`. */
function describe(node: Node): string {
  if (node.type === 'Identifier') return node.value;
  if (node.type === 'MemberExpression') {
    const object = describe(node.object);
    const property = node.property;
    if (!node.computed && property.type === 'Identifier') return `${object}.${property.value}`;
    if (property.type === 'StringLiteral') return `${object}['${property.value}']`;
    if (property.type === 'IntegerLiteral') return `${object}[${String(property.value)}]`;
    return `${object}[…]`;
  }
  if (node.type === 'CallExpression') return `${describe(node.callee)}(…)`;
  return '…';
}
