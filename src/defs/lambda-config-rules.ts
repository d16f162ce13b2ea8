/**
 * Lambda rules for what CreateFunction and UpdateFunctionConfiguration refuse anyway: runtimes outside the
 * model's enum or retired, handlers with whitespace, environment variable names Lambda does not take.
 */
import { formatLocation } from '../errors.js';
import type { DefinitionKind } from '../units/suffixes.js';
import { suggest } from './did-you-mean.js';
import type { JsonSource } from './json-source.js';
import {
  deprecatedRuntimes,
  environmentVariableName,
  handlerPattern,
  lambdaRuntimes,
  reservedEnvironmentVariables,
  retiredRuntimes,
} from './lambda-runtimes.js';
import { finding, type LambdaRuleInput, type Rule, type RuleFinding } from './rule.js';
import { recordOf } from '../is-record.js';

type LambdaRule = Rule<LambdaRuleInput>;

const supported = () => lambdaRuntimes.filter((r) => !retiredRuntimes.has(r) && !deprecatedRuntimes.has(r));

export const knownRuntime: LambdaRule = {
  name: 'known-runtime',
  reads: [],
  check: ({ lambdadef }) => {
    const runtime = lambdadef.Runtime;
    if (runtime === undefined) return [];
    if (!lambdaRuntimes.includes(runtime)) {
      const close = suggest(runtime, supported());
      return [
        finding(
          'lambdadef',
          ['Runtime'],
          `'${runtime}' is not a Lambda runtime${close === undefined ? '' : ` (did you mean '${close}'?)`}`,
          `Use a supported runtime, such as ${supported().slice(-4).join(', ')}.`,
        ),
      ];
    }
    if (retiredRuntimes.has(runtime)) {
      return [
        finding(
          'lambdadef',
          ['Runtime'],
          `'${runtime}' is retired: Lambda no longer creates or updates functions with it`,
          'Move the function to a supported runtime (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html).',
        ),
      ];
    }
    return [];
  },
};

export const handlerWithoutSpaces: LambdaRule = {
  name: 'handler-without-spaces',
  reads: [],
  check: ({ lambdadef }) =>
    lambdadef.Handler === undefined || handlerPattern.test(lambdadef.Handler)
      ? []
      : [finding('lambdadef', ['Handler'], 'must not contain whitespace', 'For example "index.handler".')],
};

/** Names only: the values may be secrets rendered from Terraform outputs. */
export const environmentVariableNames: LambdaRule = {
  name: 'environment-variable-names',
  reads: [],
  check: ({ lambdadef }) => {
    const findings: RuleFinding[] = [];
    for (const name of Object.keys(lambdadef.Environment?.Variables ?? {})) {
      const path = ['Environment', 'Variables', name];
      if (!environmentVariableName.test(name)) {
        findings.push(
          finding(
            'lambdadef',
            path,
            'is not a name Lambda accepts: a letter, then at least one letter, digit or underscore',
            `Rename it, for example '${name.replace(/[^a-zA-Z0-9_]/g, '_').replace(/^[^a-zA-Z]*/, 'V')}${name.length < 2 ? '_1' : ''}'.`,
          ),
        );
      } else if (reservedEnvironmentVariables.has(name)) {
        findings.push(finding('lambdadef', path, 'is reserved: Lambda sets it itself and refuses to let a function override it', 'Use another name.'));
      }
    }
    return findings;
  },
};

export const lambdaConfigRules: readonly LambdaRule[] = [knownRuntime, handlerWithoutSpaces, environmentVariableNames];

/** A deprecated runtime deploys for now; say so once, at its line. */
export function deprecatedRuntimeWarning(file: { kind: DefinitionKind; source: JsonSource }): string | null {
  if (file.kind !== 'lambdadef') return null;
  const runtime = recordOf(file.source.value).Runtime;
  if (typeof runtime !== 'string' || !deprecatedRuntimes.has(runtime)) return null;
  return `${formatLocation(file.source.locate(['Runtime']))}: Runtime: '${runtime}' is deprecated; Lambda will stop creating and updating functions with it (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html)`;
}
