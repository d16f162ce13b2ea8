import { computeLineStarts, positionFromStarts } from '../../defs/json-source.js';
/**
 * Template text before it reaches the engine: newlines normalised as Jinja2 does, `{% raw %}` blocks (which
 * the engine lacks) rewritten into string expressions, and the position of every tag, because the engine's
 * tokens carry no line numbers and errors must name one.
 */

/** Jinja2 reads `\r\n` and `\r` as `\n` (newline_sequence) and drops one trailing newline (keep_trailing_newline off). */
export function normaliseNewlines(source: string): string {
  return source.includes('\r') ? source.replace(/\r\n?/g, '\n') : source;
}

export function dropTrailingNewline(text: string): string {
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

/** True when the text holds a tag opener; without one Jinja2 renders the text as it is (the fast path). */
export function hasTags(text: string): boolean {
  return /\{[{%#]/.test(text);
}

const rawBlock = /\{%(-?)\s*raw\s*(-?)%\}([\s\S]*?)\{%(-?)\s*endraw\s*(-?)%\}/g;

/**
 * `{% raw %}…{% endraw %}` becomes `{{ "…" }}` with the same whitespace control. Newlines that whitespace
 * control removes from the content move inside the tag, so every later line keeps its number.
 */
export function rewriteRawBlocks(text: string): string {
  if (!text.includes('raw')) return text;
  return text.replace(rawBlock, (_all, stripBefore: string, stripStart: string, content: string, stripEnd: string, stripAfter: string) => {
    let body = content;
    let moved = '';
    if (stripStart) {
      const leading = /^\s*/.exec(body)?.[0] ?? '';
      moved += leading.replace(/[^\n]/g, '');
      body = body.slice(leading.length);
    }
    if (stripEnd) {
      const trailing = /\s*$/.exec(body)?.[0] ?? '';
      moved += trailing.replace(/[^\n]/g, '');
      body = body.slice(0, body.length - trailing.length);
    }
    const literal = body.replace(/[\\"]/g, (char) => `\\${char}`);
    return `{{${stripBefore ? '-' : ''} "${literal}"${moved || ' '}${stripAfter ? '-' : ''}}}`;
  });
}

/** An opening `{{` or `{%`, as the engine's lexer will see it; line and column are 1-based. */
export interface TagPosition {
  start: number;
  end: number;
  line: number;
  column: number;
}

export interface ScannedTags {
  tags: TagPosition[];
  /** Offset of a tag, comment or string that never closes. */
  unterminatedAt: number | null;
}

/**
 * Finds the tags the way the engine's lexer does: text runs to the next `{{`, `{%` or `{#`; inside a tag,
 * strings are skipped, `}}` closes an expression only outside `{…}` literals, and `{{`/`{%` inside a tag
 * open another tag.
 */
export function scanTags(text: string): ScannedTags {
  const starts = computeLineStarts(text);
  const tags: TagPosition[] = [];
  let position = 0;
  while (position < text.length) {
    const open = findOpener(text, position);
    if (open < 0) break;
    if (text.charAt(open + 1) === '#') {
      const close = text.indexOf('#}', open + 2);
      if (close < 0) return { tags, unterminatedAt: open };
      position = close + 2;
      continue;
    }
    const scanned = scanTag(text, open, tags, starts);
    if (scanned < 0) return { tags, unterminatedAt: tags.at(-1)?.start ?? open };
    position = scanned;
  }
  return { tags, unterminatedAt: null };
}

function findOpener(text: string, from: number): number {
  for (let i = text.indexOf('{', from); i >= 0; i = text.indexOf('{', i + 1)) {
    const next = text.charAt(i + 1);
    if (next === '{' || next === '%' || next === '#') return i;
  }
  return -1;
}

/** Scans from an opener to its close; returns the offset after the close, or -1 when it never closes. */
function scanTag(text: string, open: number, tags: TagPosition[], starts: number[]): number {
  let depth = 0;
  let i = open;
  const record = (at: number): void => {
    const where = positionFromStarts(starts, at);
    tags.push({ start: at, end: at, line: where.line, column: where.column });
  };
  while (i < text.length) {
    const two = text.slice(i, i + 2);
    if (two === '{%' || two === '{{') {
      record(i);
      if (two === '{{') depth = 0;
      i += text.charAt(i + 2) === '-' ? 3 : 2;
    } else if (text.startsWith('-%}', i) || text.startsWith('-}}', i) || two === '%}' || (two === '}}' && depth === 0)) {
      const end = i + (text.charAt(i) === '-' ? 3 : 2);
      for (const tag of tags) if (tag.end === tag.start) tag.end = end;
      return end;
    } else if (two === '{#') {
      const close = text.indexOf('#}', i + 2);
      if (close < 0) return -1;
      i = close + 2;
    } else {
      const char = text.charAt(i);
      if (char === '"' || char === "'") {
        i = skipString(text, i);
        if (i < 0) return -1;
        continue;
      }
      if (char === '{') depth++;
      else if (char === '}') depth--;
      i++;
    }
  }
  return -1;
}

function skipString(text: string, open: number): number {
  const quote = text.charAt(open);
  for (let i = open + 1; i < text.length; i++) {
    const char = text.charAt(i);
    if (char === '\\') i++;
    else if (char === quote) return i + 1;
  }
  return -1;
}
