/**
 * SDK output shapes mark every member `| undefined`; the port types (with exactOptionalPropertyTypes) want an
 * optional member either present with a value or absent. `compact` drops the undefined members and types the
 * result that way.
 */
type RequiredKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? never : K }[keyof T];
type OptionalKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? K : never }[keyof T];

export type Compacted<T> = { [K in RequiredKeys<T>]: T[K] } & { [K in OptionalKeys<T>]?: Exclude<T[K], undefined> };

export function compact<T extends object>(value: T): Compacted<T> {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as Compacted<T>;
}
