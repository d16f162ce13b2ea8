/**
 * Aliases: named pointers to a version, optionally splitting traffic with one additional version
 * (weighted aliases, https://docs.aws.amazon.com/lambda/latest/dg/configuring-alias-routing.html).
 * Giving a version traffic is what the world hears about (`trafficReached`), so alarm faults can fire.
 */
import type {
  AliasConfiguration,
  AliasRoutingConfiguration,
  CreateAliasRequest,
  DeleteAliasRequest,
  FunctionConfiguration,
  GetAliasRequest,
  ListAliasesRequest,
  ListAliasesResponse,
  UpdateAliasRequest,
} from '@aws-sdk/client-lambda';
import { functionNotFound, invalidParameter, resourceConflict, resourceNotFound, validationError } from './errors.js';
import { checkRevision, newRevisionId, requireFunction, versionOf } from './lookup.js';
import type { AliasRecord, FunctionRecord, LambdaModel } from './model.js';
import { LATEST, parseFunctionName } from './names.js';
import { paginate } from './pagination.js';

const aliasNamePattern = /^(?!^[0-9]+$)[a-zA-Z0-9_-]{1,128}$/;

export function createAlias(model: LambdaModel, input: CreateAliasRequest): AliasConfiguration {
  const fn = requireFunction(model, parseFunctionName(input.FunctionName).name);
  const name = validAliasName(input.Name);
  const arn = model.functionArn(fn.name, name);
  if (fn.aliases.has(name)) throw resourceConflict(`Alias already exists: ${arn}`);
  const primary = requireVersion(model, fn, input.FunctionVersion);
  const routing = validRouting(model, fn, primary, input.RoutingConfig);
  const config: AliasConfiguration = {
    AliasArn: arn,
    Name: name,
    FunctionVersion: primary,
    Description: input.Description ?? '',
    RevisionId: newRevisionId(),
  };
  if (routing !== undefined) config.RoutingConfig = routing;
  fn.aliases.set(name, { config, policy: [] });
  reportTraffic(model, fn, new Map(), config);
  return structuredClone(config);
}

export function updateAlias(model: LambdaModel, input: UpdateAliasRequest): AliasConfiguration {
  const fn = requireFunction(model, parseFunctionName(input.FunctionName).name);
  const alias = requireAlias(model, fn, input.Name);
  checkRevision(input.RevisionId, alias.config.RevisionId);
  const primary = input.FunctionVersion === undefined ? (alias.config.FunctionVersion ?? LATEST) : requireVersion(model, fn, input.FunctionVersion);
  // An update without RoutingConfig keeps the current split, which must still be valid for the new primary.
  const routing = validRouting(model, fn, primary, input.RoutingConfig ?? alias.config.RoutingConfig);
  const before = weightsOf(alias.config);
  alias.config.FunctionVersion = primary;
  if (input.Description !== undefined) alias.config.Description = input.Description;
  if (routing === undefined) delete alias.config.RoutingConfig;
  else alias.config.RoutingConfig = routing;
  alias.config.RevisionId = newRevisionId();
  reportTraffic(model, fn, before, alias.config);
  return structuredClone(alias.config);
}

export function getAlias(model: LambdaModel, input: GetAliasRequest): AliasConfiguration {
  const fn = requireFunction(model, parseFunctionName(input.FunctionName).name);
  return structuredClone(requireAlias(model, fn, input.Name).config);
}

/** Deleting an alias that does not exist succeeds: DeleteAlias does not list ResourceNotFoundException. */
export function deleteAlias(model: LambdaModel, input: DeleteAliasRequest): void {
  const fn = model.functions.get(parseFunctionName(input.FunctionName).name);
  if (input.Name !== undefined) fn?.aliases.delete(input.Name);
}

export function listAliases(model: LambdaModel, input: ListAliasesRequest): ListAliasesResponse {
  const fn = requireFunction(model, parseFunctionName(input.FunctionName).name);
  const version = input.FunctionVersion;
  const aliases = [...fn.aliases.values()]
    .map((alias) => alias.config)
    .filter((config) => version === undefined || weightsOf(config).has(version))
    .sort((a, b) => (a.Name ?? '').localeCompare(b.Name ?? ''));
  const page = paginate(aliases, (config) => config.Name ?? '', input, 50);
  const response: ListAliasesResponse = { Aliases: page.items.map((config) => structuredClone(config)) };
  if (page.nextMarker !== undefined) response.NextMarker = page.nextMarker;
  return response;
}

/** Names of the aliases that route to `version`, as its primary version or its additional one. */
export function aliasesReferencing(fn: FunctionRecord, version: string): string[] {
  return [...fn.aliases.values()].filter((alias) => weightsOf(alias.config).has(version)).map((alias) => alias.config.Name ?? '');
}

function requireAlias(model: LambdaModel, fn: FunctionRecord, name: string | undefined): AliasRecord {
  const alias = name === undefined ? undefined : fn.aliases.get(name);
  if (alias === undefined) throw resourceNotFound(`Alias not found: ${model.functionArn(fn.name, name ?? '')}`);
  return alias;
}

function validAliasName(name: string | undefined): string {
  if (name === undefined) throw validationError('name', 'null', 'Member must not be null');
  if (!aliasNamePattern.test(name)) {
    throw validationError('name', name, 'Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)');
  }
  return name;
}

/** An alias points at $LATEST or at a published version that exists. */
function requireVersion(model: LambdaModel, fn: FunctionRecord, version: string | undefined): string {
  if (version === undefined) throw validationError('functionVersion', 'null', 'Member must not be null');
  if (versionOf(fn, version) === undefined) throw functionNotFound(model.functionArn(fn.name, version));
  return version;
}

/**
 * Lambda's rules for AdditionalVersionWeights: at most one additional version, a published version number
 * (never $LATEST) other than the primary one, that exists, with a weight between 0.0 and 1.0.
 */
function validRouting(
  model: LambdaModel,
  fn: FunctionRecord,
  primary: string,
  routing: AliasRoutingConfiguration | undefined,
): AliasRoutingConfiguration | undefined {
  const entries = Object.entries(routing?.AdditionalVersionWeights ?? {});
  const [entry, ...more] = entries;
  if (entry === undefined) return undefined;
  if (more.length > 0) {
    throw invalidParameter(
      `Number of items in AdditionalVersionWeights must be at most 1, but was ${entries.length}. An alias can point to a maximum of two function versions.`,
    );
  }
  const [version, weight] = entry;
  const shown = `{${version}=${String(weight)}}`;
  const member = 'routingConfig.additionalVersionWeights';
  if (!/^[0-9]+$/.test(version)) {
    throw validationError(member, shown, 'Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [0-9]+]');
  }
  if (typeof weight !== 'number' || !(weight >= 0 && weight <= 1)) {
    throw validationError(
      member,
      shown,
      'Map value must satisfy constraint: [Member must have value less than or equal to 1.0, Member must have value greater than or equal to 0.0]',
    );
  }
  if (primary === LATEST) throw invalidParameter('$LATEST is not supported for an alias pointing to more than 1 version');
  if (version === primary) {
    throw invalidParameter(`Invalid function version ${version}. Function version ${version} is already included in routing configuration.`);
  }
  const additional = fn.versions.get(version);
  if (!additional) throw functionNotFound(model.functionArn(fn.name, version));
  sameRoleAndDeadLetters(versionOf(fn, primary)?.config, additional.config);
  return { AdditionalVersionWeights: { [version]: weight } };
}

/**
 * Weighted aliases split one invocation stream between two versions, so Lambda requires them to run as the
 * same role and send failures to the same dead-letter target
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuring-alias-routing.html).
 */
function sameRoleAndDeadLetters(primary: FunctionConfiguration | undefined, additional: FunctionConfiguration): void {
  if (primary === undefined) return;
  if (primary.Role !== additional.Role) throw invalidParameter('Specified versions must be associated with the same execution role');
  if ((primary.DeadLetterConfig?.TargetArn ?? '') !== (additional.DeadLetterConfig?.TargetArn ?? '')) {
    throw invalidParameter('Specified versions must be associated with the same dead-letter queue configuration');
  }
}

/** Share of the alias's traffic per version: the additional weights, and the rest to the primary version. */
function weightsOf(config: AliasConfiguration): Map<string, number> {
  const weights = new Map<string, number>();
  let additional = 0;
  for (const [version, weight] of Object.entries(config.RoutingConfig?.AdditionalVersionWeights ?? {})) {
    weights.set(version, weight);
    additional += weight;
  }
  if (config.FunctionVersion !== undefined) weights.set(config.FunctionVersion, Math.max(0, 1 - additional));
  return weights;
}

/** Tells the world about each version that this change gave traffic it did not have through this alias. */
function reportTraffic(model: LambdaModel, fn: FunctionRecord, before: Map<string, number>, after: AliasConfiguration): void {
  for (const [version, weight] of weightsOf(after)) {
    if (weight > 0 && !((before.get(version) ?? 0) > 0)) {
      model.world.trafficReached({ account: model.account, region: model.region, functionName: fn.name, version });
    }
  }
}
