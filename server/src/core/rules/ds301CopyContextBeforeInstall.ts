import type { Copy, Instruction } from 'dockerfile-ast';
import type { TextEdit } from 'vscode-languageserver-types';
import { keywordOf, type DockerfileModel, type Stage } from '../model';
import { argsOf, programOf, type Analysis, type ShellCommand } from './analysis';
import { fix, insert, isWholeContext } from './util';
import type { Finding, Rule, RuleFix } from './types';
import { MAVEN_COMPILE_GOALS } from '../stacks';

interface Install {
  /** What it installs from ("package*.json"), for the message and the COPY. */
  manifests: string;
  label: string;
  /** The command only installs dependencies (so the RUN can move before the COPY). */
  installOnly: boolean;
  /** An install-only command to insert when the RUN also builds (go build → go mod download). */
  prefetch?: string;
}

/** The dependency install a command performs, if any. */
function installOf(program: string, args: string[]): Install | undefined {
  const sub = args.find((a) => !a.startsWith('-'));
  const noPackages = args.filter((a) => !a.startsWith('-')).length <= 1;
  if (program === 'npm' && (sub === 'ci' || ((sub === 'install' || sub === 'i') && noPackages))) return { manifests: 'package*.json', label: `npm ${sub}`, installOnly: true };
  if (program === 'yarn' && (!sub || sub === 'install')) return { manifests: 'package.json yarn.lock', label: 'yarn install', installOnly: true };
  if (program === 'pnpm' && (sub === 'install' || sub === 'i') && noPackages) return { manifests: 'package.json pnpm-lock.yaml', label: 'pnpm install', installOnly: true };
  if (/^pip[0-9.]*$/.test(program) && sub === 'install') {
    const r = args.findIndex((a) => a === '-r' || a === '--requirement');
    const file = r >= 0 ? args[r + 1] : undefined;
    if (file && !file.includes('$')) return { manifests: file, label: `pip install -r ${file}`, installOnly: args.filter((a) => !a.startsWith('-')).length === 2 };
    return undefined;
  }
  if (program === 'poetry' && sub === 'install') return { manifests: 'pyproject.toml poetry.lock', label: 'poetry install', installOnly: false };
  if (program === 'go' && sub === 'mod' && args.includes('download')) return { manifests: 'go.mod go.sum', label: 'go mod download', installOnly: true };
  if (program === 'go' && (sub === 'build' || sub === 'install')) return { manifests: 'go.mod go.sum', label: `go ${sub}`, installOnly: false, prefetch: 'go mod download' };
  if (program === 'mvn' && args.some((a) => MAVEN_COMPILE_GOALS.includes(a))) return { manifests: 'pom.xml', label: 'mvn', installOnly: false, prefetch: 'mvn -B dependency:go-offline' };
  if (program === 'bundle' && sub === 'install') return { manifests: 'Gemfile Gemfile.lock', label: 'bundle install', installOnly: true };
  if (program === 'composer' && sub === 'install') return { manifests: 'composer.json composer.lock', label: 'composer install', installOnly: true };
  if (program === 'cargo' && sub === 'chef' && args.includes('cook')) return { manifests: 'Cargo.toml Cargo.lock', label: 'cargo chef cook', installOnly: true };
  if (program === 'cargo' && (sub === 'build' || sub === 'install')) return { manifests: 'Cargo.toml Cargo.lock', label: `cargo ${sub}`, installOnly: false };
  if (program === 'dotnet' && (sub === 'restore' || sub === 'publish' || sub === 'build')) return { manifests: '*.csproj', label: `dotnet ${sub}`, installOnly: false };
  return undefined;
}

function installsIn(analysis: Analysis, run: Instruction): { installs: Install[]; all: boolean } {
  const installs: Install[] = [];
  let all = true;
  for (const cmd of analysis.commands(run)) {
    const found = installOf(analysis.program(cmd), analysis.argTexts(cmd));
    if (found) {
      installs.push(found);
      if (!found.installOnly) all = false;
    } else if (!['cd', 'set', 'true'].includes(analysis.program(cmd))) all = false;
  }
  return { installs, all };
}

/** `cargo chef cook`, `cargo fetch`, `cargo vendor`: the crates are fetched without the sources. */
function fetchesCrates(cmd: ShellCommand): boolean {
  if (programOf(cmd) !== 'cargo') return false;
  const words = argsOf(cmd).filter((a) => !a.text.startsWith('-')).map((a) => a.text);
  return words[0] === 'fetch' || words[0] === 'vendor' || (words[0] === 'chef' && words[1] === 'cook');
}

/** DS301: the whole build context is copied before the dependency install, so every source edit re-installs. */
export const copyContextBeforeInstall: Rule = {
  code: 'DS301',
  name: 'copy-context-before-install',
  category: 'cache',
  defaultSeverity: 'warning',
  title: 'Build context copied before the install',
  fix: 'suggested',
  tags: ['build-context', 'layers', 'copy'],
  description: 'The whole context is copied before the dependency install: any source change invalidates the install layer.',
  check({ model, analysis }) {
    const out: Finding[] = [];
    for (const stage of model.stages) {
      const list = stage.instructions;
      const copy = analysis.instructionsOf(stage, 'COPY', 'ADD').find((i) => !(i as Copy).getFromFlag?.() && analysis.sources(i).some((s) => isWholeContext(s.getValue())));
      if (!copy) continue;
      const copyIndex = list.indexOf(copy);
      for (let k = copyIndex + 1; k < list.length; k++) {
        if (keywordOf(list[k]) !== 'RUN') continue;
        const { installs, all } = installsIn(analysis, list[k]);
        if (!installs.length) continue;
        const install = installs[0];
        // The manifests were copied (and the dependencies fetched) before the whole context: done right.
        const patterns = install.manifests.split(' ').map((m) => new RegExp(`^${m.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`));
        const earlier = [...parentInstructions(model, stage), ...list.slice(1, copyIndex)]
          .some((i) => keywordOf(i) === 'COPY' && analysis.sources(i).some((src) => patterns.some((p) => p.test(src.getValue().replace(/^.*\//, '')))));
        if (earlier) break;
        // The dependencies were installed before the COPY already: `cargo chef cook` from a recipe, `cargo fetch`,
        // a build of a dummy main, `go mod download` from go.mod copied earlier.
        const installedBefore = [...parentInstructions(model, stage), ...list.slice(1, copyIndex)]
          .some((i) => keywordOf(i) === 'RUN' && (installsIn(analysis, i).installs.some((x) => x.manifests === install.manifests) || (install.manifests.startsWith('Cargo') && analysis.commands(i).some(fetchesCrates))));
        if (installedBefore) break;
        const args = copy.getArguments();
        const dest = args[args.length - 1]?.getValue() ?? '.';
        const destDir = dest.endsWith('/') ? dest : `${dest}/`;
        // Upper case whatever the file uses: the standard validator flags any other casing.
        const copyKeyword = 'COPY';
        const copyLine = copy.getRange().start.line;
        const at = { line: copyLine, character: 0 };
        const fixes: RuleFix[] = [];
        const copyManifests = `${copyKeyword} ${install.manifests} ${destDir}\n`;
        if (all && k === copyIndex + 1 && !install.manifests.includes('*.csproj')) {
          // Move the install-only RUN above the COPY, after a COPY of the manifests.
          const run = list[k];
          const runStart = run.getRange().start.line;
          const runEnd = run.getRange().end.line;
          const runText = Array.from({ length: runEnd - runStart + 1 }, (_, n) => analysis.lineText(runStart + n)).join('\n');
          const deleteRun: TextEdit = { range: { start: { line: runStart, character: 0 }, end: { line: runEnd + 1, character: 0 } }, newText: '' };
          if (runEnd + 1 >= model.lineCount) deleteRun.range.end = { line: runEnd, character: analysis.lineText(runEnd).length };
          fixes.push(fix(`Copy ${install.manifests} and install before copying the rest`, [insert(at, `${copyManifests}${runText}\n`), deleteRun], false));
        } else if (install.prefetch) {
          fixes.push(fix(`Copy ${install.manifests} and run '${install.prefetch}' before copying the rest`, [insert(at, `${copyManifests}RUN ${install.prefetch}\n`)], false));
        }
        out.push({
          range: copy.getRange(),
          message: `'${analysis.textOf(copy.getRange()).split('\n')[0]}' comes before '${install.label}' (line ${list[k].getRange().start.line + 1}): every source change re-downloads the dependencies; copy ${install.manifests} first, install the dependencies, then copy the rest`,
          fixes,
        });
        break;
      }
    }
    return out;
  },
};

/** The instructions of the stages this one is built FROM (`FROM deps AS build`), earliest first. */
function parentInstructions(model: DockerfileModel, stage: Stage): Instruction[] {
  const out: Instruction[][] = [];
  const seen = new Set<number>([stage.index]);
  let s = stage.parent !== undefined ? model.stages[stage.parent] : undefined;
  while (s && !seen.has(s.index)) {
    seen.add(s.index);
    out.unshift(s.instructions.slice(1));
    s = s.parent !== undefined ? model.stages[s.parent] : undefined;
  }
  return out.flat();
}

/** The body of docs/rules/DS301.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

The layer cache is invalidated from the first instruction whose inputs change. \`COPY . .\` before the dependency install makes every source edit re-run the install. Copy the dependency manifest (package*.json, requirements.txt, go.mod/go.sum, pom.xml, Cargo.toml \u2026) first, install, then copy the rest.

Not reported when the dependencies were installed before the \`COPY\` already, in the stage or a stage it is built
\`FROM\`: \`cargo chef cook\` from a recipe (cargo-chef), \`cargo fetch\`, \`go mod download\` after copying go.mod, or
the same install.

## Bad

\`\`\`dockerfile
FROM node:20-slim
WORKDIR /app
COPY . .
RUN npm ci
CMD ["node", "index.js"]
\`\`\`

## Good

\`\`\`dockerfile
FROM node:20-slim
WORKDIR /app
COPY package*.json ./
RUN npm ci
COPY . .
CMD ["node", "index.js"]
\`\`\`

## Quick fix

When the install RUN follows the COPY and only installs, inserts a COPY of the manifests and moves the RUN above the COPY; for \`go build\` and \`mvn\`, inserts \`COPY go.mod go.sum ./\` + \`RUN go mod download\` (or \`pom.xml\` + \`mvn dependency:go-offline\`).
`;
