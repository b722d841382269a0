/**
 * The stage hover: a few lines that place a stage in the build graph (number and name, its role in plain
 * words, its base image with the parent chain), then details (who uses it and what they take, what it takes
 * from others, the effective runtime config of the final stage).
 */
import { formatImageName } from '../imageRef';
import type { DockerfileModel, Stage, StageReference } from '../model';
import type { CommandEntry, ConfigEntry } from '../runtimeConfig';
import { describePurposes, stagePurposes } from './classify';
import { baseChain, code, copyTake, joinWords, lineOf, mountTake, plural, stageLabel } from './describe';
import type { HoverSizes } from './sizes';
import { formatBytes, formatStageSize } from './sizes';

export interface StageHoverContext {
  /** The reference the hover was asked on, when it was one (`--from=0`, `FROM build` ...). */
  via?: StageReference;
}

const MAX_PATHS = 3;
/** Rows of a details list before "… and N more": a hover stays short on a generated 1,000-stage file. */
const MAX_ROWS = 12;

function capList(rows: string[]): string[] {
  return rows.length <= MAX_ROWS ? rows : [...rows.slice(0, MAX_ROWS), `- … and ${rows.length - MAX_ROWS} more`];
}

export function stageHoverMarkdown(model: DockerfileModel, stage: Stage, context: StageHoverContext = {}, sizes?: HoverSizes): string {
  const blocks: string[] = [];
  const via = context.via ? viaLine(model, stage, context.via) : undefined;
  if (via) blocks.push(via);
  blocks.push(`${titleOf(model, stage)}: ${roleSentence(model, stage)}`);
  blocks.push(baseLine(model, stage, sizes));
  const cycle = cycleLine(model, stage);
  if (cycle) blocks.push(cycle);

  const details: string[] = [];
  const usedBy = usedByList(model, stage);
  if (usedBy.length) details.push(`**Used by**\n\n${capList(usedBy).join('\n')}`);
  const takes = takesList(model, stage);
  if (takes.length) details.push(`**Takes from**\n\n${capList(takes).join('\n')}`);
  if (stage.isFinal) details.push(`**Runtime config**${stage.config.inheritsImage ? ' (the base image’s own defaults apply where unset)' : ''}\n\n${runtimeList(model, stage).join('\n')}`);
  if (details.length) blocks.push('---', ...details);
  return blocks.join('\n\n');
}

function titleOf(model: DockerfileModel, stage: Stage): string {
  const start = stage.range.start.line + 1;
  const end = stage.range.end.line + 1;
  const lines = start === end ? `line ${start}` : `lines ${start}–${end}`;
  const name = stage.name ? ` ${code(stage.name)}` : model.stages.length > 1 ? ' (unnamed)' : '';
  return `**Stage ${stage.index}${name}** (${lines})`;
}

/** The role in plain words, with the stage's purpose inferred from its RUN commands. */
export function roleSentence(model: DockerfileModel, stage: Stage): string {
  const purposes = stagePurposes(model, stage);
  const purpose = describePurposes(purposes);
  if (stage.isFinal) {
    let s = 'final image: what ships';
    if (model.stages.length > 1 && stage.index !== model.stages.length - 1) s += ' (the build target)';
    const compile = purposes.find((p) => p.kind === 'compile');
    if (compile) {
      const what = compile.toolchain ? `the ${compile.toolchain} toolchain` : 'the build tools';
      s += `. It ${compile.phrase} itself, so ${what} ships in the image too; a build stage would leave it behind`;
    } else if (purpose) s += `; it ${purpose}`;
    return `${s}.`;
  }
  if (!stage.reachable) {
    let s = `unused: not reachable from the ${model.stages.length - 1 === model.finalStage?.index ? 'final' : 'target'} stage, BuildKit skips it`;
    const extra: string[] = [];
    if (purpose) extra.push(`it ${purpose}`);
    if (stage.name) extra.push(`build it with ${code(`--target ${stage.name}`)}`);
    if (extra.length) s += ` (${extra.join('; ')})`;
    return `${s}.`;
  }
  const consumers = stage.consumers.map((c) => model.stages[c]).filter((c) => c.reachable);
  const builders = consumers.filter((c) => c.parent === stage.index);
  const lead = purpose ? `${purpose}; ` : '';
  if (builders.length) {
    const shipsWhole = model.finalStage && baseChain(model, model.finalStage).parents.some((p) => p.index === stage.index);
    const who = joinWords(builders.map((b) => (b.isFinal ? 'the final stage' : stageLabel(b))));
    const one = builders.length === 1;
    const tail = shipsWhole ? ', so everything it adds ships in the final image' : ` and ${one ? 'inherits' : 'inherit'} everything it adds`;
    return `base stage: ${lead}${who} ${one ? 'builds' : 'build'} on it${tail}.`;
  }
  return `build stage: ${lead}discarded, ${takenSentence(model, stage, consumers)}.`;
}

/** "only `/out/server` is copied into the final image" for the reachable consumers of a build stage. */
function takenSentence(model: DockerfileModel, stage: Stage, consumers: Stage[]): string {
  const copyParts: string[] = [];
  const mounted: string[] = [];
  for (const consumer of consumers) {
    const refs = consumer.references.filter((r) => r.target === stage.index);
    const paths = new Set<string>();
    for (const r of refs) if (r.kind === 'copy') for (const s of copyTake(r.instruction).sources) paths.add(s);
    const where = consumer.isFinal ? 'the final image' : stageLabel(consumer);
    if (paths.size) {
      copyParts.push(`${listPaths([...paths])} ${copyParts.length === 0 ? (paths.size === 1 ? 'is copied ' : 'are copied ') : ''}into ${where}`);
    }
    if (refs.some((r) => r.kind === 'mount')) mounted.push(where);
  }
  const parts: string[] = [];
  if (copyParts.length) parts.push(`only ${joinWords(copyParts)}`);
  if (mounted.length) parts.push(`${copyParts.length ? 'it is also' : 'it is only'} mounted during a RUN in ${joinWords(mounted)}`);
  if (!parts.length) return 'nothing of it reaches the final image';
  return parts.join('; ');
}

function listPaths(paths: string[]): string {
  const shown = paths.slice(0, MAX_PATHS).map(code);
  if (paths.length > MAX_PATHS) shown.push(`${paths.length - MAX_PATHS} more`);
  return joinWords(shown);
}

/** Base image (after ARG substitution), the parent stage chain, the platform, the size when known. */
function baseLine(model: DockerfileModel, stage: Stage, sizes?: HoverSizes): string {
  const { parents, root } = baseChain(model, stage);
  const base = root.base;
  const parts: string[] = [];
  let image: string;
  switch (base.kind) {
    case 'image': {
      image = code(base.name ? formatImageName(base.name) : base.resolvedText || base.text);
      if (base.text !== base.resolvedText) image += ` (written ${code(base.text)}${argNote(model, base.text)})`;
      if (base.unresolved.length) {
        image += `; ${joinWords(base.unresolved.map((v) => code(v)))} ${base.unresolved.length === 1 ? 'has' : 'have'} no default: pass ${code(`--build-arg ${base.unresolved[0]}=…`)}`;
      }
      break;
    }
    case 'scratch':
      image = `${code('scratch')} (empty: only what is copied in)`;
      break;
    case 'missing':
      image = 'missing: FROM needs an image';
      break;
    default:
      image = code(base.text);
  }
  parts.push(`Base image: ${image}`);
  if (parents.length) parts.push(`via ${parents.map((p) => stageLabel(p)).join(' ← ')}`);
  let s = parts.join(' ');
  if (stage.base.kind === 'stage' && stage.base.text.includes('$')) s += ` (written ${code(stage.base.text)})`;
  if (stage.platform) s += ` · platform ${code(stage.platform.text)}`;
  const size = base.kind === 'image' && base.name ? sizes?.image?.(base.name) : undefined;
  if (size) s += ` · ${size.approximate ? '≈ ' : ''}${formatBytes(size.bytes)} compressed`;
  const estimate = sizes?.stage?.(model, stage);
  if (estimate) {
    const ships = stage.isFinal || (model.finalStage && baseChain(model, model.finalStage).parents.some((p) => p.index === stage.index));
    s += `\n\nEstimated size: ${formatStageSize(estimate)}${!ships && stage.reachable ? ', discarded after the build' : ''}`;
  }
  return s;
}

/** ", ARG `GO_VERSION=1.22`" for the global ARGs a FROM uses. */
function argNote(model: DockerfileModel, text: string): string {
  const names = [...text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]);
  const known = [...new Set(names)].filter((n) => model.globalArgs.get(n)?.value !== undefined);
  if (!known.length) return '';
  return `, ${known.map((n) => code(`ARG ${n}=${model.globalArgs.get(n)!.value}`)).join(', ')}`;
}

function viaLine(model: DockerfileModel, stage: Stage, ref: StageReference): string | undefined {
  const written = code(ref.kind === 'from' ? `FROM ${ref.text}` : ref.kind === 'copy' ? `--from=${ref.text}` : `from=${ref.text}`);
  if (ref.numeric) {
    const advice = stage.name
      ? `${code(ref.kind === 'mount' ? `from=${stage.name}` : `--from=${stage.name}`)} says the same and survives reordering`
      : `name the stage (${code('FROM … AS <name>')}) to make the reference survive reordering`;
    return `${written} is ${stageLabel(stage)}, by index: ${advice}.`;
  }
  if (ref.text.includes('$')) return `${written} resolves to ${code(ref.resolvedText)}: ${stageLabel(stage)}.`;
  if (stage.name && ref.text !== stage.name && ref.text.toLowerCase() === stage.key) {
    return `${written} is ${stageLabel(stage)} (stage names match case-insensitively).`;
  }
  return undefined;
}

function cycleLine(model: DockerfileModel, stage: Stage): string | undefined {
  if (!stage.inCycle) return undefined;
  if (stage.dependsOn.includes(stage.index)) {
    return `⚠️ Cycle: it takes from itself; BuildKit stops with "circular dependency detected".`;
  }
  const cycle = model.cycles.find((c) => c.includes(stage.index));
  if (!cycle) return undefined;
  const path = cyclePath(model, stage.index, new Set(cycle));
  const names = path.map((i) => (model.stages[i].name ? code(model.stages[i].name!) : `stage ${i}`));
  return `⚠️ Cycle: ${names.join(' → ')}; BuildKit stops with "circular dependency detected".`;
}

/** A shortest path from a stage back to itself inside its cycle (breadth first over dependencies). */
function cyclePath(model: DockerfileModel, start: number, members: Set<number>): number[] {
  const prev = new Map<number, number>();
  const queue = [start];
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of model.stages[v].dependsOn) {
      if (!members.has(w)) continue;
      if (w === start) {
        // Walk back from v to the start: start -> ... -> v -> start.
        const path = [start];
        for (let x = v; x !== start; x = prev.get(x)!) path.splice(1, 0, x);
        return [...path, start];
      }
      if (!prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

function usedByList(model: DockerfileModel, stage: Stage): string[] {
  const out: string[] = [];
  for (const c of stage.consumers) {
    const consumer = model.stages[c];
    const refs = consumer.references.filter((r) => r.target === stage.index);
    const what = refs.map((r) => referenceWords(r));
    const tag = consumer.isFinal ? ' (final)' : consumer.reachable ? '' : ' (unused)';
    out.push(`- ${c === stage.index ? 'itself' : stageLabel(consumer)}${tag}: ${what.join('; ')}`);
  }
  return out;
}

function takesList(model: DockerfileModel, stage: Stage): string[] {
  const out: string[] = [];
  for (const r of stage.references) {
    if (r.kind === 'from') continue;
    let source: string;
    if (r.target !== undefined) source = r.target === stage.index ? 'itself' : stageLabel(model.stages[r.target]);
    else if (r.numeric) source = `${code(r.text)}: no such stage (the file has ${plural(model.stages.length, 'stage')})`;
    else source = `image ${code(r.image ? formatImageName(r.image) : r.resolvedText)}`;
    out.push(`- ${source}: ${referenceWords(r)}`);
  }
  return out;
}

/** "copies `/out/server` → `/app/server` (line 17)", "mounts `/out` at `/mnt` (line 16)", "builds on it (line 12)". */
function referenceWords(r: StageReference): string {
  const line = `line ${lineOf(r.instruction)}`;
  const byIndex = r.numeric ? `, as ${code(r.kind === 'mount' ? `from=${r.text}` : `--from=${r.text}`)}` : '';
  if (r.kind === 'from') return `builds on it (${line})`;
  if (r.kind === 'mount') {
    const m = mountTake(r);
    return `mounts ${code(m.source)}${m.target ? ` at ${code(m.target)}` : ''} during a RUN (${line}${byIndex})`;
  }
  const take = copyTake(r.instruction);
  return `copies ${listPaths(take.sources)}${take.dest ? ` → ${code(take.dest)}` : ''} (${line}${byIndex})`;
}

function runtimeList(model: DockerfileModel, stage: Stage): string[] {
  const c = stage.config;
  const origin = (e: ConfigEntry) => (e.stage !== stage.index ? `, from ${stageLabel(model.stages[e.stage])}` : '');
  const at = (e: ConfigEntry) => ` (line ${e.line + 1}${origin(e)})`;
  const cmd = (e: CommandEntry) => code(e.form === 'exec' && e.args ? JSON.stringify(e.args) : e.value);
  const rows: string[] = [];
  const fromImage = c.inheritsImage ? 'not set: the base image’s default' : 'not set';
  rows.push(`- user: ${c.user ? code(c.user.value) + at(c.user) : `${fromImage} (${c.inheritsImage ? 'root unless the image sets one' : 'root'})`}`);
  rows.push(`- workdir: ${c.workdir ? code(c.workdir.value) + at(c.workdir) : `${fromImage}${c.inheritsImage ? '' : ' (/)'}`}`);
  rows.push(`- ports: ${c.expose.length ? c.expose.map((e) => code(e.value)).join(', ') : 'none exposed'}`);
  rows.push(`- entrypoint: ${c.entrypoint ? cmd(c.entrypoint) + at(c.entrypoint) : fromImage}`);
  rows.push(`- cmd: ${c.cmd ? cmd(c.cmd) + at(c.cmd) : c.entrypoint && c.entrypoint.stage === stage.index ? 'none (ENTRYPOINT resets the image’s CMD)' : fromImage}`);
  return rows;
}
