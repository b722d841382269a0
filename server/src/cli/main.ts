/**
 * dockerfile-stages: the command-line interface over the same core as the language server.
 * Exit codes: 0 ok, 1 error-level findings, 2 usage or input error, 3 nothing to do (convert).
 */
import { parseArgs } from 'node:util';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { defaultSettings } from '../../../common/settings';
import { buildModel, diagnose, summarizeStages } from '../core';
import { colour, InputError, readInput, UsageError } from './io';

interface Command {
  summary: string;
  usage: string;
  run(args: string[]): Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  explain: {
    summary: 'explain the stages of a Dockerfile: roles, bases, dependencies, final stage',
    usage: 'dockerfile-stages explain FILE [--format text|json]',
    async run(args) {
      const { values, positionals } = parseArgs({ args, options: { format: { type: 'string', default: 'text' } }, allowPositionals: true });
      const file = single(positionals);
      const input = await readInput(file);
      const model = buildModel(input.text);
      const stages = summarizeStages(model);
      if (values.format === 'json') {
        process.stdout.write(`${JSON.stringify({ file: input.path, finalStage: model.finalStage?.index ?? null, stages }, null, 2)}\n`);
        return 0;
      }
      if (values.format !== 'text') throw new UsageError(`unknown format '${values.format}' (text, json)`);
      process.stdout.write(`${colour.bold(input.path)}: ${stages.length} stage${stages.length === 1 ? '' : 's'}\n`);
      for (const s of stages) {
        const label = s.name ? `${s.index} "${s.name}"` : `${s.index}`;
        const deps = s.dependencies.map((d) => `${d.kind} ${d.stage !== null ? `stage ${d.name ?? d.stage}` : `image ${d.image}`}`);
        process.stdout.write(`  ${colour.bold(`stage ${label}`)} (line ${s.line}) ${colour.blue(s.role)} FROM ${s.base}${s.platform ? ` --platform=${s.platform}` : ''}\n`);
        if (deps.length) process.stdout.write(`    uses: ${deps.join(', ')}\n`);
        if (s.consumers.length) process.stdout.write(`    used by: ${s.consumers.map((c) => `stage ${stages[c].name ?? c}`).join(', ')}\n`);
        if (s.inCycle) process.stdout.write(`    ${colour.red('in a dependency cycle')}\n`);
      }
      return 0;
    },
  },
  lint: {
    summary: 'report diagnostics',
    usage: 'dockerfile-stages lint FILE [--format text|json]',
    async run(args) {
      const { values, positionals } = parseArgs({ args, options: { format: { type: 'string', default: 'text' } }, allowPositionals: true });
      const file = single(positionals);
      const input = await readInput(file);
      const diagnostics = diagnose(buildModel(input.text), defaultSettings);
      if (values.format === 'json') {
        process.stdout.write(`${JSON.stringify({ file: input.path, diagnostics }, null, 2)}\n`);
      } else if (values.format === 'text') {
        for (const d of diagnostics) process.stdout.write(`${formatDiagnostic(input.path, d)}\n`);
        process.stdout.write(`${input.path}: ${diagnostics.length} problem${diagnostics.length === 1 ? '' : 's'}\n`);
      } else throw new UsageError(`unknown format '${values.format}' (text, json)`);
      return diagnostics.some((d) => d.severity === DiagnosticSeverity.Error) ? 1 : 0;
    },
  },
};

const SEVERITY_NAMES: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

function formatDiagnostic(path: string, d: Diagnostic): string {
  const sev = SEVERITY_NAMES[d.severity ?? 1];
  const painted = sev === 'error' ? colour.red(sev) : sev === 'warning' ? colour.yellow(sev) : colour.dim(sev);
  const code = d.code !== undefined ? ` ${colour.dim(String(d.code))}` : '';
  const message = typeof d.message === 'string' ? d.message : String(d.message);
  return `${path}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${painted} ${message}${code}`;
}

function single(positionals: string[]): string {
  if (positionals.length !== 1) throw new UsageError('expected exactly one FILE (or - for stdin)');
  return positionals[0];
}

function help(): string {
  const lines = ['Usage: dockerfile-stages <command> [options]', '', 'Commands:'];
  for (const [name, c] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(10)} ${c.summary}`);
  lines.push('', "Run 'dockerfile-stages <command> --help' for a command's options.");
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${help()}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`dockerfile-stages: unknown command '${name}'\n${help()}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`Usage: ${command.usage}\n${command.summary}\n`);
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

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`dockerfile-stages: internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 2;
  },
);
