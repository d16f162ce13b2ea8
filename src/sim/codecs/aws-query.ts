/**
 * awsQuery: form-encoded input (`Action=…&Version=…&Names.member.1=…`), XML output.
 * https://smithy.io/2.0/aws/protocols/aws-query-protocol.html
 *
 * The codec has no shapes, so scalars reach handlers as strings (`Port: '80'`, `Enabled: 'true'`); handlers
 * coerce the members they read. Lists (`X.member.N`, or flattened `X.N`) become arrays, maps
 * (`X.entry.N.key` / `X.entry.N.value`) become records, and an empty list arrives as `''`.
 */
import type { SimError } from '../errors.js';
import type { WireResponse } from './wire.js';

type Tree = { [key: string]: Tree | string };

/** Parses a form body (or a GET query string) into nested input; `Action` and `Version` are kept. */
export function decodeQueryForm(form: string): Record<string, unknown> {
  const root: Tree = {};
  for (const [key, value] of new URLSearchParams(form)) {
    insert(root, key.split('.'), value);
  }
  return structureOf(root);
}

function insert(node: Tree, path: string[], value: string): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    if (node[head] === undefined) node[head] = value;
    return;
  }
  let child = node[head];
  if (typeof child !== 'object') {
    child = {};
    node[head] = child;
  }
  insert(child, rest, value);
}

function shape(node: Tree | string): unknown {
  if (typeof node === 'string') return node;
  const entries = Object.entries(node);
  const [only] = entries.length === 1 ? entries : [];
  if (only?.[0] === 'member') return listOf(only[1]);
  if (only?.[0] === 'entry') return mapOf(only[1]);
  if (entries.length > 0 && entries.every(([key]) => isIndex(key))) return listOf(node);
  return structureOf(node);
}

function structureOf(node: Tree): Record<string, unknown> {
  return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, shape(child)]));
}

function isIndex(key: string): boolean {
  return /^[1-9][0-9]*$/.test(key);
}

function listOf(node: Tree | string): unknown[] {
  if (typeof node === 'string') return [node];
  return Object.entries(node)
    .filter(([key]) => isIndex(key))
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([, child]) => shape(child));
}

function mapOf(node: Tree | string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (typeof node === 'string') return out;
  for (const entry of Object.values(node)) {
    if (typeof entry === 'object' && typeof entry.key === 'string') out[entry.key] = shape(entry.value ?? '');
  }
  return out;
}

/** Builds the form body a query client would send for `input` (used for in-process seeding and tests). */
export function encodeQueryForm(action: string, version: string, input: Record<string, unknown>): string {
  const params = new URLSearchParams({ Action: action, Version: version });
  flatten(params, '', input);
  return params.toString();
}

function flatten(params: URLSearchParams, prefix: string, value: unknown): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    if (value.length === 0) params.append(prefix, '');
    for (const [index, item] of value.entries()) flatten(params, `${prefix}.member.${index + 1}`, item);
  } else if (value instanceof Date) {
    params.append(prefix, value.toISOString());
  } else if (typeof value === 'object') {
    for (const [key, member] of Object.entries(value)) flatten(params, prefix === '' ? key : `${prefix}.${key}`, member);
  } else {
    params.append(prefix, String(value));
  }
}

/**
 * `<OpResponse xmlns=ns><OpResult>…</OpResult><ResponseMetadata><RequestId/></ResponseMetadata></OpResponse>`;
 * operations without output (undefined) have no Result element, like AWS.
 */
export function encodeQueryResult(operation: string, namespace: string, output: unknown, requestId: string): WireResponse {
  const result = output === undefined || output === null ? '' : xmlElement(`${operation}Result`, output);
  const body =
    `<${operation}Response xmlns="${escapeXml(namespace)}">${result}` +
    `<ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata></${operation}Response>`;
  return { status: 200, headers: xmlHeaders(requestId), body };
}

/** `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`, as query services answer. */
export function encodeQueryError(error: SimError, namespace: string, requestId: string, code = error.code): WireResponse {
  const body =
    `<ErrorResponse xmlns="${escapeXml(namespace)}"><Error><Type>${error.fault}</Type>` +
    `<Code>${escapeXml(code)}</Code><Message>${escapeXml(error.message)}</Message></Error>` +
    `<RequestId>${escapeXml(requestId)}</RequestId></ErrorResponse>`;
  return { status: error.status, headers: xmlHeaders(requestId), body };
}

function xmlHeaders(requestId: string): Record<string, string> {
  return { 'content-type': 'text/xml', 'x-amzn-RequestId': requestId };
}

/** One element: lists as `<member>` children, structures as child elements, Dates as ISO-8601. */
function xmlElement(name: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  return `<${name}>${xmlContent(value)}</${name}>`;
}

function xmlContent(value: unknown): string {
  if (Array.isArray(value)) return value.map((item) => xmlElement('member', item)).join('');
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value)
      .map(([key, member]) => xmlElement(key, member))
      .join('');
  }
  return escapeXml(String(value));
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => XML_ENTITIES[char] ?? char);
}

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
