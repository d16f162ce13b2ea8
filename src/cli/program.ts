/**
 * The command-line surface: commands, flags and help. Each action lazily imports its command so that
 * `gitmoxi --version` and `--help` load nothing but commander.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { GitmoxiError } from '../errors.js';
import { helpFooter } from './help-text.js';
import type { CommandIo, GlobalOptions } from './io.js';

export interface ProgramResult {
  exitCode: number;
}

export function buildProgram(io: CommandIo, version: string, result: ProgramResult): Command {
  const program = new Command('gitmoxi')
    .description('GitOps deployments for Amazon ECS (Fargate) and AWS Lambda, from CI.')
    .version(version, '-V, --version')
    .option('--repo <dir>', 'the git repository (default: the current directory)')
    .option('--region <region>', 'AWS region for units whose depdef names none (default: AWS_REGION)')
    .option('--profile <name>', 'AWS shared-config profile')
    .option('--endpoint-url <url>', 'send AWS calls here (the gitmoxi simulator, LocalStack)')
    .option('--json', 'machine-readable output on stdout')
    .option('--no-color', 'no colours (also: NO_COLOR=1)')
    .option('--verbose', 'more detail, including AWS request ids')
    .option('--config <path>', 'read settings from this file (JSON, YAML, or a .js/.mjs module); also GITMOXI_CONFIG')
    .option('--allow-repo-endpoint', "let the repository's configuration file set endpointUrl and profile")
    .showHelpAfterError()
    // A command's --help lists the options every command takes, too (--endpoint-url, --json, --repo…).
    .configureHelp({ showGlobalOptions: true })
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  // Loaded before the action reads its options: configuration files may set some of them (concurrency, report…).
  let loaded: Promise<GlobalOptions> | undefined;
  program.hook('preAction', async (_program, actionCommand) => {
    const { globalOptions } = await import('./global-options.js');
    loaded = globalOptions(actionCommand, io);
    await loaded;
  });
  const globals = async (_command: Command): Promise<GlobalOptions> => {
    if (loaded === undefined) throw new Error('global options read before the preAction hook');
    return loaded;
  };
  const run =
    (action: (command: Command) => Promise<number>) =>
    async (...args: unknown[]) => {
      // commander passes the command itself last.
      const command = args.at(-1);
      if (!(command instanceof Command)) throw new Error('an action ran without its command');
      result.exitCode = await action(command);
    };

  program
    .command('plan')
    .description('dry run: the affected units, what a deploy would do, and the diff of the rendered definitions')
    .option('--from <rev>', 'the deployed commit (default: from the CI environment; none = everything is new)')
    .option('--to <rev>', 'the commit to deploy (default: from the CI environment, else HEAD)')
    .option('--unit <prefix...>', 'only these units')
    .option('--force', 'include the selected units (or every unit) even if nothing changed')
    .option('--working-tree', 'plan the checkout as it is, uncommitted edits included, against HEAD (or --from)')
    .action(
      run(async (command) => {
        const { plan } = await import('./commands/plan.js');
        return plan(command.opts(), await globals(command), io);
      }),
    );

  deployRunOptions(program.command('deploy').description('plan, then deploy every affected unit; the exit code tells CI what happened'))
    .addOption(
      new Option('--busy-timeout <seconds>', 'how long to wait for another run that is deploying a unit before reporting it busy (0: do not wait)')
        .default(900)
        .argParser(wholeNumber),
    )
    .addOption(notifyOption())
    .option('--verify', 'first check each unit against its account (gitmoxi verify); on a problem exit 2, nothing changed')
    .action(
      run(async (command) => {
        const { deploy } = await import('./commands/deploy.js');
        return deploy(command.opts(), await globals(command), io);
      }),
    );

  deployRunOptions(
    program
      .command('rehearse')
      .description("deploy's plan against a simulator seeded from the definitions, with a scenario's faults, on simulated time: nothing reaches AWS"),
  )
    .option('--scenario <file>', 'faults to inject, and infrastructure to seed beside what the definitions name (JSON or YAML)')
    .action(
      run(async (command) => {
        const { rehearse } = await import('./commands/rehearse.js');
        const typed = command.optsWithGlobals<{ profile?: string; endpointUrl?: string }>();
        const awsFlags = [...(typed.profile !== undefined ? ['--profile'] : []), ...(typed.endpointUrl !== undefined ? ['--endpoint-url'] : [])];
        return rehearse({ ...command.opts(), awsFlags }, await globals(command), io);
      }),
    );

  program
    .command('render')
    .description("print one unit's rendered definitions at a commit")
    .argument('<unit>', 'the unit prefix, e.g. apps/web/web (a file path of the unit is accepted too)')
    .option('--at <rev>', 'the commit to render', 'HEAD')
    .option('--working-tree', 'render the checkout as it is, uncommitted edits included (instead of --at)')
    .action(
      run(async (command) => {
        const { render } = await import('./commands/render.js');
        return render(String(command.args[0]), command.opts(), await globals(command), io);
      }),
    );

  program
    .command('status')
    .description('what runs for each unit and whether it is in sync with the commit (default HEAD)')
    .argument('[unit...]', 'only these units (default: every unit, and orphans)')
    .option('--at <rev>', 'the commit whose definitions are the wanted state', 'HEAD')
    .option('--exit-code', 'exit 1 when a unit is OutOfSync, Missing or Drifted (for CI gates)')
    .option('--no-orphans', 'do not look for resources of units that are no longer defined')
    .option('--deep', 'also compare Synced units with what runs (as gitmoxi diff does): a hand change shows as Drifted')
    .action(
      run(async (command) => {
        const { status } = await import('./commands/status.js');
        return status(command.args.map(String), command.opts(), await globals(command), io);
      }),
    );

  program
    .command('diff')
    .description("each unit's rendered definitions against what runs in AWS (service, task definition, weights; function, code, alias, event sources)")
    .argument('[unit...]', 'only these units (default: every unit)')
    .option('--at <rev>', 'the commit whose definitions are compared', 'HEAD')
    .option('--exit-code', 'exit 1 when a unit differs from what runs or is not deployed')
    .action(
      run(async (command) => {
        const { diff } = await import('./commands/diff.js');
        return diff(command.args.map(String), command.opts(), await globals(command), io);
      }),
    );

  program
    .command('init')
    .description("write a unit's GitMoxi files from a live ECS service or Lambda function")
    .option('--service <cluster/name>', 'the ECS service to adopt')
    .option('--function <name>', 'the Lambda function to adopt')
    .option('--dir <path>', 'where to write the files', '.')
    .option('--prefix <name>', "the unit's file prefix (default: the service or function name)")
    .option('--inputs', 'lift subnets, security groups, role and target group ARNs into an input file')
    .option('--code-s3 <s3://bucket/key>', 'Lambda .zip functions: the package gitmoxi should deploy')
    .option('--pair <arnA,arnB...>', 'blue/green: a target group pair, when no listener names both groups yet')
    .option('--adopt', 'tag the service or function as running the written files, so their first deploy is a no-op')
    .action(
      run(async (command) => {
        const { init } = await import('./commands/init.js');
        return init(command.opts(), await globals(command), io);
      }),
    );

  program
    .command('verify')
    .description('read-only pre-flight: does the account have what each unit needs (cluster, target groups, log groups, roles, images, alarms)')
    .argument('[unit...]', 'only these units (default: every unit)')
    .option('--at <rev>', 'the commit whose definitions are checked', 'HEAD')
    .action(
      run(async (command) => {
        const { verify } = await import('./commands/verify.js');
        return verify(command.args.map(String), command.opts(), await globals(command), io);
      }),
    );

  program
    .command('poll')
    .description('for cron: fetch the branch and deploy the units whose live resources differ from its tip')
    .option('--branch <name>', 'the branch to deploy from (default: the checked-out branch)')
    .option('--remote <name>', 'the remote to fetch from', 'origin')
    .addOption(new Option('--concurrency <n>', 'units deployed at once').default(4).argParser(positiveInteger))
    .option('--retry-failed', 'deploy units again whose deployment at their current change failed')
    .option('--atomic', 'deploy nothing when any unit at the tip is invalid (default: deploy the valid units, exit 2)')
    .addOption(new Option('--watch <seconds>', 'repeat every SECONDS (with jitter) until interrupted').argParser(positiveNumber))
    .option('--report <file>', 'write a JSON report of every deployed unit to this file')
    .addOption(notifyOption())
    .action(
      run(async (command) => {
        const { poll } = await import('./commands/poll.js');
        return poll(command.opts(), await globals(command), io);
      }),
    );

  program
    .command('rollback')
    .description('operator rollback: revert a deployment in flight, else go back to the previous revision or version; then pin the unit')
    .argument('<unit>', 'the unit prefix, e.g. apps/web/web')
    .addOption(new Option('--to-revision <n>', 'ECS: go back to this task definition revision of the family').argParser(positiveInteger).conflicts('toVersion'))
    .addOption(new Option('--to-version <n>', 'Lambda: point the alias at this published version').argParser(positiveInteger))
    .option('--yes', 'do not ask for confirmation (required when stdin is not a terminal)')
    .option('--unpin', 'release the pin of an earlier rollback instead: poll deploys the unit again')
    .addOption(new Option('--timeout <seconds>', 'time allowed for the restored revision to become stable').default(600).argParser(positiveInteger))
    .addOption(notifyOption())
    .action(
      run(async (command) => {
        const { rollback } = await import('./commands/rollback.js');
        return rollback(String(command.args[0]), command.opts(), await globals(command), io);
      }),
    );

  program
    .command('sim')
    .description('start the built-in AWS simulator (ECS, ELBv2, Lambda, CloudWatch, STS)')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .addOption(new Option('--port <port>', 'port to listen on').default(4566).argParser(portNumber))
    .addOption(new Option('--time-scale <n>', 'run the clock N times faster than real time').default(1).argParser(positiveNumber))
    .addOption(
      new Option('--clock <mode>', 'scaled, or virtual: time jumps once every registered gitmoxi process waits')
        .choices(['scaled', 'virtual'])
        .default('scaled'),
    )
    .option('--scenario <file>', 'seed infrastructure and faults from this JSON or YAML file')
    .action(
      run(async (command) => {
        const { sim } = await import('./commands/sim.js');
        return sim(command.opts(), await globals(command), io);
      }),
    );

  program
    .command('demo')
    .description('the deploy job end to end on the built-in AWS simulator: no AWS account needed')
    .addOption(new Option('--time-scale <n>', 'how much faster than real time the simulated AWS runs').default(100).argParser(positiveNumber))
    .option('--keep', 'keep the temporary git repository')
    .action(
      run(async (command) => {
        const { demo } = await import('./commands/demo.js');
        return demo(command.opts(), await globals(command), io);
      }),
    );

  program
    .command('completion')
    .description('print a shell completion script (bash, zsh or fish)')
    .argument('<shell>', 'bash, zsh or fish')
    .action(
      run(async (command) => {
        const { completionScript } = await import('./completion.js');
        io.stdout.write(completionScript(String(command.args[0]), program));
        return 0;
      }),
    );

  for (const command of program.commands) command.addHelpText('after', helpFooter(command.name()));
  return program;
}

/** The range and run options deploy and rehearse share: a rehearsal takes the plan a deploy would. */
function deployRunOptions(command: Command): Command {
  return command
    .option('--from <rev>', 'the deployed commit (default: from the CI environment; none = everything is new)')
    .option('--to <rev>', 'the commit to deploy (default: from the CI environment, else HEAD)')
    .option('--unit <prefix...>', 'only these units')
    .option('--force', 'deploy the selected units (or every unit) even if nothing changed')
    .addOption(new Option('--concurrency <n>', 'units deployed at once').default(4).argParser(positiveInteger))
    .option('--fail-fast', 'on the first failed unit, roll back the units in flight and start no more')
    .option('--atomic', 'deploy nothing when any unit is invalid (default: deploy the valid units, report the others, exit 2)')
    .option('--report <file>', 'write a JSON report of every unit (results and failure reports) to this file');
}

function portNumber(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65535) throw new InvalidArgumentError(`not a port number: ${value}`);
  return number;
}

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError(`must be a whole number of at least 1: ${value}`);
  return number;
}

function wholeNumber(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new InvalidArgumentError(`must be a whole number of at least 0: ${value}`);
  return number;
}

function positiveNumber(value: string): number {
  const number = Number(value);
  if (!(number > 0)) throw new InvalidArgumentError(`must be a positive number: ${value}`);
  return number;
}

/** Repeatable; given, it replaces the configuration's `notify` list. */
function notifyOption(): Option {
  return new Option('--notify <url>', "POST each unit's stages (start, traffic steps, rollback, success, failure) to this webhook; repeatable").argParser(
    (url: string, previous: string[] | undefined) => {
      // Not InvalidArgumentError: commander would print the value, and a webhook URL carries its token.
      if (!/^https?:$/.test(URL.canParse(url) ? new URL(url).protocol : '')) {
        throw new GitmoxiError('E_USAGE', '--notify takes an http:// or https:// URL (the value is not shown: webhook URLs carry tokens)');
      }
      return [...(previous ?? []), url];
    },
  );
}
