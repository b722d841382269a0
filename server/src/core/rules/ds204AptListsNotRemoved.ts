import { keywordOf } from '../model';
import { fix, insert, reachNote } from './util';
import { hasCacheMount, installCommands } from './packageManagers';
import type { Finding, Rule } from './types';

/** DS204: `apt-get install` in a RUN that does not remove /var/lib/apt/lists/* (the lists stay in the layer). */
export const aptListsNotRemoved: Rule = {
  code: 'DS204',
  name: 'apt-lists-not-removed',
  category: 'image size',
  defaultSeverity: 'warning',
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
      if (/\/var\/lib\/apt\/lists/.test(text) || hasCacheMount(c.instruction, /\/var\/lib\/apt/)) continue;
      const range = analysis.rangeOf(c.instruction, c.verb.start, c.verb.end);
      const fixes = [];
      const trimmed = text.trimEnd();
      if (keywordOf(c.instruction) === 'RUN' && !/<</.test(text) && !/(;|&&?|\|\|?)$/.test(trimmed)) {
        const end = c.instruction.getRange().end;
        const esc = model.escapeChar;
        const indent = continuationIndent(analysis.lineText(c.instruction.getRange().start.line + 1), c.instruction.getRange().start.line !== end.line);
        fixes.push(fix('Remove /var/lib/apt/lists/* in the same RUN', [insert(end, ` ${esc}\n${indent}&& rm -rf /var/lib/apt/lists/*`)], true));
      }
      out.push({ range, message: `apt-get install on line ${range.start.line + 1} leaves the package lists (/var/lib/apt/lists, ~20–40 MB) in the layer${reachNote(model, model.stageOf(c.instruction)!)}: remove them in the same RUN`, fixes });
    }
    return out;
  },
};

/** The indentation of the instruction's continuation lines (4 spaces when it is one line). */
function continuationIndent(secondLine: string, multiLine: boolean): string {
  if (!multiLine) return '    ';
  const m = /^[ \t]+/.exec(secondLine);
  return m ? m[0] : '    ';
}
