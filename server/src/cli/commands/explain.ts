import type { StageSummary } from '../../core';
import type { Command } from '../command';
import { settingsFor } from '../config';
import { colour, oneOf, out, parseCommandArgs, platformOption, readInput, single } from '../io';
import { cliService, inputDocument } from '../service';

const FORMATS = ['text', 'json', 'mermaid'] as const;

function stageLabel(s: StageSummary): string {
  return s.name ? `${s.name}` : `stage ${s.index}`;
}

const ROLE_TEXT: Record<StageSummary['role'], string> = {
  final: 'final: this is the image that ships',
  base: 'base: later stages build FROM it',
  build: 'build: later stages copy or mount files from it',
  unused: 'unused: not needed for the target, BuildKit skips it',
};

function escapeMermaid(text: string): string {
  return text.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}

/** A Mermaid flowchart: stages as boxes (the final one highlighted, unused ones dashed), images as rounded nodes. */
export function toMermaid(stages: StageSummary[]): string {
  const lines = ['flowchart TD'];
  const images = new Map<string, string>();
  const imageNode = (image: string) => {
    let id = images.get(image);
    if (!id) {
      id = `img${images.size}`;
      images.set(image, id);
      lines.push(`  ${id}(["${escapeMermaid(image)}"])`);
    }
    return id;
  };
  for (const s of stages) lines.push(`  s${s.index}["${escapeMermaid(stageLabel(s))}<br/>${s.role}"]`);
  for (const s of stages) {
    if (s.baseKind === 'image') lines.push(`  ${imageNode(s.base)} -->|FROM| s${s.index}`);
    const seen = new Set<string>();
    for (const d of s.dependencies) {
      const label = d.kind === 'from' ? 'FROM' : d.kind === 'copy' ? 'COPY --from' : 'RUN --mount';
      const source = d.stage !== null ? `s${d.stage}` : d.image ? imageNode(d.image) : undefined;
      if (!source) continue;
      const edge = `  ${source} -->|${label}| s${s.index}`;
      if (!seen.has(edge)) lines.push(edge);
      seen.add(edge);
    }
  }
  lines.push('  classDef final stroke-width:3px;', '  classDef unused stroke-dasharray: 5 5,opacity:0.6;');
  const finals = stages.filter((s) => s.role === 'final').map((s) => `s${s.index}`);
  const unused = stages.filter((s) => s.role === 'unused').map((s) => `s${s.index}`);
  if (finals.length) lines.push(`  class ${finals.join(',')} final;`);
  if (unused.length) lines.push(`  class ${unused.join(',')} unused;`);
  return lines.join('\n');
}

export const explain: Command = {
  summary: 'explain the stages of a Dockerfile: roles, bases, dependencies, final stage',
  usage: 'dockerfile-stages explain FILE [--format text|json|mermaid] [--target STAGE]',
  options: [
    'FILE                 a Dockerfile, or - for stdin',
    '--format FORMAT      text (default); json: { "stages": [...] } with name, index, base, role,',
    '                     dependencies, consumers; mermaid: a flowchart of the build graph',
    '--target STAGE       the stage to treat as the build target (default: the config\'s, else the last stage)',
    '--platform P         the target platform TARGETARCH/TARGETOS... resolve from (default: the config\'s, else linux/amd64)',
    '--no-config          ignore .dockerfile-stages.json files',
  ],
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      format: { type: 'string', default: 'text' },
      target: { type: 'string' },
      platform: { type: 'string' },
      'no-config': { type: 'boolean', default: false },
    });
    const format = oneOf('format', values.format, FORMATS);
    const input = await readInput(single(positionals));
    const { settings } = await settingsFor(input.stdin ? '-' : input.path, { noConfig: values['no-config'] });
    const target = values.target ?? settings.target;
    const platform = platformOption(values.platform) ?? settings.platform;
    const service = cliService();
    const doc = inputDocument(input);
    service.configureDocument(doc.uri, { target: target || undefined, platform: platform || undefined });
    const explained = service.explain(doc);
    const stages = explained.stages;
    if (format === 'json') {
      out(JSON.stringify({ file: input.path, platform: platform || 'linux/amd64', finalStage: explained.finalStage, stages }, null, 2));
      return 0;
    }
    if (format === 'mermaid') {
      out(toMermaid(stages));
      return 0;
    }
    const final = explained.finalStage;
    const head = `${colour.bold(input.path)}: ${stages.length} stage${stages.length === 1 ? '' : 's'}`;
    out(final !== null ? `${head}, final: ${stageLabel(stages[final])}${target ? ` (target ${target})` : ''}${values.platform ? ` for ${platform}` : ''}` : head);
    if (explained.binary) out('  binary file: not analysed');
    for (const s of stages) {
      const label = s.name ? `${s.index} "${s.name}"` : `${s.index}`;
      out(`  ${colour.bold(`stage ${label}`)} (line ${s.line}) FROM ${s.base}${s.platform ? ` --platform=${s.platform}` : ''}`);
      out(`    role: ${colour.blue(ROLE_TEXT[s.role])}`);
      const deps = s.dependencies.map((d) => `${d.kind === 'from' ? 'FROM' : d.kind === 'copy' ? 'COPY --from' : 'RUN --mount'} ${d.stage !== null ? stageLabel(stages[d.stage]) : `image ${d.image}`} (line ${d.line})`);
      if (deps.length) out(`    uses: ${deps.join(', ')}`);
      if (s.consumers.length) out(`    used by: ${s.consumers.map((c) => stageLabel(stages[c])).join(', ')}`);
      if (s.inCycle) out(`    ${colour.red('in a dependency cycle')}`);
    }
    if (stages.length > 1) {
      const shipped = stages.filter((s) => s.role !== 'unused').length;
      out(colour.dim(`  ${shipped} of ${stages.length} stages are built for the target.`));
    }
    return 0;
  },
};
