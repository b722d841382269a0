#!/usr/bin/env node
// Runs every rule (and every quick fix) over each ../shared/corpus/*.Dockerfile and prints a table of rule
// counts. Fails (exit 1) when a rule, a fix or the re-analysis after a fix throws. Not part of `npm test`.
// Usage: npm run eval:corpus [-- --corpus DIR] [--show DS201]
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
// Core internals by module path (core/internal.ts): this script checks single rules and conversions one by one.
const core = require(path.join(root, 'out/server/src/core/internal.js'));
const { defaultSettings, resolveSettings } = require(path.join(root, 'out/common/settings.js'));

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const corpus = path.resolve(opt('--corpus', path.join(root, '..', 'shared', 'corpus')));
const show = opt('--show');
if (!existsSync(corpus)) {
  console.error(`corpus not found: ${corpus}`);
  process.exit(2);
}
// Every rule on, at its default severity or 'warning' for those off by default.
const settings = resolveSettings({ rules: Object.fromEntries(core.ALL_RULES.map((r) => [r.code, r.defaultSeverity === 'off' ? 'warning' : 'default'])) });

const files = readdirSync(corpus).filter((f) => f.endsWith('.Dockerfile')).sort();
const stats = new Map(core.ALL_RULES.map((r) => [r.code, { rule: r, findings: 0, files: 0, fixable: 0, fixesOk: 0, fixesBad: 0 }]));
const errors = [];
const badFixes = [];

const counts = (text) => {
  const m = new Map();
  for (const d of core.diagnose(core.buildModel(text), settings)) m.set(String(d.code), (m.get(String(d.code)) ?? 0) + 1);
  return m;
};

for (const file of files) {
  const text = readFileSync(path.join(corpus, file), 'utf8');
  let results;
  try {
    const model = core.buildModel(text);
    results = core.runRules(model, settings, { onError: (rule, e) => errors.push(`${file}: ${rule.code} threw ${e?.stack ?? e}`) });
    const host = new core.MemoryFileSystemHost({ '/ctx/Dockerfile': text });
    results = results.concat(await core.runContextRules(model, settings, { host, dockerfilePath: '/ctx/Dockerfile' }, { onError: (rule, e) => errors.push(`${file}: ${rule.code} threw ${e?.stack ?? e}`) }));
  } catch (e) {
    errors.push(`${file}: the engine threw ${e?.stack ?? e}`);
    continue;
  }
  const before = counts(text);
  const seen = new Set();
  for (const r of results) {
    const s = stats.get(r.rule.code);
    s.findings++;
    if (!seen.has(r.rule.code)) s.files++;
    seen.add(r.rule.code);
    if (show === r.rule.code) console.log(`${file}:${r.finding.range.start.line + 1}: ${r.finding.message}`);
    const fix = r.finding.fixes?.[0];
    if (!fix || !fix.edits.length) continue;
    s.fixable++;
    try {
      const after = counts(core.applyEdits(text, fix.edits));
      const gone = (after.get(r.rule.code) ?? 0) < (before.get(r.rule.code) ?? 0);
      const added = [...after].filter(([k, n]) => n > (before.get(k) ?? 0)).map(([k]) => k);
      if (gone && !added.length) s.fixesOk++;
      else {
        s.fixesBad++;
        badFixes.push(`${file}:${r.finding.range.start.line + 1} ${r.rule.code} '${fix.title}': ${gone ? '' : 'still reported; '}${added.length ? `new ${added.join(',')}` : ''}`);
      }
    } catch (e) {
      errors.push(`${file}: fix of ${r.rule.code} threw ${e?.stack ?? e}`);
    }
  }
}

const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
console.log(`\nRules over ${files.length} Dockerfiles in ${corpus}\n`);
console.log(`${pad('code', 6)} ${pad('name', 32)} ${pad('severity', 8)} ${lpad('files', 5)} ${lpad('findings', 8)} ${lpad('fixable', 7)} ${lpad('fix ok', 6)} ${lpad('fix bad', 7)}`);
let total = 0;
for (const s of stats.values()) {
  total += s.findings;
  console.log(`${pad(s.rule.code, 6)} ${pad(s.rule.name, 32)} ${pad(s.rule.defaultSeverity, 8)} ${lpad(s.files, 5)} ${lpad(s.findings, 8)} ${lpad(s.fixable, 7)} ${lpad(s.fixesOk, 6)} ${lpad(s.fixesBad, 7)}`);
}
console.log(`\n${total} findings; ${errors.length} exceptions; ${badFixes.length} fixes that did not clear their diagnostic cleanly.`);
if (badFixes.length) console.log(`\nFixes to look at:\n  ${badFixes.slice(0, 40).join('\n  ')}${badFixes.length > 40 ? `\n  … ${badFixes.length - 40} more` : ''}`);
if (errors.length) {
  console.error(`\nExceptions:\n${errors.join('\n')}`);
  process.exit(1);
}
