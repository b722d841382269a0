#!/usr/bin/env node
// The main job on the shipped examples, with the CLI as a user runs it (`npm start` compiles, then runs this):
//   1. lint every Dockerfile under examples/          (diagnostics)
//   2. explain a multi-stage example                  (stages, roles, graph)
//   3. estimate a single-stage and a multi-stage one  (image size per stage and final)
//   4. convert a single-stage example --diff          (the multi-stage conversion as a unified diff)
// A command the CLI does not have yet (estimate, convert) is skipped with a note.
// Usage: node scripts/demo.mjs [STACK]   STACK: go (default), node, python, java, rust, dotnet, spa; or --all
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist', 'cli.js');
const examples = path.join(root, 'examples');
const tty = process.stdout.isTTY && !process.env.NO_COLOR;
const bold = (s) => (tty ? `\x1b[1m${s}\x1b[0m` : s);
const dim = (s) => (tty ? `\x1b[2m${s}\x1b[0m` : s);

if (!existsSync(cli)) {
  console.error('dist/cli.js is missing: run `npm run compile` (or `npm start`, which compiles first).');
  process.exit(2);
}

const stacks = readdirSync(examples, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name.endsWith('-single'))
  .map((d) => d.name.replace(/-single$/, ''))
  .sort();
const arg = process.argv[2] ?? 'go';
const chosen = arg === '--all' ? stacks : [arg];
for (const s of chosen) {
  if (!stacks.includes(s)) {
    console.error(`unknown stack '${s}' (${stacks.join(', ')}, or --all)`);
    process.exit(2);
  }
}

const rel = (p) => path.relative(process.cwd(), p) || '.';
/** Runs the CLI with the terminal as its output (colours when it is a TTY); returns the exit code. */
function cliRun(args, note) {
  console.log(`\n${bold(`$ dockerfile-stages ${args.map((a) => (/[\s*]/.test(a) ? `'${a}'` : a)).join(' ')}`)}${note ? dim(`   # ${note}`) : ''}`);
  const r = spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit', cwd: process.cwd() });
  return r.status;
}
const commands = (() => {
  const r = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
  return new Set([...r.stdout.matchAll(/^ {2}(\S+)/gm)].map((m) => m[1]));
})();
function optional(name, args, note) {
  if (!commands.has(name)) {
    console.log(`\n${dim(`(skipped: this build of the CLI has no '${name}' command yet)`)}`);
    return;
  }
  const code = cliRun([name, ...args], note);
  if (code === 3) console.log(dim('(exit 3: nothing to convert)'));
}

console.log(bold('Dockerfile Stages: diagnostics, stage explanation, size estimate and multi-stage conversion on examples/'));
cliRun(['lint', rel(examples)], 'every Dockerfile under examples/ (exit 1 only on an error-level finding)');
for (const stack of chosen) {
  const single = path.join(examples, `${stack}-single`, 'Dockerfile');
  const multi = path.join(examples, `${stack}-multi`, 'Dockerfile');
  console.log(`\n${bold(`== ${stack} ==`)}`);
  cliRun(['explain', rel(multi)], 'the stages of the multi-stage version');
  optional('estimate', [rel(single)], 'single stage: what ships');
  optional('estimate', [rel(multi)], 'multi-stage: only the final stage ships');
  optional('convert', [rel(single), '--diff'], 'single stage -> multi-stage');
}
console.log(`\n${dim(`More: node scripts/demo.mjs <${stacks.join('|')}|--all>; dockerfile-stages <command> --help`)}`);
