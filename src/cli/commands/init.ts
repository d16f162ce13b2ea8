import { access, mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { createRegionPorts, releaseRegionPorts } from '../../aws/region-ports.js';
import { findRepoRoot } from '../../git/git.js';
import { adoptionTags } from '../../init/adopt.js';
import type { LiveReads } from '../../diff/live-reads.js';
import { GitmoxiError } from '../../errors.js';
import { recordsOf } from '../../is-record.js';
import { ecsInitFiles } from '../../init/ecs-files.js';
import { lambdaInitFiles } from '../../init/lambda-files.js';
import { liftInputs } from '../../init/lift-inputs.js';
import type { CommandIo, GlobalOptions } from '../io.js';
import { liveReadsFor } from './diff.js';
import { suffixRules } from '../../units/suffixes.js';

export interface InitOptions {
  service?: string;
  function?: string;
  dir?: string;
  prefix?: string;
  inputs?: boolean;
  /** `s3://bucket/key` of a zip function's package: Lambda does not say where its code came from. */
  codeS3?: string;
  /** Blue/green target group pairs `ARN_A,ARN_B`, when no listener names both groups yet. */
  pair?: string[];
  /** Tag the resource as running the written files, so their first deploy is a no-op (the one AWS change init makes). */
  adopt?: boolean;
}

/** The suffix GitMoxi gives a file of this kind (src/units/suffixes.ts holds the table). */
function suffixOf(kind: string): string {
  const rule = suffixRules.find((r) => r.kind === kind);
  if (rule === undefined) throw new Error(`no suffix for a ${kind} file`);
  return rule.suffix;
}

/**
 * `gitmoxi init --service CLUSTER/NAME | --function NAME`: writes a unit's GitMoxi files from what runs
 * (docs/init.md). Reads AWS only, unless --adopt tags the resource; refuses to overwrite a file.
 */
export async function init(options: InitOptions, global: GlobalOptions, io: CommandIo): Promise<number> {
  if ((options.service === undefined) === (options.function === undefined)) {
    throw new GitmoxiError('E_USAGE', 'init needs exactly one of --service CLUSTER/NAME and --function NAME');
  }
  const region = global.region ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION;
  if (region === undefined) throw new GitmoxiError('E_USAGE', 'init needs a region: pass --region or set AWS_REGION');
  const reads = liveReadsFor(global)(region);
  try {
    const { name, files, platform, arn } =
      options.service !== undefined
        ? await serviceFiles(options.service, region, givenPairs(options.pair), reads)
        : await functionFiles(String(options.function), region, options, reads);
    const lifted = liftInputs(files, platform, options.inputs === true);
    const dir = resolve(io.cwd, options.dir ?? '.');
    const prefix = options.prefix ?? name;
    const outputs: [string, string][] = Object.entries(lifted.texts).map(([kind, text]) => [join(dir, `${prefix}${suffixOf(kind)}`), text]);
    if (options.inputs)
      outputs.push([join(dir, `${prefix}${suffixOf(platform === 'ecs' ? 'input' : 'lambdainput')}`), `${JSON.stringify(lifted.variables, null, 2)}\n`]);
    for (const [path] of outputs) {
      if (await exists(path))
        throw new GitmoxiError('E_USAGE', `${relative(io.cwd, path)} exists already: init does not overwrite files`, {
          hint: 'Pass another --dir or --prefix, or move the file away.',
        });
    }
    await mkdir(dir, { recursive: true });
    for (const [path, text] of outputs) await writeFile(path, text);
    if (options.adopt) {
      const unit = relative(await findRepoRoot(global.repo), join(dir, prefix))
        .split(sep)
        .join('/');
      const ports = createRegionPorts(connectionOf(global, region));
      const tags = adoptionTags(unit, files);
      if (platform === 'ecs') await ports.ecs.tagResource(arn, tags);
      else await ports.lambda.tagResource(arn, tags);
    }
    const written = outputs.map(([path]) => relative(io.cwd, path) || path);
    if (global.json) io.stdout.write(`${JSON.stringify({ schemaVersion: 1, unit: relative(io.cwd, join(dir, prefix)), files: written })}\n`);
    else io.stdout.write(`wrote ${written.join(', ')}\ncommit them, then \`gitmoxi diff\` should show no difference\n`);
    return 0;
  } finally {
    releaseRegionPorts();
  }
}

function givenPairs(values: readonly string[] | undefined): [string, string][] {
  return (values ?? []).map((value) => {
    const [a, b, ...rest] = value.split(',').map((part) => part.trim());
    if (!a || !b || rest.length > 0) throw new GitmoxiError('E_USAGE', `--pair must be TARGET_GROUP_ARN_A,TARGET_GROUP_ARN_B, got ${value}`);
    return [a, b];
  });
}

async function serviceFiles(reference: string, region: string, given: [string, string][], reads: LiveReads) {
  const [cluster, serviceName] = reference.includes('/')
    ? [reference.slice(0, reference.lastIndexOf('/')), reference.slice(reference.lastIndexOf('/') + 1)]
    : ['default', reference];
  const service = await reads.service(cluster, serviceName);
  if (service === null)
    throw new GitmoxiError('E_UNIT_NOT_FOUND', `no ACTIVE service ${serviceName} in cluster ${cluster} (${region})`, {
      hint: 'Check --service CLUSTER/NAME and --region.',
    });
  const primary = recordsOf(service.taskSets).find((set) => set.status === 'PRIMARY');
  const arn = String(primary?.taskDefinition ?? service.taskDefinition ?? '');
  const taskDefinition = await reads.taskDefinition(arn);
  if (taskDefinition === null) throw new GitmoxiError('E_UNIT_NOT_FOUND', `service ${serviceName} runs task definition ${arn}, which cannot be described`);
  const pairs = primary === undefined ? [] : await partnerPairs(primary, given, reads);
  const files = ecsInitFiles({ region, service, taskDefinition, targetGroupPairs: pairs });
  return {
    name: serviceName,
    platform: 'ecs' as const,
    arn: String(service.serviceArn),
    files: { svcdef: files.svcdef, taskdef: files.taskdef, depdef: files.depdef },
  };
}

/** The partner of each live target group: the other group a listener or rule forwarding to it names. */
async function partnerPairs(primary: Record<string, unknown>, given: [string, string][], reads: LiveReads): Promise<[string, string][]> {
  const groups = recordsOf(primary.loadBalancers).flatMap((lb) =>
    typeof lb.targetGroupArn === 'string' && lb.targetGroupArn !== '' ? [lb.targetGroupArn] : [],
  );
  const routes = await reads.routes(groups);
  return groups.map((group) => {
    const named = given.find((pair) => pair.includes(group));
    if (named !== undefined) return named;
    const partner = routes
      .filter((route) => route.weights.some((w) => w.targetGroupArn === group))
      .flatMap((route) => route.weights.map((w) => w.targetGroupArn))
      .find((arn) => arn !== group);
    if (partner === undefined) {
      throw new GitmoxiError('E_UNIT_NOT_FOUND', `no listener or rule names a partner of target group ${group}: blue/green needs a pair`, {
        hint: 'Name the pair with --pair BLUE_ARN,GREEN_ARN (or add the second group to the listener with weight 0).',
      });
    }
    return [group, partner];
  });
}

async function functionFiles(functionName: string, region: string, options: InitOptions, reads: LiveReads) {
  const fn = await reads.lambdaFunction(functionName);
  if (fn === null) throw new GitmoxiError('E_UNIT_NOT_FOUND', `no function ${functionName} in ${region}`, { hint: 'Check --function and --region.' });
  const code = codeReference(options.codeS3);
  if (code === null && fn.imageUri === undefined) {
    throw new GitmoxiError('E_USAGE', `function ${functionName} runs a .zip package, and Lambda does not say where it came from`, {
      hint: 'Pass --code-s3 s3://BUCKET/KEY naming the package gitmoxi should deploy.',
    });
  }
  const aliases = await aliasesOf(functionName, reads);
  const alias = aliases === null ? null : await reads.alias(functionName, aliases);
  const mappings = await reads.eventSourceMappings(functionName);
  const files = lambdaInitFiles({ region, fn, alias, mappings, code });
  return {
    name: functionName,
    platform: 'lambda' as const,
    arn: fn.functionArn,
    files: { lambdadef: files.lambdadef, lambdadepdef: files.lambdadepdef, eventsourcedef: files.eventsourcedef },
  };
}

/** The alias gitmoxi would shift: the only one, else `live` by convention; with several others none is guessed. */
async function aliasesOf(functionName: string, reads: LiveReads): Promise<string | null> {
  const names = await reads.aliasNames(functionName);
  const [only] = names;
  if (names.length === 1 && only !== undefined) return only;
  return names.includes('live') ? 'live' : null;
}

function codeReference(value: string | undefined): { S3Bucket: string; S3Key: string } | null {
  if (value === undefined) return null;
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(value);
  if (!match) throw new GitmoxiError('E_USAGE', `--code-s3 must be s3://BUCKET/KEY, got ${value}`);
  const [, bucket, key] = match;
  if (bucket === undefined || key === undefined) throw new GitmoxiError('E_USAGE', `--code-s3 must be s3://BUCKET/KEY, got ${value}`);
  return { S3Bucket: bucket, S3Key: key };
}

function connectionOf(global: GlobalOptions, region: string) {
  return { region, ...(global.profile ? { profile: global.profile } : {}), ...(global.endpointUrl ? { endpointUrl: global.endpointUrl } : {}) };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
