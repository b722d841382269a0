import { DiagnosticTag } from 'vscode-languageserver-types';
import { keywordOf, type DockerfileModel, type Stage } from '../model';
import { stageAnchor, stageLabel } from './util';
import type { Finding, Rule } from './types';

/**
 * Names that say a stage is built on its own with --target (a dev image, the tests, an export of artifacts, a
 * variant for another platform): one word of the name (split at - _ .) is one of these.
 */
const TARGET_WORDS = new Set(
  ('dev devel develop development devcontainer devenv debug test tests testing unittest e2e integration lint linter check checks validate validation vet fmt ' +
    'ci doc docs release releaser export update generate gen coverage bench benchmark shell local tools sandbox nightly rootless pr demo example examples ' +
    'artifact artifacts binary binaries bin dist package packages publish deploy upload prod production mock mocks vendor all default cross image ' +
    'windows darwin freebsd linux arm arm64 amd64 gpu cpu cuda rocm')
    .split(' '),
);

/** A stage with its own CMD or ENTRYPOINT is an image to run, built with --target; a build stage has none. */
function runsSomething(stage: Stage): boolean {
  return stage.instructions.some((i) => keywordOf(i) === 'CMD' || keywordOf(i) === 'ENTRYPOINT');
}

function looksLikeTarget(name: string): boolean {
  return name.toLowerCase().split(/[-_.]+/).some((w) => TARGET_WORDS.has(w.replace(/\d+$/, '')) || TARGET_WORDS.has(w));
}

/** Stage edges, with every stage a variable reference could name under another platform or build argument. */
function edgesOf(model: DockerfileModel, stage: Stage): number[] {
  const out = new Set(stage.dependsOn);
  for (const a of stage.baseAlternatives ?? []) out.add(a);
  for (const r of stage.references) for (const a of r.alternatives ?? []) out.add(a);
  return [...out].filter((i) => i >= 0 && i < model.stages.length);
}

function markFrom(model: DockerfileModel, roots: number[], seen: Set<number>): void {
  const stack = [...roots];
  while (stack.length) {
    const i = stack.pop()!;
    if (seen.has(i)) continue;
    seen.add(i);
    for (const d of edgesOf(model, model.stages[i])) if (!seen.has(d)) stack.push(d);
  }
}

/**
 * DS104: a stage nothing needs. A stage the final image reaches under another platform (`FROM base-$TARGETARCH`)
 * or another build argument counts as used; so does a stage that is plainly a --target of its own (its name
 * says dev, test, export, release ...; a FROM scratch export stage; a variant built FROM another stage of the
 * file; one of several stand-alone stages of a multi-target file; a stage whose name another FROM uses as an
 * image tag; a stage with its own CMD or ENTRYPOINT) and whatever such a target needs.
 */
export const unusedStage: Rule = {
  code: 'DS104',
  name: 'unused-stage',
  category: 'stage graph',
  defaultSeverity: 'info',
  title: 'Unused stage',
  fix: 'none',
  tags: ['stages', 'platform'],
  description: 'A stage is never used by the final image nor by any other target: BuildKit skips it unless it is built with --target.',
  check({ model }) {
    const out: Finding[] = [];
    const final = model.finalStage;
    if (!final) return out;
    const used = new Set<number>();
    markFrom(model, [final.index], used);
    const unused = model.stages.filter((s) => !used.has(s.index));
    const consumed = new Set<number>();
    for (const s of model.stages) for (const d of edgesOf(model, s)) if (d !== s.index) consumed.add(d);
    const leaves = unused.filter((s) => !consumed.has(s.index));
    const namedLeaves = leaves.filter((s) => s.name);
    // Names that FROM lines use as image tags or paths (`FROM acme/app:base-slim`): built and pushed with --target.
    const imageTexts = model.stages.flatMap((s) => (s.base.kind === 'image' ? [s.base.resolvedText.toLowerCase()] : []));
    const publishedAs = (name: string) => imageTexts.some((t) => t.split(/[:/@]/).includes(name.toLowerCase()));
    const targets = namedLeaves
      .filter((s) => looksLikeTarget(s.name!) || s.base.kind === 'scratch' || s.base.kind === 'stage' || namedLeaves.length >= 3 || publishedAs(s.name!) || runsSomething(s))
      .map((s) => s.index);
    markFrom(model, targets, used);
    for (const stage of model.stages) {
      if (used.has(stage.index)) continue;
      if (stage.name && looksLikeTarget(stage.name)) continue;
      out.push({
        range: stageAnchor(stage),
        message: `${stageLabel(stage)} is never used by the final image (${stageLabel(final)}) nor by another stage; BuildKit skips it unless you build it with --target`,
        tags: [DiagnosticTag.Unnecessary],
      });
    }
    return out;
  },
};

/** The body of docs/rules/DS104.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

BuildKit builds only the stages the target stage depends on. A stage nothing uses is skipped (unless you pass \`--target\`), so its instructions are dead weight in the file, or a \`COPY --from\` is missing.

What counts as used:

- Stages picked through a variable: \`FROM base-\${TARGETARCH}\`, \`COPY --from=bin-$TARGETOS\`. The platform ARGs
  resolve from \`dockerfileStages.platform\` (CLI \`--platform\`, default \`linux/amd64\`), and every stage another
  platform or build argument could pick counts as used too.
- Stages that are targets of their own: a name that says so (\`dev\`, \`test\`, \`lint\`, \`release\`, \`export\`,
  \`docs\`, \`debug\` ... as one word of the name), a \`FROM scratch\` export stage, a variant built \`FROM\` another
  stage of the file (\`FROM base AS light\`), one of three or more stand-alone stages of a multi-target file, a
  stage whose name another \`FROM\` uses as an image tag (\`FROM acme/app:base-slim\`), a stage with its own \`CMD\`
  or \`ENTRYPOINT\`; and every stage such a target needs.

## Bad

\`\`\`dockerfile
FROM node:20 AS deps
RUN npm ci
FROM node:20 AS assets
RUN npm run assets
FROM node:20-slim
COPY --from=deps /node_modules /node_modules
\`\`\`

## Good

\`\`\`dockerfile
FROM node:20 AS deps
RUN npm ci
FROM node:20-slim
COPY --from=deps /node_modules /node_modules
\`\`\`

## Quick fix

None (the diagnostic is tagged Unnecessary). Set \`dockerfileStages.target\` when you build another stage.
`;
