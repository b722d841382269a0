import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { ALL_RULES, applyEdits, buildModel, diagnose, fixAllEdits, runRules } from '../../../server/src/core/internal';
import { defaultSettings, resolveSettings } from '../../../common/settings';
import { ROOT } from '../../support/lspClient';
import { lines, results } from './helpers';

const codes = (text: string, settings = defaultSettings) => runRules(buildModel(text), settings).map((r) => r.rule.code);

describe('rule engine', () => {
  it('has unique codes in their categories, kebab names and a docs page each', () => {
    const ranges: Record<string, string> = { 'stage graph': 'DS1', 'image size': 'DS2', cache: 'DS3', security: 'DS4', buildkit: 'DS5', mistakes: 'DS6' };
    assert.equal(new Set(ALL_RULES.map((r) => r.code)).size, ALL_RULES.length);
    for (const r of ALL_RULES) {
      assert.ok(r.code.startsWith(ranges[r.category]), `${r.code} is in the ${r.category} range`);
      assert.match(r.name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok(existsSync(path.join(ROOT, 'docs', 'rules', `${r.code}.md`)), `docs/rules/${r.code}.md exists`);
      // One test file per rule, named by its code (CONTRIBUTING, "Adding a rule", step 3).
      assert.ok(existsSync(path.join(ROOT, 'test', 'unit', 'rules', `${r.code}.test.ts`)), `test/unit/rules/${r.code}.test.ts exists`);
    }
  });

  it("each docs page's bad example triggers its rule, its good example does not, and the suppressions it lists silence it", () => {
    const on = resolveSettings({ rules: Object.fromEntries(ALL_RULES.map((r) => [r.code, 'warning'])) });
    for (const r of ALL_RULES) {
      if (r.code === 'DS303' || r.code === 'DS511') continue; // context rules: tested with files in their own tests
      const page = readFileSync(path.join(ROOT, 'docs', 'rules', `${r.code}.md`), 'utf8');
      const block = (title: string) => new RegExp(`## ${title}[^\\n]*\\n+\`\`\`dockerfile\\n([\\s\\S]*?)\`\`\``).exec(page)?.[1];
      const bad = block('Bad');
      const good = block('Good');
      assert.ok(bad && good, `${r.code}: the page has a Bad and a Good dockerfile example`);
      assert.ok(results(bad, r.code, on).length > 0, `${r.code}: the bad example triggers it`);
      assert.deepEqual(results(good, r.code, on).map((x) => x.finding.message), [], `${r.code}: the good example is clean`);
      // What the page's generated "Suppressing it" section promises, in its file-wide forms, silences the bad example.
      const section = page.slice(page.indexOf('## Suppressing it'));
      const forms = [
        [/# dockerfile-stages global ignore=(DS\d{3})/, (m: string) => `# dockerfile-stages global ignore=${m}`],
        [/# check=skip=(\w+)/, (m: string) => `# check=skip=${m}`],
        [/# hadolint ignore=([\w,]+)/, (m: string) => `# hadolint global ignore=${m}`],
      ] as const;
      let promised = 0;
      for (const [pattern, comment] of forms) {
        const m = pattern.exec(section);
        if (!m) continue;
        promised++;
        assert.deepEqual(results(`${comment(m[1])}\n${bad}`, r.code, on).map((x) => x.finding.message), [], `${r.code}: '${comment(m[1])}' silences the bad example`);
      }
      assert.equal(promised, 1 + (r.buildkit ? 1 : 0) + (r.hadolint?.length ? 1 : 0), `${r.code}: the page says how to suppress it`);
    }
  });

  it('applies per-rule severities, and off disables a rule', () => {
    const text = lines('FROM alpine:3.20 AS Build', 'FROM alpine:3.20', 'COPY --from=Build /a /a', 'USER app');
    const [d] = diagnose(buildModel(text), defaultSettings).filter((x) => x.code === 'DS106');
    assert.equal(d.severity, DiagnosticSeverity.Warning);
    const [e] = diagnose(buildModel(text), resolveSettings({ rules: { DS106: 'error' } })).filter((x) => x.code === 'DS106');
    assert.equal(e.severity, DiagnosticSeverity.Error);
    const [h] = diagnose(buildModel(text), resolveSettings({ rules: { DS106: 'hint' } })).filter((x) => x.code === 'DS106');
    assert.equal(h.severity, DiagnosticSeverity.Hint);
    assert.ok(!codes(text, resolveSettings({ rules: { DS106: 'off' } })).includes('DS106'));
  });

  it('honours # dockerfile-stages ignore= on the instruction below, and the global form', () => {
    const text = lines('FROM alpine:3.20', '# dockerfile-stages ignore=DS205', '# a second comment line', 'RUN apk add curl', 'RUN apk add git');
    assert.equal(results(text, 'DS205').length, 1);
    assert.equal(results(text, 'DS205')[0].finding.range.start.line, 4);
    assert.deepEqual(results(lines('# dockerfile-stages global ignore=DS205,DS302', 'FROM alpine:3.20', 'RUN apk add curl', 'RUN apk add git'), 'DS205'), []);
  });

  it('honours # hadolint ignore= for the equivalent rules, and BuildKit # check=skip=', () => {
    const text = lines('FROM alpine:3.20', '# hadolint ignore=DL3019,DL3059', 'RUN apk add curl', 'RUN apk add git');
    assert.deepEqual(results(text, 'DS205').map((r) => r.finding.range.start.line), [3]);
    assert.deepEqual(results(lines('# hadolint global ignore=DL3006', 'FROM ubuntu'), 'DS403'), []);
    const skip = lines('# check=skip=StageNameCasing,FromAsCasing', 'FROM alpine:3.20 as Build', 'FROM alpine:3.20', 'COPY --from=build /a /a');
    assert.deepEqual(codes(skip).filter((c) => c === 'DS106' || c === 'DS107'), []);
    const all = lines('# check=skip=all', 'FROM alpine:3.20 as Build', 'ENV A b');
    assert.deepEqual(codes(all).filter((c) => c.startsWith('DS5') || c === 'DS106' || c === 'DS107'), []);
    assert.ok(codes(all).includes('DS402'), 'skip=all only skips the BuildKit checks');
  });

  it('fix all applies every safe fix at once without overlaps, and the result re-analyses clean of them', () => {
    const text = lines('FROM alpine:3.20 as Build', 'RUN apk add curl', 'FROM alpine:3.20', 'COPY --from=0 /a /a', 'ENV A b', 'EXPOSE 80/TCP', 'USER app');
    const { edits, fixes } = fixAllEdits(runRules(buildModel(text), defaultSettings));
    assert.ok(fixes.length >= 4, fixes.map((f) => f.title).join(', '));
    assert.ok(fixes.every((f) => f.safe));
    const after = applyEdits(text, edits);
    assert.deepEqual(codes(after).filter((c) => ['DS106', 'DS107', 'DS108', 'DS502', 'DS508'].includes(c)), []);
    assert.equal(after, lines('FROM alpine:3.20 AS build', 'RUN apk add curl', 'FROM alpine:3.20', 'COPY --from=build /a /a', 'ENV A=b', 'EXPOSE 80/tcp', 'USER app'));
  });

  it('never throws on broken, binary or huge input', () => {
    for (const text of ['', '\0\0binary', 'FROM', 'COPY --from= /a', 'FROM a AS\nRUN \\\n', 'ENV', 'FROM alpine\nRUN <<EOF\napt-get install x\n', 'FROM x\n'.repeat(2000)]) {
      assert.doesNotThrow(() => diagnose(buildModel(text), defaultSettings));
    }
    assert.deepEqual(runRules(buildModel('FROM alpine\0'), defaultSettings), []);
  });
});
