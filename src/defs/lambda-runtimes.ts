/**
 * What Lambda accepts in `Runtime`, `Handler` and `Environment.Variables`, checked before a deploy reaches AWS
 * (the simulator refuses the same inputs). The runtime list is the enum of the Lambda API model
 * (2015-03-31, shape `Runtime`); the two sets below follow the deprecation table of
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html#runtimes-deprecated.
 */
export const lambdaRuntimes: readonly string[] = [
  'nodejs',
  'nodejs4.3',
  'nodejs6.10',
  'nodejs8.10',
  'nodejs10.x',
  'nodejs12.x',
  'nodejs14.x',
  'nodejs16.x',
  'java8',
  'java8.al2',
  'java11',
  'python2.7',
  'python3.6',
  'python3.7',
  'python3.8',
  'python3.9',
  'dotnetcore1.0',
  'dotnetcore2.0',
  'dotnetcore2.1',
  'dotnetcore3.1',
  'dotnet6',
  'dotnet8',
  'nodejs4.3-edge',
  'go1.x',
  'ruby2.5',
  'ruby2.7',
  'provided',
  'provided.al2',
  'nodejs18.x',
  'python3.10',
  'java17',
  'ruby3.2',
  'ruby3.3',
  'ruby3.4',
  'python3.11',
  'nodejs20.x',
  'provided.al2023',
  'python3.12',
  'java21',
  'python3.13',
  'nodejs22.x',
  'nodejs24.x',
  'python3.14',
  'java25',
  'dotnet10',
  'ruby4.0',
];

/** Runtimes Lambda no longer lets anyone create or update a function with: a deploy would fail in AWS. */
export const retiredRuntimes: ReadonlySet<string> = new Set([
  'nodejs',
  'nodejs4.3',
  'nodejs4.3-edge',
  'nodejs6.10',
  'nodejs8.10',
  'nodejs10.x',
  'nodejs12.x',
  'nodejs14.x',
  'python2.7',
  'python3.6',
  'python3.7',
  'dotnetcore1.0',
  'dotnetcore2.0',
  'dotnetcore2.1',
  'dotnetcore3.1',
  'ruby2.5',
  'ruby2.7',
]);

/** Deprecated runtimes that still deploy for now: worth a warning, not a refusal. */
export const deprecatedRuntimes: ReadonlySet<string> = new Set([
  'nodejs16.x',
  'nodejs18.x',
  'python3.8',
  'python3.9',
  'java8',
  'go1.x',
  'provided',
  'dotnet6',
  'ruby3.2',
]);

/** The pattern of the model's `EnvironmentVariableName`: a letter, then at least one letter, digit or underscore. */
export const environmentVariableName = /^[a-zA-Z][a-zA-Z0-9_]+$/;

/** The model's `Handler` pattern: no whitespace. */
export const handlerPattern = /^\S+$/;

/**
 * Variables Lambda sets itself and refuses to let a function override
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime).
 */
export const reservedEnvironmentVariables: ReadonlySet<string> = new Set([
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_DEFAULT_REGION',
  'AWS_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
]);
