/**
 * Suppression comments:
 * - `# dockerfile-stages ignore=DS201,DS202` in the comment block right above an instruction silences those
 *   codes on that instruction; `# dockerfile-stages global ignore=DS302` silences them in the whole file;
 * - `# hadolint ignore=DL3015` (and `# hadolint global ignore=`) silences our rules equivalent to those
 *   hadolint codes (each rule lists its `hadolint` codes);
 * - BuildKit's `# check=skip=StageNameCasing,FromAsCasing` (or `skip=all`) parser directive silences the rules
 *   that reproduce those build checks.
 */
import { instructionAtLine, instructionStartsOf, type DockerfileModel } from '../model';
import type { Rule } from './types';
import type { Analysis } from './analysis';

const OURS = /^#\s*dockerfile-stages\s+(global\s+)?ignore\s*=\s*([A-Za-z0-9_,\s-]+)/i;
const HADOLINT = /^#\s*hadolint\s+(global\s+)?ignore\s*=\s*([A-Za-z0-9_,\s-]+)/i;
const CHECK = /^#\s*check\s*=\s*(.*)$/i;
/** Every line OURS or HADOLINT matches holds one of these words. */
const MENTIONS_IGNORE = /dockerfile-stages|hadolint/i;

interface Ignores {
  codes: Set<string>;
  hadolint: Set<string>;
}

export class Suppressions {
  private readonly global: Ignores = { codes: new Set(), hadolint: new Set() };
  /** BuildKit check names skipped by `# check=skip=`, lower case; 'all' for every check. */
  private readonly skippedChecks = new Set<string>();
  /** Start line of each instruction -> ignores written in the comment block above it. */
  private readonly byInstructionLine = new Map<number, Ignores>();
  /** The same lines as a set: each suppression comment asks whether an instruction starts below it. */
  private readonly startLines: Set<number>;
  private readonly model: DockerfileModel;

  constructor(model: DockerfileModel, analysis: Analysis) {
    this.model = model;
    this.startLines = new Set(instructionStartsOf(model));
    // Parser directives: the comment lines at the very top of the file.
    for (let line = 0; line < model.lineCount; line++) {
      const t = analysis.lineText(line).trim();
      if (!t.startsWith('#')) break;
      const m = CHECK.exec(t);
      if (!m) continue;
      for (const part of m[1].split(';')) {
        const [k, v] = part.split('=').map((s) => s.trim());
        if (k?.toLowerCase() === 'skip' && v) for (const name of v.split(',')) this.skippedChecks.add(name.trim().toLowerCase());
      }
    }
    // Most files have no suppression comment: one search of the text instead of reading every line.
    const lines = MENTIONS_IGNORE.test(model.text) ? model.lineCount : 0;
    for (let line = 0; line < lines; line++) {
      const t = analysis.lineText(line).trim();
      if (!t.startsWith('#')) continue;
      const ours = OURS.exec(t);
      const hadolint = HADOLINT.exec(t);
      if (!ours && !hadolint) continue;
      const m = (ours ?? hadolint)!;
      const codes = m[2].split(/[\s,]+/).filter(Boolean).map((c) => c.toUpperCase());
      let target: Ignores;
      if (m[1]) target = this.global;
      else {
        const next = this.nextInstructionLine(line, analysis);
        if (next === undefined) continue;
        target = this.byInstructionLine.get(next) ?? { codes: new Set(), hadolint: new Set() };
        this.byInstructionLine.set(next, target);
      }
      for (const c of codes) (ours ? target.codes : target.hadolint).add(c);
    }
  }

  /** The start line of the instruction right after the comment block holding `line`. */
  private nextInstructionLine(line: number, analysis: Analysis): number | undefined {
    let l = line + 1;
    while (l < analysis.model.lineCount && analysis.lineText(l).trim().startsWith('#')) l++;
    return this.startLines.has(l) ? l : undefined;
  }

  isSuppressed(rule: Rule, line: number): boolean {
    if (matches(this.global, rule)) return true;
    if (rule.buildkit && (this.skippedChecks.has('all') || this.skippedChecks.has(rule.buildkit.toLowerCase()))) return true;
    const instruction = instructionAtLine(this.model, line);
    const ignores = this.byInstructionLine.get(instruction ? instruction.getRange().start.line : line);
    return !!ignores && matches(ignores, rule);
  }
}

function matches(ignores: Ignores, rule: Rule): boolean {
  if (ignores.codes.has(rule.code) || ignores.codes.has('ALL')) return true;
  return !!rule.hadolint?.some((h) => ignores.hadolint.has(h));
}
