import type { Copy } from 'dockerfile-ast';
import { keptToolchain } from './toolchain';
import { isWholeContext, stageLabel } from './util';
import type { Finding, Rule } from './types';

/** DS406: the final stage of a multi-stage build copies the whole source tree that a build stage compiled. */
export const sourceInFinalStage: Rule = {
  code: 'DS406',
  name: 'source-in-final-stage',
  category: 'security',
  defaultSeverity: 'info',
  title: 'Source code in the final stage',
  fix: 'none',
  tags: ['build-context', 'copy'],
  description: 'The final stage of a multi-stage build copies the source code although a build stage compiles it.',
  check({ model, analysis }) {
    const final = model.finalStage;
    if (!final) return [];
    const builders = final.references.filter((r) => r.kind !== 'from' && r.target !== undefined && r.target !== final.index).map((r) => model.stages[r.target!]);
    const compiled = builders.find((b) => {
      const t = keptToolchain(model, analysis, b);
      return t && t.source === 'base' && t.stack !== 'python' && t.stack !== 'generic';
    });
    if (!compiled) return [];
    const out: Finding[] = [];
    for (const stage of model.stages.filter((s) => analysis.finalChain.has(s.index))) {
      for (const i of analysis.instructionsOf(stage, 'COPY', 'ADD')) {
        if ((i as Copy).getFromFlag?.()) continue;
        const whole = analysis.sources(i).find((s) => isWholeContext(s.getValue()));
        if (!whole) continue;
        out.push({
          range: i.getRange(),
          message: `the final image gets the whole source tree, though ${stageLabel(compiled)} builds it: copy only the built artifacts (COPY --from=${compiled.name ?? compiled.index} …)`,
        });
      }
    }
    return out;
  },
};

/** The body of docs/rules/DS406.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

In a multi-stage build of a compiled language the final stage needs the artifacts, not the sources: \`COPY . .\` in the final stage ships the source tree (and whatever secrets it holds).

## Bad

\`\`\`dockerfile
FROM golang:1.22 AS build
COPY . .
RUN go build -o /app
FROM alpine:3.20
COPY --from=build /app /app
COPY . /src
\`\`\`

## Good

\`\`\`dockerfile
FROM golang:1.22 AS build
COPY . .
RUN go build -o /app
FROM alpine:3.20
COPY --from=build /app /app
\`\`\`

## Quick fix

None.
`;
