// Generates, from the rule registry (server/src/core/rules/registry.ts) and the standard checks
// (server/src/core/standardCodes.ts), the parts of the manifest and the docs that list codes:
//  - package.json: the `dockerfileStages.rules` map's schema (one property per code, with its title and default) in
//    the "Rules" category of contributes.configuration; any older per-rule property (`dockerfileStages.rules.DSnnn`)
//    is dropped, so a rule added to the registry is picked up here and nowhere else;
//  - docs/rules/standard.md: the standard checks' page (DS0nn), the target of their diagnostics' links.
// Run after `tsc -b` (it reads the compiled core in out/): `node scripts/gen-settings.mjs`; `--check` exits 1 when
// either file is stale (test/unit/settingsSchema.test.ts runs it).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const core = require(path.join(root, 'out/server/src/core/index.js'));

const SEVERITIES = ['error', 'warning', 'info', 'hint', 'off'];
const SEVERITY_DESCRIPTIONS = ['Error', 'Warning', 'Information', 'Hint', 'Disabled'];
const NLS_PREFIX = 'config.rules.';
const RULES_KEY = 'dockerfileStages.rules';

/** Every code with its one-line description, in code order. */
export function ruleCodes() {
  return [
    ...core.STANDARD_CHECKS.map((c) => ({ code: c.code, text: `${c.title} (standard check; default: ${c.configurable ? 'warning' : 'error'})` })),
    { code: core.NOT_ANALYSED_CODE, text: 'File not analysed: binary, or over the size limits (default: info)' },
    ...core.ALL_RULES.map((r) => ({ code: r.code, text: `${r.name}: ${r.description.replace(/\.$/, '')} (${r.category}; default: ${r.defaultSeverity})` })),
  ].sort((a, b) => a.code.localeCompare(b.code));
}

/** The map's schema; its descriptions are package.nls.json keys (config.rules.<code>, config.severity.<value>). */
export function rulesSchema() {
  const properties = {};
  for (const { code } of ruleCodes()) {
    properties[code] = { type: 'string', enum: SEVERITIES, enumDescriptions: SEVERITIES.map((s) => `%config.severity.${s}%`), description: `%${NLS_PREFIX}${code}%` };
  }
  return {
    type: 'object',
    default: {},
    scope: 'resource',
    order: 0,
    markdownDescription:
      '%config.rules.description%',
    properties,
    additionalProperties: false,
  };
}

export function standardPage() {
  const lines = [
    '# Standard checks (DS0nn)',
    '',
    'The syntax and instruction checks of the standard Dockerfile validator ([dockerfile-utils](https://www.npmjs.com/package/dockerfile-utils)), reported under our codes: the validator\'s check number n is `DS0nn`. Set a severity with the rules map, like any rule: `"dockerfileStages.rules": { "DS000": "off" }` (`error`, `warning`, `info`, `hint`, `off`); in the CLI\'s `.dockerfile-stages.json`, `{ "rules": { "DS000": "off" } }`.',
    '',
    '| Code | Check | Default |',
    '|---|---|---|',
    ...core.STANDARD_CHECKS.map((c) => `| <a id="${c.code.toLowerCase()}"></a>${c.code} | ${c.title} | ${c.configurable ? 'warning' : 'error'} |`),
    `| <a id="${core.NOT_ANALYSED_CODE.toLowerCase()}"></a>${core.NOT_ANALYSED_CODE} | File not analysed: it looks binary (NUL bytes) or is over the size limits | info |`,
    '',
    'The checks whose default is `warning` were the settings `dockerfileStages.validation.*` before version 0.2 (`ignore` is now `off`); the three "more than one CMD / ENTRYPOINT / HEALTHCHECK" settings are one code, DS037.',
    '',
  ];
  return lines.join('\n');
}

function rulesCategory(pkg) {
  const config = pkg.contributes.configuration;
  const list = Array.isArray(config) ? config : [config];
  return list.find((c) => c.id === 'dockerfileStages.rules') ?? list[0];
}

export function generate(pkgText) {
  const pkg = JSON.parse(pkgText);
  const list = Array.isArray(pkg.contributes.configuration) ? pkg.contributes.configuration : [pkg.contributes.configuration];
  for (const c of list) for (const key of Object.keys(c.properties ?? {})) if (key.startsWith(`${RULES_KEY}.`)) delete c.properties[key];
  const category = rulesCategory(pkg);
  const existing = category.properties[RULES_KEY];
  category.properties[RULES_KEY] = { ...rulesSchema(), ...(existing?.markdownDescription ? { markdownDescription: existing.markdownDescription } : {}) };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

/** package.nls.json with the codes' descriptions and the severity names set, and codes no longer known dropped. */
export function generateNls(nlsText) {
  const nls = JSON.parse(nlsText || '{}');
  for (const key of Object.keys(nls)) if (key.startsWith(NLS_PREFIX) && /^DS\d{3}$/.test(key.slice(NLS_PREFIX.length))) delete nls[key];
  SEVERITIES.forEach((s, i) => (nls[`config.severity.${s}`] = SEVERITY_DESCRIPTIONS[i]));
  for (const { code, text } of ruleCodes()) nls[`${NLS_PREFIX}${code}`] = text;
  return `${JSON.stringify(nls, null, 2)}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  const files = [
    ['package.json', (text) => generate(text)],
    ['package.nls.json', (text) => generateNls(text)],
    ['docs/rules/standard.md', () => standardPage()],
  ];
  let stale = false;
  for (const [file, make] of files) {
    const full = path.join(root, file);
    let current = '';
    try {
      current = readFileSync(full, 'utf8');
    } catch {}
    const next = make(current);
    if (next === current) continue;
    if (check) {
      console.error(`${file} is stale: run \`npx tsc -b && node scripts/gen-settings.mjs\``);
      stale = true;
    } else {
      writeFileSync(full, next);
      console.log(`wrote ${file}`);
    }
  }
  process.exit(stale ? 1 : 0);
}
