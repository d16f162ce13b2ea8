/**
 * What one template may cost to render. A definition file renders in milliseconds; a template that loops
 * over `range(100000000)` or a macro that calls itself forever would otherwise hang a plan or a deploy for
 * minutes and end in an out-of-memory crash with no message. docs/templates.md lists the limits.
 *
 * Work is counted in evaluation steps, not measured in seconds, so that a template passes or fails the same
 * way on a laptop and on a loaded CI runner.
 */
export interface RenderLimits {
  /** Syntax nodes evaluated (each printed value, operator, lookup, statement counts one); a loop item counts `loopItemSteps`. */
  readonly steps: number;
  /** Characters a template prints in all, and the longest string it may build. */
  readonly textChars: number;
  /** Items in one list, range() included (Jinja2's sandbox allows range() 100,000 items too). */
  readonly listItems: number;
  /** Macro calls nested inside each other. */
  readonly macroDepth: number;
}

/**
 * 2,000,000 steps are 1 to 2 s of rendering on one busy core; the Jinja2 golden templates (test/golden/jinja)
 * take at most 140.
 */
export const renderLimits: RenderLimits = {
  steps: 2_000_000,
  textChars: 1024 * 1024,
  listItems: 100_000,
  macroDepth: 100,
};

/**
 * The engine prepares a scope for every item of a loop before running its body: measured, an item costs
 * about what ten evaluated nodes do.
 */
export const loopItemSteps = 10;

export type RenderLimitName = keyof RenderLimits;

/** Rendering stopped at one of the limits; template.ts locates it and turns it into E_RENDER_LIMIT. */
export class RenderLimitError extends Error {
  constructor(
    message: string,
    readonly limit: RenderLimitName,
  ) {
    super(message);
    this.name = 'RenderLimitError';
  }
}

/** The fix for each limit, as the error's hint. */
export const renderLimitHints: Record<RenderLimitName, string> = {
  steps: 'A definition template should render in milliseconds: look for a loop over a large range or nested loops at the line shown.',
  textChars: 'A definition file is small JSON: look for a loop or a string that grows at the line shown.',
  listItems: 'Loop over the values the definition needs rather than a large range.',
  macroDepth: 'Give the recursive macro a case that stops calling itself.',
};

function mebibytes(chars: number): string {
  return chars % (1024 * 1024) === 0 ? `${chars / (1024 * 1024)} MiB` : `${chars} characters`;
}

/** Tracks one render's spending; the interpreter calls it as it goes. */
export class RenderBudget {
  #steps = 0;
  #printed = 0;
  readonly #macros: string[] = [];

  constructor(readonly limits: RenderLimits = renderLimits) {}

  /** `count` > 1 for work the engine does without evaluating nodes: building a loop's items. */
  step(count = 1): void {
    this.#steps += count;
    if (this.#steps > this.limits.steps) {
      throw new RenderLimitError(`template takes more than ${this.limits.steps.toLocaleString('en-US')} evaluation steps to render`, 'steps');
    }
  }

  /** Text the template prints; macros and `{% set %}` blocks count what they print before it is used. */
  print(chars: number): void {
    this.#printed += chars;
    if (this.#printed > this.limits.textChars) {
      throw new RenderLimitError(`template renders more than ${mebibytes(this.limits.textChars)} of text`, 'textChars');
    }
  }

  /** Any value built along the way: a string or a list that doubles on each pass of a loop. */
  checkSize(kind: 'string' | 'list', size: number): void {
    if (kind === 'string' && size > this.limits.textChars) {
      throw new RenderLimitError(`template builds a string of more than ${mebibytes(this.limits.textChars)}`, 'textChars');
    }
    if (kind === 'list' && size > this.limits.listItems) {
      throw new RenderLimitError(`template builds a list of more than ${this.limits.listItems.toLocaleString('en-US')} items`, 'listItems');
    }
  }

  /** Runs a macro's body one level deeper; too deep names the macro (a recursion that never stops). */
  inMacro<T>(name: string, body: () => T): T {
    if (this.#macros.length >= this.limits.macroDepth) {
      const message = this.#macros.includes(name)
        ? `macro '${name}' calls itself more than ${this.limits.macroDepth} deep`
        : `macros call each other more than ${this.limits.macroDepth} deep (then '${name}')`;
      throw new RenderLimitError(message, 'macroDepth');
    }
    this.#macros.push(name);
    try {
      return body();
    } finally {
      this.#macros.pop();
    }
  }
}

/** range()'s size before it is made: `range(100000000)` must fail at once, not after filling memory. */
export function checkRangeSize(start: number, stop: number, step: number, limits: RenderLimits = renderLimits): void {
  const size = step > 0 ? Math.ceil((stop - start) / step) : Math.ceil((start - stop) / -step);
  if (size > limits.listItems) {
    throw new RenderLimitError(
      `range() of ${size.toLocaleString('en-US')} items: more than the ${limits.listItems.toLocaleString('en-US')} a template may make`,
      'listItems',
    );
  }
}
