import type { Instruction } from 'dockerfile-ast';
import { keywordOf, type DockerfileModel, type Stage } from '../model';
import { anyWord, packageManagerCommand, programOf } from '../commands';
import type { Analysis } from './analysis';
import { stagesBuiltOn } from '../stageChain';
import { fix, insert, reachNote } from './util';
import { hasCacheMount, installCommands } from './packageManagers';
import type { Finding, Rule } from './types';

/** DS204: `apt-get install` in a RUN that does not remove /var/lib/apt/lists/* (the lists stay in the layer). */
export const aptListsNotRemoved: Rule = {
  code: 'DS204',
  name: 'apt-lists-not-removed',
  category: 'image size',
  defaultSeverity: 'warning',
  title: 'apt lists not removed',
  fix: 'safe',
  tags: ['apt', 'package-cache'],
  description: 'apt-get install in a RUN that does not remove /var/lib/apt/lists/*: the package lists stay in the layer.',
  hadolint: ['DL3009'],
  check({ model, analysis }) {
    const out: Finding[] = [];
    const stages = model.stages.filter((s) => analysis.finalChain.has(s.index));
    const seen = new Set<unknown>();
    for (const c of installCommands(analysis, stages)) {
      if (c.manager !== 'apt' || seen.has(c.instruction)) continue;
      seen.add(c.instruction);
      const text = analysis.logical(c.instruction).text;
      if (anyWord(analysis.commands(c.instruction), /\/var\/lib\/apt\/lists/) || hasCacheMount(c.instruction, /\/var\/lib\/apt/)) continue;
      const range = analysis.rangeOf(c.instruction, c.verb.start, c.verb.end);
      const fixes = [];
      // The fix appends `&& rm …` after the RUN's last character: raw text, because a heredoc or a trailing operator
      // (shell syntax the command model does not keep) would make the appended line wrong.
      const trimmed = text.trimEnd();
      // A later RUN that installs without its own `apt-get update` reads these lists: removing them would fail it.
      const reader = laterListReader(model, analysis, model.stageOf(c.instruction)!, c.instruction);
      if (keywordOf(c.instruction) === 'RUN' && !/<</.test(text) && !/(;|&&?|\|\|?)$/.test(trimmed) && !reader) {
        const end = c.instruction.getRange().end;
        const esc = model.escapeChar;
        const indent = continuationIndent(analysis.lineText(c.instruction.getRange().start.line + 1), c.instruction.getRange().start.line !== end.line);
        fixes.push(fix('Remove /var/lib/apt/lists/* in the same RUN', [insert(end, ` ${esc}\n${indent}&& rm -rf /var/lib/apt/lists/*`)], true));
      }
      const later = reader ? ` once the RUN on line ${reader.getRange().start.line + 1}, which installs from these lists, runs apt-get update itself` : '';
      out.push({ range, message: `apt-get install on line ${range.start.line + 1} leaves the package lists (/var/lib/apt/lists, ~20–40 MB) in the layer${reachNote(model, model.stageOf(c.instruction)!)}: remove them in the same RUN${later}`, fixes });
    }
    return out;
  },
};

/** apt verbs that read the package lists /var/lib/apt/lists holds. */
const READS_LISTS = new Set(['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep', 'source', 'download', 'reinstall']);

/**
 * The first RUN after `instruction`, in its stage or a stage built on it, that reads the apt lists before any RUN
 * (or an earlier command of its own) has run `apt-get update` again: with the lists removed, its install fails.
 */
function laterListReader(model: DockerfileModel, analysis: Analysis, stage: Stage, instruction: Instruction): Instruction | undefined {
  const line = instruction.getRange().start.line;
  let fresh = false;
  for (const s of stagesBuiltOn(model, stage)) {
    // Each stage built on it starts from what the stage left: the lists removed (as far as this reader knows).
    if (s !== stage) fresh = false;
    for (const run of analysis.instructionsOf(s, 'RUN')) {
      if (s === stage && run.getRange().start.line <= line) continue;
      for (const cmd of analysis.commands(run)) {
        const apt = packageManagerCommand(cmd);
        const verb = apt?.manager === 'apt' ? apt.verb.text : undefined;
        if (verb === 'update') fresh = true;
        else if (!fresh && ((verb && READS_LISTS.has(verb)) || programOf(cmd) === 'apt-cache')) return run;
      }
    }
  }
  return undefined;
}

/** The indentation of the instruction's continuation lines (4 spaces when it is one line). */
function continuationIndent(secondLine: string, multiLine: boolean): string {
  if (!multiLine) return '    ';
  const m = /^[ \t]+/.exec(secondLine);
  return m ? m[0] : '    ';
}

/** The body of docs/rules/DS204.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

\`apt-get update\` downloads package lists (20\u201340 MB) to /var/lib/apt/lists. Unless the same RUN removes them, they stay in the layer (hadolint DL3009). Only the final image counts: build stages are not checked.

## Bad

\`\`\`dockerfile
FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl
\`\`\`

## Good

\`\`\`dockerfile
FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl \\
    && rm -rf /var/lib/apt/lists/*
\`\`\`

## Quick fix

Appends \`&& rm -rf /var/lib/apt/lists/*\` to the RUN, as a continuation line with the same indentation. Not offered while a later RUN (in the stage or one built on it) installs from the lists without running \`apt-get update\` itself first: with the lists gone, that install would fail. The message names that RUN.
`;
