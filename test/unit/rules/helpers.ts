/**
 * Helpers for the rule tests: fixtures with «range» markers where a rule must report, and the check that a
 * fix, applied and re-analysed, removes its diagnostic and adds no other.
 */
import assert from 'node:assert/strict';
import { applyEdits, buildModel, diagnose, MemoryFileSystemHost, runContextRules, runRules, type RuleResult } from '../../../server/src/core/internal';
import { defaultSettings, resolveSettings, type Settings } from '../../../common/settings';

export interface Marked {
  text: string;
  ranges: { start: { line: number; character: number }; end: { line: number; character: number } }[];
}

/** Strips «…» markers; returns the text and the marked ranges in order. */
export function marked(source: string): Marked {
  let text = '';
  const ranges: Marked['ranges'] = [];
  const open: { line: number; character: number }[] = [];
  let line = 0;
  let character = 0;
  for (const ch of source) {
    if (ch === '«') open.push({ line, character });
    else if (ch === '»') ranges.push({ start: open.pop()!, end: { line, character } });
    else {
      text += ch;
      if (ch === '\n') {
        line++;
        character = 0;
      } else character++;
    }
  }
  ranges.sort((a, b) => a.start.line - b.start.line || a.start.character - b.start.character);
  return { text, ranges };
}

export function lines(...l: string[]): string {
  return `${l.join('\n')}\n`;
}

export function results(text: string, code: string, settings: Settings = defaultSettings): RuleResult[] {
  return runRules(buildModel(text, { target: settings.target || undefined }), settings).filter((r) => r.rule.code === code);
}

/** The rule reports exactly at the marked ranges. Returns its results. */
export function expectAt(code: string, source: string, settings?: Settings): RuleResult[] {
  const m = marked(source);
  const found = results(m.text, code, settings);
  assert.deepEqual(
    found.map((r) => r.finding.range),
    m.ranges,
    `${code} ranges; messages: ${found.map((r) => r.finding.message).join(' | ')}`,
  );
  for (const r of found) {
    assert.equal(r.diagnostic.code, code);
    assert.equal(r.diagnostic.source, 'dockerfile-stages');
    assert.match(r.diagnostic.codeDescription!.href, new RegExp(`/docs/rules/${code}\\.md$`));
  }
  return found;
}

export function expectNone(code: string, text: string, settings?: Settings): void {
  const found = results(text, code, settings);
  assert.deepEqual(found.map((r) => r.finding.message), [], `${code} should not report`);
}

function codeCounts(text: string, settings: Settings): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of diagnose(buildModel(text), settings)) {
    const k = String(d.code ?? d.message);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

/**
 * Applies fix `fixIndex` of the `nth` result of `code`, re-analyses, and asserts the diagnostic is gone
 * (one fewer of that code) and no other diagnostic appeared. Returns the fixed text.
 */
export function applyFix(code: string, text: string, opts: { nth?: number; fixIndex?: number; settings?: Settings } = {}): string {
  const settings = opts.settings ?? resolveSettings({ rules: { DS510: 'warning' } });
  const found = results(text, code, settings);
  const result = found[opts.nth ?? 0];
  assert.ok(result, `${code} reports`);
  const fix = result.finding.fixes?.[opts.fixIndex ?? 0];
  assert.ok(fix, `${code} offers a fix`);
  assert.ok(fix.edits.length > 0, 'the fix has edits');
  const after = applyEdits(text, fix.edits);
  const before = codeCounts(text, settings);
  const now = codeCounts(after, settings);
  assert.ok((now.get(code) ?? 0) < (before.get(code) ?? 0), `${code} is gone after the fix:\n${after}`);
  for (const [k, n] of now) assert.ok(n <= (before.get(k) ?? 0), `no new ${k} after the fix (${before.get(k) ?? 0} -> ${n}):\n${after}`);
  return after;
}

/** Context rules (need files): results for a Dockerfile at /ctx/Dockerfile with the given files beside it. */
/** Context-rule results for `text` as /ctx/<dockerfile> (default `Dockerfile`), with `files` under /ctx. */
export async function contextResultsFor(code: string, text: string, files: Record<string, string>, settings: Settings = defaultSettings, dockerfile = 'Dockerfile'): Promise<RuleResult[]> {
  const host = new MemoryFileSystemHost({ [`/ctx/${dockerfile}`]: text, ...Object.fromEntries(Object.entries(files).map(([k, v]) => [`/ctx/${k}`, v])) });
  const all = await runContextRules(buildModel(text), settings, { host, dockerfilePath: `/ctx/${dockerfile}` });
  return all.filter((r) => r.rule.code === code);
}
