/**
 * dockerfile-stages: the command-line interface over the same core as the language server.
 * Exit codes: 0 ok, 1 error-level findings, 2 usage or input error, 3 nothing to do (convert).
 * Each command is a file under commands/; COMMANDS lists them. `runCli` is the entry (see node/main.ts).
 */
import { COMMANDS } from './commands';
import { InputError, packageVersion, UsageError } from './io';
import { holdBackTierUpAtStartup } from '../node/startupTiering';


function help(): string {
  const lines = ['Usage: dockerfile-stages <command> [options]', '', 'Commands:'];
  for (const [name, c] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(10)} ${c.summary}`);
  lines.push('', "Run 'dockerfile-stages <command> --help' for a command's options.");
  lines.push('Exit codes: 0 ok, 1 error-level findings, 2 usage or input error, 3 nothing to do.');
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${help()}\n`);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`dockerfile-stages: unknown command '${name}'\n${help()}\n`);
    return 2;
  }
  const beforeDashDash = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (beforeDashDash.includes('--help') || beforeDashDash.includes('-h')) {
    const options = command.options?.length ? `\nOptions:\n${command.options.map((o) => `  ${o}`).join('\n')}\n` : '';
    process.stdout.write(`Usage: ${command.usage}\n${command.summary}\n${options}`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`dockerfile-stages ${name}: ${(e as Error).message}\nUsage: ${command.usage}\n`);
      return 2;
    }
    if (e instanceof InputError) {
      process.stderr.write(`dockerfile-stages ${name}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

/**
 * Runs the CLI with its arguments (after `node file`) and sets the process' exit code. The bin (dist/cli.js) is a
 * two-line file that calls this from the server bundle: the CLI and the language server ship as one bundle.
 */
export function runCli(argv: string[]): Promise<void> {
  // A run is one burst of work on code V8 has not optimized yet: V8 optimizes later for the run, or for its first
  // two seconds (node/startupTiering.ts). Linting the corpus' 300 files: 1.13 -> 0.99 s under Node 20.
  holdBackTierUpAtStartup();
  return main(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`dockerfile-stages: internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
