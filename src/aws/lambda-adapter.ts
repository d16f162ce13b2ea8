/**
 * LambdaPort over @aws-sdk/client-lambda. IAM actions used: lambda:GetFunction, lambda:CreateFunction,
 * lambda:UpdateFunctionCode, lambda:UpdateFunctionConfiguration, lambda:PublishVersion,
 * lambda:GetFunctionConfiguration, lambda:DeleteFunction, lambda:GetAlias, lambda:CreateAlias, lambda:UpdateAlias,
 * lambda:ListAliases, lambda:GetPolicy, lambda:AddPermission, lambda:RemovePermission,
 * lambda:ListEventSourceMappings, lambda:GetEventSourceMapping, lambda:CreateEventSourceMapping,
 * lambda:UpdateEventSourceMapping, lambda:DeleteEventSourceMapping, lambda:ListTags, lambda:TagResource, lambda:ListFunctions and lambda:UntagResource (status, poll)
 * (plus iam:PassRole for the execution role).
 */
import {
  AddPermissionCommand,
  CreateAliasCommand,
  CreateEventSourceMappingCommand,
  CreateFunctionCommand,
  DeleteEventSourceMappingCommand,
  DeleteFunctionCommand,
  GetAliasCommand,
  GetEventSourceMappingCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  GetPolicyCommand,
  ListAliasesCommand,
  ListEventSourceMappingsCommand,
  ListFunctionsCommand,
  ListTagsCommand,
  PublishVersionCommand,
  RemovePermissionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAliasCommand,
  UpdateEventSourceMappingCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  type CreateEventSourceMappingCommandInput,
  type CreateFunctionCommandInput,
  type EventSourceMappingConfiguration,
  type LambdaClient,
  type UpdateEventSourceMappingCommandInput,
  type UpdateFunctionCodeCommandInput,
  type UpdateFunctionConfigurationCommandInput,
} from '@aws-sdk/client-lambda';
import type {
  CreateEventSourceMappingRequest,
  CreateFunctionRequest,
  EventSourceMappingState,
  EventSourceMappingUpdate,
  UpdateFunctionCodeRequest,
  UpdateFunctionConfigurationRequest,
  LambdaAliasState,
  LambdaFunctionState,
  LambdaPort,
  LambdaVersionState,
  PermissionGrant,
  PermissionState,
} from '../deploy/ports/lambda-port.js';
import type { Tags } from '../deploy/ports/tagging-port.js';
import { callAws, isAwsError } from './call-aws.js';
import { sdkInput } from './sdk-input.js';
import { toAliasState, toFunctionState, toMappingState, toPermissions, toVersionState } from './lambda-mapping.js';

export class LambdaAdapter implements LambdaPort {
  constructor(private readonly lambda: LambdaClient) {}

  async describeFunction(functionName: string): Promise<LambdaFunctionState | null> {
    const output = await orNull(() => callAws('Lambda GetFunction', () => this.lambda.send(new GetFunctionCommand({ FunctionName: functionName }))));
    return output === null ? null : toFunctionState(output);
  }

  async createFunction(request: CreateFunctionRequest): Promise<LambdaFunctionState> {
    const input = sdkInput<CreateFunctionCommandInput>(request);
    const created = await callAws('Lambda CreateFunction', () => this.lambda.send(new CreateFunctionCommand(input)));
    return toFunctionState({ Configuration: created, Tags: request.Tags ?? {}, $metadata: created.$metadata });
  }

  async updateFunctionCode(request: UpdateFunctionCodeRequest): Promise<void> {
    const input = sdkInput<UpdateFunctionCodeCommandInput>(request);
    await callAws('Lambda UpdateFunctionCode', () => this.lambda.send(new UpdateFunctionCodeCommand(input)));
  }

  async updateFunctionConfiguration(request: UpdateFunctionConfigurationRequest): Promise<void> {
    const input = sdkInput<UpdateFunctionConfigurationCommandInput>(request);
    await callAws('Lambda UpdateFunctionConfiguration', () => this.lambda.send(new UpdateFunctionConfigurationCommand(input)));
  }

  async publishVersion(functionName: string, codeSha256: string, description: string): Promise<LambdaVersionState> {
    const output = await callAws('Lambda PublishVersion', () =>
      this.lambda.send(new PublishVersionCommand({ FunctionName: functionName, CodeSha256: codeSha256, Description: description })),
    );
    return toVersionState(output);
  }

  async describeVersion(functionName: string, version: string): Promise<LambdaVersionState | null> {
    const output = await orNull(() =>
      callAws('Lambda GetFunctionConfiguration', () =>
        this.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName, Qualifier: version })),
      ),
    );
    return output === null ? null : toVersionState(output);
  }

  async deleteVersion(functionName: string, version: string): Promise<void> {
    await callAws('Lambda DeleteFunction', () => this.lambda.send(new DeleteFunctionCommand({ FunctionName: functionName, Qualifier: version })));
  }

  async deleteFunction(functionName: string): Promise<void> {
    await callAws('Lambda DeleteFunction', () => this.lambda.send(new DeleteFunctionCommand({ FunctionName: functionName })));
  }

  async describeAlias(functionName: string, alias: string): Promise<LambdaAliasState | null> {
    const output = await orNull(() => callAws('Lambda GetAlias', () => this.lambda.send(new GetAliasCommand({ FunctionName: functionName, Name: alias }))));
    return output === null ? null : toAliasState(output);
  }

  async createAlias(functionName: string, alias: string, version: string): Promise<LambdaAliasState> {
    const output = await callAws('Lambda CreateAlias', () =>
      this.lambda.send(new CreateAliasCommand({ FunctionName: functionName, Name: alias, FunctionVersion: version })),
    );
    return toAliasState(output);
  }

  /** UpdateAlias always sends RoutingConfig: without it, Lambda keeps the current split. */
  async routeAlias(functionName: string, alias: string, version: string, additional: { version: string; weight: number } | null): Promise<LambdaAliasState> {
    const weights = additional === null ? {} : { [additional.version]: additional.weight };
    const output = await callAws('Lambda UpdateAlias', () =>
      this.lambda.send(
        new UpdateAliasCommand({ FunctionName: functionName, Name: alias, FunctionVersion: version, RoutingConfig: { AdditionalVersionWeights: weights } }),
      ),
    );
    return toAliasState(output);
  }

  async aliasesOfVersion(functionName: string, version: string | null): Promise<string[]> {
    const names: string[] = [];
    let marker: string | undefined;
    do {
      const input = { FunctionName: functionName, ...(version !== null ? { FunctionVersion: version } : {}), ...(marker ? { Marker: marker } : {}) };
      const page = await callAws('Lambda ListAliases', () => this.lambda.send(new ListAliasesCommand(input)));
      // Filtered here too: some implementations of the API ignore FunctionVersion and list every alias.
      const routing = (page.Aliases ?? []).filter(
        (alias) => version === null || alias.FunctionVersion === version || alias.RoutingConfig?.AdditionalVersionWeights?.[version] !== undefined,
      );
      names.push(...routing.map((alias) => alias.Name ?? ''));
      marker = page.NextMarker;
    } while (marker);
    return names;
  }

  async permissions(functionName: string, qualifier: string | null): Promise<PermissionState[]> {
    const input = { FunctionName: functionName, ...(qualifier !== null ? { Qualifier: qualifier } : {}) };
    const output = await orNull(() => callAws('Lambda GetPolicy', () => this.lambda.send(new GetPolicyCommand(input))));
    return toPermissions(output?.Policy);
  }

  async addPermission(functionName: string, qualifier: string | null, grant: PermissionGrant): Promise<void> {
    const input = {
      FunctionName: functionName,
      ...(qualifier !== null ? { Qualifier: qualifier } : {}),
      StatementId: grant.statementId,
      Principal: grant.principal,
      Action: grant.action,
      SourceArn: grant.sourceArn,
    };
    await callAws('Lambda AddPermission', () => this.lambda.send(new AddPermissionCommand(input)));
  }

  async removePermission(functionName: string, qualifier: string | null, statementId: string): Promise<void> {
    const input = { FunctionName: functionName, StatementId: statementId, ...(qualifier !== null ? { Qualifier: qualifier } : {}) };
    await callAws('Lambda RemovePermission', () => this.lambda.send(new RemovePermissionCommand(input)));
  }

  async eventSourceMappings(functionName: string): Promise<EventSourceMappingState[]> {
    const mappings: EventSourceMappingConfiguration[] = [];
    let marker: string | undefined;
    do {
      const input = { FunctionName: functionName, ...(marker ? { Marker: marker } : {}) };
      const page = await callAws('Lambda ListEventSourceMappings', () => this.lambda.send(new ListEventSourceMappingsCommand(input)));
      mappings.push(...(page.EventSourceMappings ?? []));
      marker = page.NextMarker;
    } while (marker);
    return Promise.all(mappings.map(async (mapping) => toMappingState(mapping, await this.mappingTags(mapping))));
  }

  async describeEventSourceMapping(uuid: string): Promise<EventSourceMappingState | null> {
    const output = await orNull(() => callAws('Lambda GetEventSourceMapping', () => this.lambda.send(new GetEventSourceMappingCommand({ UUID: uuid }))));
    return output === null ? null : toMappingState(output, {});
  }

  async createEventSourceMapping(request: CreateEventSourceMappingRequest): Promise<EventSourceMappingState> {
    const input = sdkInput<CreateEventSourceMappingCommandInput>(request);
    const output = await callAws('Lambda CreateEventSourceMapping', () => this.lambda.send(new CreateEventSourceMappingCommand(input)));
    return toMappingState(output, request.Tags);
  }

  async updateEventSourceMapping(uuid: string, update: EventSourceMappingUpdate): Promise<EventSourceMappingState> {
    const input = sdkInput<UpdateEventSourceMappingCommandInput>(update, { UUID: uuid });
    const output = await callAws('Lambda UpdateEventSourceMapping', () => this.lambda.send(new UpdateEventSourceMappingCommand(input)));
    return toMappingState(output, {});
  }

  async deleteEventSourceMapping(uuid: string): Promise<void> {
    await callAws('Lambda DeleteEventSourceMapping', () => this.lambda.send(new DeleteEventSourceMappingCommand({ UUID: uuid })));
  }

  async tagResource(resourceArn: string, tags: Tags): Promise<void> {
    await callAws('Lambda TagResource', () => this.lambda.send(new TagResourceCommand({ Resource: resourceArn, Tags: tags })));
  }

  /** ListFunctions, every page (50 per page, the most Lambda returns). */
  async listFunctionNames(): Promise<string[]> {
    const names: string[] = [];
    let marker: string | undefined;
    do {
      const token = marker;
      const output = await callAws('Lambda ListFunctions', () =>
        this.lambda.send(new ListFunctionsCommand({ MaxItems: 50, ...(token ? { Marker: token } : {}) })),
      );
      for (const fn of output.Functions ?? []) if (fn.FunctionName) names.push(fn.FunctionName);
      marker = output.NextMarker;
    } while (marker);
    return names;
  }

  async untagResource(resourceArn: string, tagKeys: readonly string[]): Promise<void> {
    if (tagKeys.length === 0) return;
    await callAws('Lambda UntagResource', () => this.lambda.send(new UntagResourceCommand({ Resource: resourceArn, TagKeys: [...tagKeys] })));
  }

  private async mappingTags(mapping: EventSourceMappingConfiguration): Promise<Tags> {
    const arn = mapping.EventSourceMappingArn;
    if (arn === undefined) return {};
    const output = await orNull(() => callAws('Lambda ListTags', () => this.lambda.send(new ListTagsCommand({ Resource: arn }))));
    return { ...(output?.Tags ?? {}) };
  }
}

/** The call's answer, or null when Lambda says the resource does not exist. */
async function orNull<T>(call: () => Promise<T>): Promise<T | null> {
  try {
    return await call();
  } catch (error) {
    if (isAwsError(error, 'ResourceNotFoundException')) return null;
    throw error;
  }
}
