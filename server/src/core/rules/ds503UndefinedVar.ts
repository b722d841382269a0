import type { Variable } from 'dockerfile-ast';
import { copyRange } from '../astPatches';
import { keywordOf, type Stage } from '../model';
import type { Analysis } from './analysis';
import { fix, NameMatcher, replace, timesOf } from './util';
import { chainOf } from '../stageChain';
import type { Finding, Rule } from './types';

/** Build arguments BuildKit defines without an ARG, and proxy variables. */
export const PREDEFINED = new Set([
  'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT', 'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT',
  'HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy',
  'BUILDKIT_SYNTAX', 'BUILDKIT_INLINE_CACHE', 'BUILDKIT_MULTI_PLATFORM', 'BUILDKIT_CONTEXT_KEEP_GIT_DIR', 'SOURCE_DATE_EPOCH',
]);

/** Instructions whose variables the builder expands (RUN, CMD … are expanded by the shell at run time). */
const EXPANDED = new Set(['ADD', 'COPY', 'ENV', 'EXPOSE', 'LABEL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);
/** The instructions DS503 reads in a stage: those it checks, and the ARGs and ENVs that define names. */
const READ = [...EXPANDED, 'ARG'];

/** DS503: a variable used in ADD/COPY/ENV/WORKDIR/… that nothing defines (BuildKit UndefinedVar). */
export const undefinedVar: Rule = {
  code: 'DS503',
  name: 'undefined-var',
  category: 'buildkit',
  defaultSeverity: 'warning',
  title: 'Undefined variable',
  fix: 'suggested',
  tags: ['args'],
  description: 'A variable is used that no ARG or ENV defines (a misspelling, or an ARG missing in the stage).',
  buildkit: 'UndefinedVar',
  check({ model, analysis }) {
    const out: Finding[] = [];
    const everywhere = new Set<string>([...model.globalArgs.keys()]);
    // In document order: the matcher prefers the earliest candidate on a tie.
    for (const i of analysis.instructionsWith('ARG', 'ENV')) for (const p of analysis.properties(i)) everywhere.add(p.getName());
    // Built once per file: each undefined name's suggestion is computed once, not per occurrence.
    const matcher = new NameMatcher(everywhere);
    for (const stage of model.stages) {
      // From scratch nothing is inherited; from an image its ENV is unknown here, so only misspellings count.
      const chain = chainOf(model, stage);
      const fromScratch = chain[0].base.kind === 'scratch';
      // Names the stage defines or inherits (the predefined ones are looked up in PREDEFINED itself).
      const defined = new Set<string>();
      // A stage built FROM another stage inherits its ARGs and ENVs (BuildKit; docs: "variables are inherited from parent stages").
      for (let k = 0; k + 1 < chain.length; k++) for (const name of definedIn(analysis, chain[k])) defined.add(name);
      for (const instruction of analysis.instructionsOf(stage, ...READ)) {
        const keyword = keywordOf(instruction);
        // Without a '$' it has no variable (dockerfile-ast's getVariables parses and copies for nothing).
        if (EXPANDED.has(keyword) && analysis.holds(instruction, '$')) {
          // One finding per name per instruction, as BuildKit reports its unmatched names; the fix renames every use.
          const uses = new Map<string, Variable[]>();
          for (const v of analysis.variables(instruction)) {
            const name = v.getName();
            if (!name || PREDEFINED.has(name) || defined.has(name) || stage.config.env.has(name)) continue;
            if (keyword === 'ENV' && analysis.properties(instruction).some((p) => p.getName() === name && p.getNameRange().start.character < v.getNameRange().start.character)) continue;
            const list = uses.get(name);
            if (list) list.push(v);
            else uses.set(name, [v]);
          }
          for (const [name, vs] of uses) {
            const finding = undefinedFinding(stage, name, vs, everywhere.has(name), matcher.closest(name, { excludeSelf: true }), fromScratch);
            if (finding) out.push(finding);
          }
        }
        if (keyword === 'ARG' || keyword === 'ENV') for (const p of analysis.properties(instruction)) defined.add(p.getName());
      }
    }
    return out;
  },
};

/** The names a stage's ARGs and ENVs define, in order (once per stage: every stage built FROM it asks again). */
function definedIn(analysis: Analysis, stage: Stage): string[] {
  return analysis.memo(`DS503 defined in ${stage.index}`, () => {
    const names: string[] = [];
    for (const instruction of analysis.instructionsOf(stage, 'ARG', 'ENV')) for (const p of analysis.properties(instruction)) names.push(p.getName());
    return names;
  });
}

/** The finding for a name nothing in scope defines (its uses in one instruction), if it is one to report. */
function undefinedFinding(stage: Stage, name: string, uses: Variable[], definedElsewhere: boolean, near: string | undefined, fromScratch: boolean): Finding | undefined {
  const times = timesOf(uses);
  let message: string;
  if (definedElsewhere && !near) message = `'$${name}'${times} is not defined in ${stage.name ? `stage '${stage.name}'` : 'this stage'}: declare ARG ${name} in the stage (a global ARG is not in scope after FROM)`;
  else if (near) message = `'$${name}'${times} is not defined (did you mean '$${near}'?)`;
  else if (fromScratch) message = `'$${name}'${times} is not defined: no ARG or ENV sets it, and a stage from scratch inherits nothing`;
  else return undefined;
  // Ranges of their own: the variables are the parse tree's (analysis.variables).
  const ranges = uses.map((v) => copyRange(v.getNameRange()));
  return { range: ranges[0], message, ...(near ? { fixes: [fix(`Change to '${near}'`, ranges.map((r) => replace(r, near)), false)] } : {}) };
}

/** The body of docs/rules/DS503.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

A variable that no ARG or ENV defines expands to an empty string (BuildKit check UndefinedVar). Reported are misspellings of a defined variable, global ARGs used after FROM without being re-declared in the stage, and unset variables in stages built from scratch. Variables of base images are not known here, so other names are not reported.

## Bad

\`\`\`dockerfile
FROM alpine:3.20
ENV APP_DIR=/app
WORKDIR $APP_DRI
\`\`\`

## Good

\`\`\`dockerfile
FROM alpine:3.20
ENV APP_DIR=/app
WORKDIR $APP_DIR
\`\`\`

## Quick fix

Replaces a misspelling with the defined name.
`;
