/** Lambda rules (run by rules.ts): what a lambdadef, lambdadepdef and event source file must agree on. */
import { standardLambdaLimits, type Lambdadef } from './lambdadef-schema.js';
import { lambdaConfigRules } from './lambda-config-rules.js';
import { finding, type LambdaRuleInput, type Rule, type RuleFinding } from './rule.js';

type LambdaRule = Rule<LambdaRuleInput>;

function isImage(lambdadef: Lambdadef): boolean {
  return lambdadef.PackageType === 'Image';
}

export const runtimeAndHandler: LambdaRule = {
  name: 'runtime-and-handler',
  reads: [],
  check: ({ lambdadef }) => {
    if (isImage(lambdadef)) return [];
    return (['Runtime', 'Handler'] as const).flatMap((field) =>
      lambdadef[field] !== undefined
        ? []
        : [
            finding(
              'lambdadef',
              [field],
              'is required for a .zip package',
              `Set ${field}, or "PackageType": "Image" with Code.ImageUri for a container image.`,
            ),
          ],
    );
  },
};

/** The code sources a Code object names: S3 (bucket and key together), an image, or a zip/folder in the repository. */
function codeSources(code: Lambdadef['Code']): string[] {
  const sources: string[] = [];
  if (code.S3Bucket !== undefined || code.S3Key !== undefined) sources.push('S3Bucket/S3Key');
  if (code.ImageUri !== undefined) sources.push('ImageUri');
  if (code.ZipFile !== undefined) sources.push('ZipFile');
  return sources;
}

export const oneCodeSource: LambdaRule = {
  name: 'one-code-source',
  reads: [],
  check: ({ lambdadef }) => {
    const { Code: code } = lambdadef;
    const sources = codeSources(code);
    if (sources.length === 0) {
      return [finding('lambdadef', ['Code'], 'names no code: give S3Bucket and S3Key, ImageUri, or ZipFile')];
    }
    if (sources.length > 1) return [finding('lambdadef', ['Code'], `names more than one code source (${sources.join(', ')}): keep one`)];
    const missing = code.S3Bucket === undefined ? 'S3Bucket' : code.S3Key === undefined ? 'S3Key' : undefined;
    if (sources[0] === 'S3Bucket/S3Key' && missing !== undefined) {
      return [finding('lambdadef', ['Code', missing], 'is required: S3Bucket and S3Key go together')];
    }
    return [];
  },
};

export const imageNeedsPackageType: LambdaRule = {
  name: 'image-needs-package-type',
  reads: [],
  check: ({ lambdadef }) => {
    const hasImage = lambdadef.Code.ImageUri !== undefined;
    if (hasImage && !isImage(lambdadef)) {
      return [finding('lambdadef', ['Code', 'ImageUri'], 'needs "PackageType": "Image" (the default package type is Zip)')];
    }
    if (!hasImage && isImage(lambdadef)) {
      return [finding('lambdadef', ['PackageType'], 'is Image, but Code has no ImageUri', 'Set Code.ImageUri to the image in ECR.')];
    }
    return [];
  },
};

export const standardLimits: LambdaRule = {
  name: 'standard-limits',
  reads: [],
  check: ({ lambdadef }) => {
    if (lambdadef.CapacityProviderConfig !== undefined) return [];
    const findings: RuleFinding[] = [];
    const hint = 'Higher limits need Lambda Managed Instances (CapacityProviderConfig).';
    const { MemorySize: memory, Timeout: timeout } = lambdadef;
    if (memory !== undefined && memory > standardLambdaLimits.memorySize) {
      findings.push(finding('lambdadef', ['MemorySize'], `must be at most ${standardLambdaLimits.memorySize}, got ${memory}`, hint));
    }
    if (timeout !== undefined && timeout > standardLambdaLimits.timeout) {
      findings.push(finding('lambdadef', ['Timeout'], `must be at most ${standardLambdaLimits.timeout}, got ${timeout}`, hint));
    }
    return findings;
  },
};

export const pushSourcesNeedAlias: LambdaRule = {
  name: 'push-sources-need-alias',
  reads: ['lambdadepdef', 'eventsourcedef'],
  check: ({ depdef, eventSources }) =>
    (eventSources?.PushEventSources?.length ?? 0) === 0 || depdef !== undefined
      ? []
      : [
          finding(
            'eventsourcedef',
            ['PushEventSources'],
            'invoke the function through its alias, but the unit has no _lambdadepdef.json naming one',
            'Add a _lambdadepdef.json with "alias", for example {"alias": "live"}.',
          ),
        ],
};

/** `name`, `name:qualifier`, or an ARN ending in `:function:name[:qualifier]` → name. */
export function functionNameOf(reference: string): string {
  const afterFunction = reference.includes(':function:') ? reference.slice(reference.indexOf(':function:') + 10) : reference;
  return afterFunction.split(':')[0] ?? afterFunction;
}

export const mappingNamesTheFunction: LambdaRule = {
  name: 'mapping-names-the-function',
  reads: ['eventsourcedef'],
  check: ({ lambdadef, eventSources }) => {
    const named = eventSources?.PullEventSources?.EventSourceMapping.FunctionName;
    if (named === undefined || functionNameOf(named) === lambdadef.FunctionName) return [];
    const path = ['PullEventSources', 'EventSourceMapping', 'FunctionName'];
    return [
      finding(
        'eventsourcedef',
        path,
        `names '${named}', but the unit's function is '${lambdadef.FunctionName}'`,
        "Remove FunctionName (gitmoxi maps the unit's function and alias), or name the same function.",
      ),
    ];
  },
};

export const lambdaRules: readonly LambdaRule[] = [
  runtimeAndHandler,
  oneCodeSource,
  imageNeedsPackageType,
  standardLimits,
  pushSourcesNeedAlias,
  mappingNamesTheFunction,
  ...lambdaConfigRules,
];
