/**
 * Where a path taken by `COPY --from=<stage> <src>` comes from in that stage: the last instruction of the
 * stage (or of its parent chain) that visibly writes it: a RUN that names it, a COPY/ADD whose destination
 * holds it, or a build command run in the directory that holds it.
 */
import type { Instruction } from 'dockerfile-ast';
import { DockerfileModel, keywordOf, Stage } from '../model';
import { runCommands } from '../commands';
import { runPurposes } from './classify';
import { baseChain, code, copyTake, isCopyLike, lineOf, rootBaseText, stageLabel } from './describe';
import { globFind, ONE, RUN, type Glob } from '../glob';
import { trimTrailingSlashes } from '../text';

export interface SourceOrigin {
  how: 'run' | 'copy' | 'workdir-build' | 'unknown';
  instruction?: Instruction;
  /** The stage that holds the instruction (the source stage or one of its parents). */
  stage: number;
  /** For 'copy': where the COPY/ADD took it from ("the build context", "stage 1 `deps`", an image). */
  copiedFrom?: string;
  /** The working directory the instruction ran in, when that is what tied it to the path. */
  workdir?: string;
}

interface Step {
  instruction: Instruction;
  stage: Stage;
  workdir: string;
}

/** Every instruction of the stage and its parent chain, root first, with the WORKDIR it runs in. */
function steps(model: DockerfileModel, stage: Stage): Step[] {
  const chain = [...baseChain(model, stage).parents].reverse().concat(stage);
  const out: Step[] = [];
  let workdir = '/';
  for (const s of chain) {
    for (const instruction of s.instructions.slice(1)) {
      if (keywordOf(instruction) === 'WORKDIR') {
        const dir = instruction.getArguments().map((a) => a.getValue()).join(' ');
        workdir = absolute(dir, workdir);
      }
      out.push({ instruction, stage: s, workdir });
    }
  }
  return out;
}

export function absolute(path: string, cwd: string): string {
  let p = path.trim();
  if (!p.startsWith('/')) p = `${trimTrailingSlashes(cwd)}/${p}`;
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return `/${parts.join('/')}`;
}

/** A COPY source as a glob: `*` a run of characters within a word and a path segment, `?` one of them. */
function pathGlob(path: string): Glob {
  return { tokens: path.split('').map((ch) => (ch === '*' ? RUN : ch === '?' ? ONE : ch)), covers: (ch) => ch !== '/' && !/\s/.test(ch) };
}

/**
 * The RUN's script names the path (or something inside it) as a whole word. Raw script text on purpose: the path is
 * often named where the command model keeps no word, as a redirection target (`cargo sbom > out.json`) or inside a
 * command substitution (`$(stat -c %Y /usr/local/go)`). The word starts the script or a line, or follows
 * whitespace, `=`, `:`, a quote or `(`; it ends the script or comes before whitespace, a quote, `;`, `&`, `|`, `)`
 * or `/`. Matched without a RegExp (core/glob.ts): a source of many `*` would backtrack on a long word.
 */
export function mentions(script: string, path: string): boolean {
  if (!path || path === '/' || path === '.') return false;
  return globFind(
    pathGlob(path),
    script,
    (i) => i === 0 || /[\s=:'"(]/.test(script[i - 1]),
    (j) => j === script.length || /[\s'";&|)/]/.test(script[j]),
  );
}

function isUnder(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir === '/' ? '/' : `${dir}/`);
}

export function findCopySourceOrigin(model: DockerfileModel, stage: Stage, src: string): SourceOrigin {
  // COPY --from sources are relative to the root of the stage.
  const target = absolute(trimTrailingSlashes(src) || '/', '/');
  const all = steps(model, stage);
  // The latest build command run in a directory that holds the path: it most likely wrote it (npm run build
  // in /app writes /app/dist), unless a RUN names the path or a COPY/ADD writes exactly that path later.
  let builder: SourceOrigin | undefined;
  for (let i = all.length - 1; i >= 0; i--) {
    const { instruction, stage: s, workdir } = all[i];
    const keyword = keywordOf(instruction);
    if (keyword === 'RUN') {
      const script = runCommands(model, instruction).script;
      const rel = isUnder(target, workdir) && target !== workdir ? target.slice(workdir === '/' ? 1 : workdir.length + 1) : undefined;
      if (mentions(script, target) || (rel && (mentions(script, rel) || mentions(script, `./${rel}`)))) {
        return { how: 'run', instruction, stage: s.index, workdir: rel && !mentions(script, target) ? workdir : undefined };
      }
      if (!builder && workdir !== '/' && isUnder(target, workdir)) {
        const purposes = runPurposes(model, [instruction]);
        if (purposes.some((p) => p.kind === 'compile' || p.kind === 'deps')) builder = { how: 'workdir-build', instruction, stage: s.index, workdir };
      }
    } else if (isCopyLike(instruction)) {
      const take = copyTake(instruction);
      if (!take.dest) continue;
      const dest = absolute(take.dest, workdir);
      if (!isUnder(target, dest)) continue;
      // A COPY into a parent directory (COPY . /app) wrote the path only if no later build command did.
      const exact = dest === target || take.sources.some((src) => absolute(src, '/').split('/').pop() === target.split('/').pop());
      if (builder && !exact) return builder;
      const ref = s.references.find((r) => r.instruction === instruction && r.kind === 'copy');
      let from = 'the build context';
      if (ref?.target !== undefined) from = stageLabel(model.stages[ref.target]);
      else if (ref) from = `image ${code(ref.resolvedText)}`;
      return { how: 'copy', instruction, stage: s.index, copiedFrom: from };
    }
  }
  if (builder) return builder;
  return { how: 'unknown', stage: stage.index };
}

export function copySourceMarkdown(model: DockerfileModel, stage: Stage, src: string): string {
  const origin = findCopySourceOrigin(model, stage, src);
  const head = `**${code(src)}** from ${stageLabel(stage)}`;
  const where = origin.stage !== stage.index ? ` (in its parent ${stageLabel(model.stages[origin.stage])})` : '';
  const instr = origin.instruction ? `${code(shortInstruction(origin.instruction))} (line ${lineOf(origin.instruction)})` : '';
  switch (origin.how) {
    case 'run':
      return `${head}: written by ${instr}${where}${origin.workdir ? `, run in ${code(origin.workdir)}` : ''}.`;
    case 'copy':
      return `${head}: copied in by ${instr}${where}, from ${origin.copiedFrom}.`;
    case 'workdir-build':
      return `${head}: probably written by ${instr}${where}, which runs in ${code(origin.workdir!)}.`;
    default:
      return `${head}: no instruction of the stage visibly writes it; it may come from the base image ${code(rootBaseText(model, stage))}.`;
  }
}

function shortInstruction(instruction: Instruction): string {
  const text = `${instruction.getKeyword().toUpperCase()} ${instruction.getArgumentsContent() ?? ''}`.replace(/\\\s*\n/g, ' ').replace(/\s+/g, ' ').trim();
  return text.length > 90 ? `${text.slice(0, 87)}…` : text;
}
