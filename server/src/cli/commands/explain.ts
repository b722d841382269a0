import { parseArgs } from 'node:util';
import { buildModel, summarizeStages } from '../../core';
import type { Command } from '../command';
import { colour, readInput, single, UsageError } from '../io';

export const explain: Command = {
  summary: 'explain the stages of a Dockerfile: roles, bases, dependencies, final stage',
  usage: 'dockerfile-stages explain FILE [--format text|json]',
  async run(args) {
    const { values, positionals } = parseArgs({ args, options: { format: { type: 'string', default: 'text' } }, allowPositionals: true });
    const input = await readInput(single(positionals));
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
};
