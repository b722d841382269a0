import { formatImageName } from '../imageRef';
import { fix, NameMatcher, namedCountBefore, replace } from './util';
import type { Finding, Rule } from './types';

/** DS101: COPY --from / RUN --mount from= / FROM naming a stage that does not exist (a typo, not an image). */
export const unknownStage: Rule = {
  code: 'DS101',
  name: 'unknown-stage',
  category: 'stage graph',
  defaultSeverity: 'error',
  title: 'Unknown stage',
  fix: 'safe',
  tags: ['stages'],
  description: 'A reference names a stage that does not exist (a misspelt stage name, or an index past the last stage).',
  hadolint: ['DL3022'],
  check({ model }) {
    const out: Finding[] = [];
    // Candidates in stage order, so `before` a stage's position in this list means the earlier stages.
    const named = model.stages.filter((s) => s.name);
    const matcher = new NameMatcher(named.map((s) => s.name!));
    const namedBefore = namedCountBefore(model.stages);
    for (const ref of model.references) {
      if (ref.target !== undefined || ref.unresolved.length || ref.text.includes('$')) continue;
      const what = ref.kind === 'copy' ? 'COPY --from' : ref.kind === 'mount' ? 'RUN --mount from' : 'FROM';
      if (ref.numeric) {
        out.push({
          range: ref.range,
          message: `${what}=${ref.text} names no stage: the file has ${model.stages.length} stage${model.stages.length === 1 ? '' : 's'} (0–${model.stages.length - 1})`,
        });
        continue;
      }
      // A reference with a tag, digest, registry or path is an image; a bare word close to a stage name is a typo.
      if (/[:/@.]/.test(ref.resolvedText)) continue;
      const near = matcher.closest(ref.resolvedText);
      if (!near) continue;
      out.push({
        range: ref.range,
        message: `${what}=${ref.text} names no stage (did you mean '${near}'?); it would pull the image '${ref.image ? formatImageName(ref.image) : ref.text}' instead`,
        fixes: [fix(`Change to '${near}'`, [replace(ref.range, near)], true)],
      });
    }
    // FROM <typo>: an image reference without tag whose name is close to an earlier stage.
    for (const stage of model.stages) {
      if (stage.base.kind !== 'image' || stage.base.unresolved.length || stage.base.text.includes('$')) continue;
      const text = stage.base.resolvedText;
      if (/[:/@.]/.test(text)) continue;
      if (model.stagesByKey.get(text.toLowerCase())) continue; // a later stage: DS102
      const near = matcher.closest(text, { before: namedBefore[stage.index] });
      if (!near) continue;
      out.push({
        range: stage.base.range,
        message: `FROM ${text} names no stage (did you mean '${near}'?); it would pull the image '${text}' instead`,
        fixes: [fix(`Change to '${near}'`, [replace(stage.base.range, near)], true)],
      });
    }
    return out;
  },
};

/** The body of docs/rules/DS101.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

A \`COPY --from\`, \`RUN --mount from=\` or \`FROM\` value that is not a stage name is taken as an image name. A misspelt stage name therefore does not fail with "unknown stage": BuildKit tries to pull an image of that name (and usually fails with "pull access denied"), or worse, succeeds. A numeric index past the last stage always fails.

## Bad

\`\`\`dockerfile
FROM golang:1.22 AS builder
RUN go build -o /app
FROM alpine:3.20
COPY --from=buidler /app /app
\`\`\`

## Good

\`\`\`dockerfile
FROM golang:1.22 AS builder
RUN go build -o /app
FROM alpine:3.20
COPY --from=builder /app /app
\`\`\`

## Quick fix

Replaces the reference with the closest stage name.
`;
