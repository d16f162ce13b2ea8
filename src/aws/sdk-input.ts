/**
 * A definition file's body as the SDK input it is. The schemas in src/defs type the members gitmoxi reads and let
 * the rest of the AWS model through as the file wrote them (`unknown` to the compiler); AWS validates those on the
 * call, as it would for the AWS CLI. What gitmoxi adds or changes goes in `set`, typed by the SDK; this is the one
 * place where the rest of a body is taken for the SDK's input type.
 */
export function sdkInput<T extends object>(body: object, set: Partial<T> = {}): T {
  return { ...body, ...set } as T;
}
