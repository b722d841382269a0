/**
 * The validator every conversion passes before it is offered: the output parses without new errors,
 * every stage reference resolves, the final stage's runtime config equals the original's (except the keys
 * the conversion changes on purpose and says so), every original instruction and comment is still there,
 * and the artifacts copied are produced by the build stage's commands when that can be told.
 */
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { defaultSettings } from '../../../../common/settings';
import { buildModel, DockerfileModel, keywordOf, Stage } from '../model';
import { standardDiagnostics } from '../validate';
import { createModelMemo, memoized } from '../modelMemo';
import { defaultWorkdir } from './layout';
import { chainOf } from '../stageChain';
import type { CommandChange, ConfigKey, Conversion, ValidationIssue, ValidationResult } from './types';
import { splitLines } from '../text';
import { escapeRegExp } from '../text';

export interface ValidateOptions {
  /** Stages the conversion named: original index -> new name (name-stage rewrite). */
  renamed?: Record<number, string>;
  /** Original lines whose instruction the conversion rewrites on purpose (a FROM switched to another base). */
  changedLines?: number[];
}

export function validateConversion(original: DockerfileModel, conversion: Pick<Conversion, 'text' | 'artifacts' | 'configChanges' | 'placeholders' | 'kind'> & { commandChange?: CommandChange; droppedLines?: number[] }, options: ValidateOptions = {}): ValidationResult {
  const issues: ValidationIssue[] = [];
  const unverified: string[] = [];
  const out = buildModel(conversion.text);

  // 1. Parse: no error the original did not have.
  const before = parseErrors(original);
  for (const e of parseErrors(out)) if (!before.has(e)) issues.push({ check: 'parse', message: `parse error: ${e}` });
  if (!out.stages.length) issues.push({ check: 'parse', message: 'the output has no stage' });

  // 2. References resolve.
  const originalExternal = new Set(original.references.filter((r) => r.target === undefined).map((r) => r.text));
  for (const r of out.references) {
    if (r.target !== undefined) continue;
    if (r.numeric) issues.push({ check: 'references', message: `line ${r.range.start.line + 1}: --from=${r.text} names no stage` });
    else if (!originalExternal.has(r.text) && r.kind !== 'from') issues.push({ check: 'references', message: `line ${r.range.start.line + 1}: '${r.text}' names no stage` });
  }
  if (out.cycles.length) issues.push({ check: 'references', message: 'the output has a dependency cycle' });

  // 3. Runtime config of the final stage.
  if (original.finalStage && out.finalStage) {
    const a = configView(original, original.finalStage);
    const b = configView(out, out.finalStage);
    const allowed = new Set<ConfigKey>(conversion.configChanges);
    // A declared command change: exactly the declared exec-form value, nothing else (and only CMD/ENTRYPOINT).
    const change = conversion.commandChange;
    for (const key of ['cmd', 'entrypoint'] as const) {
      const declared = change?.[key];
      if (!declared) continue;
      allowed.add(key);
      if (b[key] !== JSON.stringify(declared)) issues.push({ check: 'runtimeConfig', message: `the final stage's ${key.toUpperCase()} is ${b[key] || 'unset'}, not the declared ${JSON.stringify(declared)}` });
    }
    for (const key of Object.keys(a) as ConfigKey[]) {
      if (allowed.has(key)) continue;
      if (a[key] !== b[key]) issues.push({ check: 'runtimeConfig', message: `the final stage's ${key.toUpperCase()} changed (${a[key] || 'unset'} -> ${b[key] || 'unset'})` });
    }
  }

  // 4. Every original instruction and comment is present.
  const renamed = options.renamed ?? {};
  const present = new Set(out.instructions.map((i) => normalizeInstruction(out, i, {})));
  const changed = new Set([...(options.changedLines ?? []), ...(conversion.droppedLines ?? [])]);
  for (const i of original.instructions) {
    if (changed.has(i.getRange().start.line)) continue;
    const n = normalizeInstruction(original, i, renamed);
    if (!present.has(n)) issues.push({ check: 'instructions', message: `line ${i.getRange().start.line + 1}: \`${n}\` is missing from the output` });
  }
  const outComments = new Set(commentLines(out.text));
  for (const c of commentLines(original.text)) if (!outComments.has(c)) issues.push({ check: 'comments', message: `the comment \`${c}\` is missing from the output` });

  // 5. Artifacts.
  for (const art of conversion.artifacts) {
    const stage = out.stagesByKey.get(art.stage.toLowerCase());
    if (!stage) {
      issues.push({ check: 'artifacts', message: `the stage '${art.stage}' the artifacts come from does not exist` });
      continue;
    }
    if (conversion.placeholders.some((p) => art.source.includes(p.token))) {
      unverified.push(`the artifact path is to be confirmed (${art.source})`);
      continue;
    }
    if (!art.source.startsWith('/')) issues.push({ check: 'artifacts', message: `the artifact ${art.source} is not an absolute path` });
    if (!art.producedBy) {
      unverified.push(`nothing in stage '${art.stage}' is known to produce ${art.source}`);
      continue;
    }
    const chain = chainOf(out, stage);
    const runs = chain.flatMap((s) => s.instructions).filter((i) => keywordOf(i) === 'RUN').map((i) => i.getTextContent().toLowerCase());
    if (!runs.some((r) => r.includes(art.producedBy!.toLowerCase()))) {
      issues.push({ check: 'artifacts', message: `no RUN in stage '${art.stage}' runs \`${art.producedBy}\`, which should produce ${art.source}` });
    }
  }
  return { valid: issues.length === 0, issues, unverified };
}

/** The standard validator's errors of a model, kept per model: every conversion of one file compares against them. */
const errorsByModel = createModelMemo<Set<string>>();
function parseErrors(model: DockerfileModel): Set<string> {
  return memoized(errorsByModel, model, () => new Set(standardDiagnostics(model, defaultSettings).filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => String(d.message))));
}

/** The runtime config as comparable strings, one per key. */
export function configView(model: DockerfileModel, stage: Stage): Record<ConfigKey, string> {
  const c = stage.config;
  const cmd = (e?: { form: string; value: string; args?: string[] }) => (e ? (e.form === 'exec' && e.args ? JSON.stringify(e.args) : e.value) : '');
  const root = chainOf(model, stage)[0];
  // The WORKDIR a base image sets (golang: /go) applies when no instruction sets one.
  const workdir = c.workdir?.value ?? (root.base.kind === 'image' ? defaultWorkdir(root.base.name?.repository) : '/');
  const map = (m: Map<string, { value: string }>) => JSON.stringify([...m.entries()].map(([k, v]) => [k, v.value]).sort());
  return {
    cmd: cmd(c.cmd),
    entrypoint: cmd(c.entrypoint),
    user: c.user?.value ?? '',
    workdir: workdir === '/' ? '' : workdir,
    healthcheck: c.healthcheck?.value ?? '',
    stopsignal: c.stopsignal?.value ?? '',
    shell: cmd(c.shell),
    env: map(c.env),
    labels: map(c.labels),
    expose: JSON.stringify(c.expose.map((e) => e.value).sort()),
    volumes: JSON.stringify(c.volumes.map((e) => e.value).sort()),
    onbuild: JSON.stringify(c.onbuild.map((e) => e.value).sort()),
  };
}

/** An instruction as keyword + collapsed arguments; FROM without its stage name; --from values as the stage they name. */
export function normalizeInstruction(model: DockerfileModel, instruction: import('dockerfile-ast').Instruction, renamed: Record<number, string>): string {
  const keyword = keywordOf(instruction);
  let args = (instruction.getArgumentsContent() ?? '').replace(/\s+/g, ' ').trim();
  if (keyword === 'FROM') {
    args = args.replace(/\s+as\s+\S+$/i, '');
    const stage = model.stageOf(instruction);
    if (stage?.base.kind === 'stage') args = args.replace(stage.base.text, `<stage ${stageKey(model, stage.base.stage, renamed)}>`);
    return `FROM ${args}`;
  }
  const stage = model.stageOf(instruction);
  if (stage) {
    for (const r of stage.references) {
      if (r.instruction !== instruction || r.target === undefined) continue;
      args = args.replace(new RegExp(`(from=)${escapeRegExp(r.text)}(?=[\\s,]|$)`, 'i'), `$1<stage ${stageKey(model, r.target, renamed)}>`);
    }
  }
  return `${keyword} ${args}`;
}

function stageKey(model: DockerfileModel, index: number, renamed: Record<number, string>): string {
  const s = model.stages[index];
  return (renamed[index] ?? s.name ?? `#${index}`).toLowerCase();
}


function commentLines(text: string): string[] {
  return splitLines(text)
    .map((l) => l.trim())
    .filter((l) => l.startsWith('#'));
}
