// Generates, from the rule registry (server/src/core/rules/registry.ts) and the standard checks
// (server/src/core/standardCodes.ts), the parts of the manifest and the docs that list codes, and keeps the
// settings page in shape:
//  - package.json: the `dockerfileStages.rules` map's schema (one property per code, with its title and default) in
//    the "Rules" category of contributes.configuration; any older per-rule property (`dockerfileStages.rules.DSnnn`)
//    is dropped, so a rule added to the registry is picked up here and nowhere else; every other setting in its
//    category (stages, rules, size, conversion, advanced: a new one is placed by its key), with an order;
//  - package.nls.json: the strings of all of these, and of the commands;
//  - docs/rules/standard.md: the standard checks' page (DS0nn), the target of their diagnostics' links.
// Run by `npm run gen` (scripts/gen.mjs, with the other generated files); alone, after `tsc -b` (it reads the
// compiled core in out/): `node scripts/gen-settings.mjs`; `--check` exits 1 when
// either file is stale (test/unit/settings.test.ts runs it).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
// Rule and standard-check metadata, by module path.
const core = {
  ...require(path.join(root, 'out/server/src/core/rules/registry.js')),
  ...require(path.join(root, 'out/server/src/core/standardCodes.js')),
  ...require(path.join(root, 'out/server/src/core/validate.js')),
};

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

/** The settings categories, in order, and where a property goes by its key (the first match). */
const CATEGORIES = [
  { id: 'dockerfileStages.stages', title: 'Stages', match: /^dockerfileStages\.(target|platform|decorations\.|semanticHighlighting)/ },
  { id: 'dockerfileStages.rules', title: 'Rules', match: /^dockerfileStages\.(rules|standardFeatures)$/ },
  { id: 'dockerfileStages.size', title: 'Image size', match: /^dockerfileStages\.size\./ },
  { id: 'dockerfileStages.conversion', title: 'Conversion', match: /^dockerfileStages\.(convert|conversion|verify)/ },
  { id: 'dockerfileStages.advanced', title: 'Advanced', match: /./ },
];

const isNlsRef = (v) => typeof v === 'string' && /^%[^%]+%$/.test(v);

/**
 * package.json and package.nls.json as they should be: the configuration as ordered, titled categories (a
 * property added anywhere, even to a flat `configuration` object, is moved to its category and given an order
 * after the others); `dockerfileStages.rules` generated; no old per-rule or validation.* property; every
 * setting description, enum description and command title in package.nls.json (`config.<key>`, `command.<id>`).
 */
export function generate(pkgText, nlsText) {
  const pkg = JSON.parse(pkgText);
  const nls = JSON.parse(nlsText || '{}');
  const toNls = (key, value) => {
    if (value === undefined || isNlsRef(value)) return value;
    nls[key] = value;
    return `%${key}%`;
  };
  const config = pkg.contributes.configuration;
  const list = Array.isArray(config) ? config : [config];
  const placed = new Map(CATEGORIES.map((c) => [c.id, []]));
  const existing = new Map();
  for (const c of list) if (c.id) existing.set(c.id, c);
  for (const c of list) {
    for (const [key, schema] of Object.entries(c.properties ?? {})) {
      if (key.startsWith(`${RULES_KEY}.`) || key.startsWith('dockerfileStages.validation.')) continue;
      const category = c.id && placed.has(c.id) ? c.id : CATEGORIES.find((x) => x.match.test(key)).id;
      placed.get(category).push([key, schema]);
    }
  }
  const categories = [];
  CATEGORIES.forEach((spec, index) => {
    let props = placed.get(spec.id);
    if (spec.id === 'dockerfileStages.rules') {
      const old = props.find(([k]) => k === RULES_KEY)?.[1];
      const rules = { ...rulesSchema(), markdownDescription: old?.markdownDescription ?? '%config.rules.description%' };
      props = [[RULES_KEY, rules], ...props.filter(([k]) => k !== RULES_KEY)];
    }
    if (!props.length) return;
    // Stable order: the given orders first, then properties without one, as they came.
    props = props.map(([k, v], i) => [k, v, typeof v.order === 'number' ? v.order : 1000 + i]).sort((a, b) => a[2] - b[2]);
    const properties = {};
    props.forEach(([key, schema], order) => {
      const id = key.replace(/^dockerfileStages\./, '');
      const out = { ...schema, order };
      if (!out.scope) out.scope = 'resource';
      if (out.description) out.description = toNls(`config.${id}`, out.description);
      if (out.markdownDescription) out.markdownDescription = toNls(`config.${id}`, out.markdownDescription);
      if (out.enumDescriptions) out.enumDescriptions = out.enumDescriptions.map((d, i) => toNls(`config.${id}.${out.enum[i]}`, d));
      properties[key] = out;
    });
    const title = existing.get(spec.id)?.title ?? toNls(`config.category.${spec.id.split('.')[1]}`, spec.title);
    categories.push({ id: spec.id, title, order: index + 1, properties });
  });
  pkg.contributes.configuration = categories;
  for (const c of pkg.contributes.commands ?? []) {
    c.title = toNls(`command.${c.command.replace(/^dockerfileStages\./, '')}`, c.title);
    c.category = toNls('command.category', c.category);
  }
  // The rule codes' descriptions and the severity names.
  for (const key of Object.keys(nls)) if (key.startsWith(NLS_PREFIX) && /^DS\d{3}$/.test(key.slice(NLS_PREFIX.length))) delete nls[key];
  SEVERITIES.forEach((sev, i) => (nls[`config.severity.${sev}`] = SEVERITY_DESCRIPTIONS[i]));
  for (const { code, text } of ruleCodes()) nls[`${NLS_PREFIX}${code}`] = text;
  return { pkg: `${JSON.stringify(pkg, null, 2)}\n`, nls: `${JSON.stringify(nls, null, 2)}\n` };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  const read = (file) => {
    try {
      return readFileSync(path.join(root, file), 'utf8');
    } catch {
      return '';
    }
  };
  const { pkg, nls } = generate(read('package.json'), read('package.nls.json'));
  const files = [
    ['package.json', pkg],
    ['package.nls.json', nls],
    ['docs/rules/standard.md', standardPage()],
  ];
  let stale = false;
  for (const [file, next] of files) {
    if (next === read(file)) continue;
    if (check) {
      console.error(`${file} is stale: run \`npx tsc -b && node scripts/gen-settings.mjs\``);
      stale = true;
    } else {
      writeFileSync(path.join(root, file), next);
      console.log(`wrote ${file}`);
    }
  }
  process.exit(stale ? 1 : 0);
}
