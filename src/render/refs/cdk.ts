/**
 * ref.type CDK: the file `cdk deploy --outputs-file` writes, `{StackName: {OutputKey: "value"}}`. Each stack is
 * a variable with one attribute per output (`{{ NetworkStack.VpcId }}`).
 *
 * Extension: CloudFormation outputs are always strings, so a list or map has to be exported as JSON text; an
 * output whose text is a JSON array or object is decoded (`{{ NetworkStack.SubnetIds | tojson }}` then prints
 * the list). Any other string, including one that merely starts with `[`, stays as written. Printed as a whole
 * (`{{ NetworkStack.SubnetIds }}`), a decoded output still shows its text, as under GitMoxi, which does not decode.
 */
import { parseJsonSource, type JsonSource } from '../../defs/json-source.js';
import { GitmoxiError } from '../../errors.js';
import { rememberJsonText, setEntry, templateValueOf, writtenKeys } from '../template-json.js';
import { isPlainObject, kindOf, refTypeError, type RefVariables } from './ref-variables.js';

export function readCdkRef(source: JsonSource): RefVariables {
  const root = templateValueOf(source);
  if (!isPlainObject(root)) throw refTypeError(source, [], 'CDK', `expected {"StackName": {"OutputKey": "value"}}, got ${kindOf(root)}`);
  const variables: Record<string, unknown> = {};
  for (const stack of writtenKeys(root)) {
    const outputs = root[stack];
    if (!isPlainObject(outputs)) throw refTypeError(source, [stack], 'CDK', `stack '${stack}' must be an object of outputs, got ${kindOf(outputs)}`);
    const decoded: Record<string, unknown> = {};
    for (const key of writtenKeys(outputs)) {
      const output = outputs[key];
      if (typeof output !== 'string') {
        const message = `output '${key}' of stack '${stack}' is ${kindOf(output)}, but CDK outputs are strings (is this a TERRAFORM file?)`;
        throw refTypeError(source, [stack, key], 'CDK', message);
      }
      setEntry(decoded, key, decodeJsonText(output, source.file), false);
    }
    setEntry(variables, stack, decoded, false);
  }
  return { variables, sensitiveValues: [] };
}

/** A JSON array or object written as a string becomes that value; anything else stays the string it is. */
function decodeJsonText(text: string, file: string): unknown {
  const start = text.trimStart().charAt(0);
  if (start !== '[' && start !== '{') return text;
  try {
    const decoded = templateValueOf(parseJsonSource(text, file));
    if (typeof decoded === 'object' && decoded !== null) rememberJsonText(decoded, text);
    return decoded;
  } catch (error) {
    if (error instanceof GitmoxiError) return text;
    throw error;
  }
}
