/**
 * package.json `contributes.configuration` (the schema users see) and common/settings.ts (the typed settings
 * the server reads) must agree: every key, its type, its default and its enum. Walks the defaults objects,
 * so keys added later are covered without touching this test.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { SETTINGS_SECTION } from '../../common/ids';
import { execFileSync } from 'node:child_process';
import { defaultClientSettings, defaultSettings, legacyValidationEntries, resolveSettings, RULE_CODES, SEVERITIES, STANDARD_FEATURES } from '../../common/settings';
import { ALL_RULES } from '../../server/src/core/internal';
import { ROOT } from '../support/lspClient';

interface Schema {
  type?: string | string[];
  default?: unknown;
  enum?: unknown[];
  enumDescriptions?: string[];
  description?: string;
  markdownDescription?: string;
  properties?: Record<string, Schema>;
  scope?: string;
  order?: number;
}

interface Category {
  id: string;
  title: string;
  order: number;
  properties: Record<string, Schema>;
}

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const nls: Record<string, string> = JSON.parse(readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8'));
const categories: Category[] = pkg.contributes.configuration;
const properties: Record<string, Schema> = Object.assign({}, ...categories.map((c) => c.properties));
/** Walks a map's properties as leaves too: `rules` is one setting whose value is an open map. */
const MAP_SETTINGS = new Set(['rules']);

/** Leaves of a defaults object as [dotted key, value]; plain objects are walked, anything else is a leaf. */
function leaves(obj: unknown, prefix = ''): [string, unknown][] {
  if (MAP_SETTINGS.has(prefix)) return [[prefix, obj]];
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return [[prefix, obj]];
  return Object.entries(obj as Record<string, unknown>).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

function jsonType(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

const allDefaults = [...leaves(defaultSettings), ...leaves(defaultClientSettings)];

describe('settings: package.json schema and common/settings.ts agree', () => {
  it('every default has a package.json property with the same type and default', () => {
    for (const [key, value] of allDefaults) {
      const schema = properties[`${SETTINGS_SECTION}.${key}`];
      assert.ok(schema, `package.json lacks ${SETTINGS_SECTION}.${key}`);
      const types = Array.isArray(schema.type) ? schema.type : [schema.type];
      const t = jsonType(value);
      const t2 = t === 'object' ? 'object' : t;
      assert.ok(types.includes(t2) || (t === 'integer' && types.includes('number')), `${key}: type ${schema.type} in package.json, ${t} in settings.ts`);
      assert.deepEqual(schema.default, value, `${key}: default`);
      assert.ok(schema.description || schema.markdownDescription, `${key}: has a description`);
      if (schema.enum) {
        assert.ok(schema.enum.includes(value), `${key}: default ${String(value)} is in its enum`);
        assert.equal(new Set(schema.enum).size, schema.enum.length, `${key}: enum has no duplicates`);
        if (schema.enumDescriptions) assert.equal(schema.enumDescriptions.length, schema.enum.length, `${key}: one description per enum value`);
      }
    }
  });

  it('every package.json property is a key of the settings (no orphan in the schema)', () => {
    const known = new Set(allDefaults.map(([k]) => `${SETTINGS_SECTION}.${k}`));
    for (const key of Object.keys(properties)) assert.ok(known.has(key), `${key} is in package.json but not in common/settings.ts defaults`);
  });

  it('enums match the typed unions', () => {
    const rules = properties[`${SETTINGS_SECTION}.rules`].properties ?? {};
    for (const [code, schema] of Object.entries(rules)) assert.deepEqual(schema.enum, [...SEVERITIES], code);
    assert.deepEqual(properties[`${SETTINGS_SECTION}.standardFeatures`].enum, [...STANDARD_FEATURES]);
    assert.deepEqual(properties[`${SETTINGS_SECTION}.trace.server`].enum, ['off', 'messages', 'verbose']);
  });

  it('the rule codes in the settings are exactly the engine rules, and the rules map lists each with its title', () => {
    assert.deepEqual([...RULE_CODES].sort(), ALL_RULES.map((r) => r.code).sort());
    const rules = properties[`${SETTINGS_SECTION}.rules`].properties ?? {};
    for (const rule of ALL_RULES) {
      const description = rules[rule.code]?.description ?? '';
      assert.match(nls[description.replace(/^%|%$/g, '')] ?? '', new RegExp(`^${rule.name}: `), rule.code);
    }
    assert.ok(rules.DS010, 'the standard check "duplicate stage name" (validator code 10) has a code in the map');
  });

  it('settings are grouped in ordered, titled categories; every server setting is read per resource', () => {
    const canonical = ['stages', 'rules', 'size', 'conversion', 'advanced'].map((c) => `dockerfileStages.${c}`);
    const ids = categories.map((c) => c.id);
    assert.deepEqual(ids, canonical.filter((c) => ids.includes(c)), 'categories in the order stages, rules, size, conversion, advanced');
    for (const c of ['stages', 'rules', 'size', 'advanced']) assert.ok(ids.includes(`dockerfileStages.${c}`), c);
    assert.equal(nls[categories[0].title.replace(/^%|%$/g, '')], 'Stages');
    assert.deepEqual(categories.map((c) => c.order), [...categories.map((c) => c.order)].sort((a, b) => a - b));
    const serverKeys = new Set(leaves(defaultSettings).map(([k]) => `${SETTINGS_SECTION}.${k}`));
    for (const [key, schema] of Object.entries(properties)) {
      assert.equal(typeof schema.order, 'number', `${key} has an order`);
      assert.ok(schema.scope, `${key} has a scope`);
      if (serverKeys.has(key)) assert.equal(schema.scope, 'resource', `${key} is read per document`);
    }
  });

  it('every %key% of package.json is in package.nls.json', () => {
    const keys = [...readFileSync(path.join(ROOT, 'package.json'), 'utf8').matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]);
    assert.ok(keys.length > 50);
    for (const key of keys) assert.ok(key in nls, `${key} is missing from package.nls.json`);
  });

  it('package.json and docs/rules/standard.md are what scripts/gen-settings.mjs makes from the rule registry', () => {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/gen-settings.mjs'), '--check'], { cwd: ROOT, stdio: 'pipe' });
  });

  it('resolveSettings keeps the defaults for missing or mistyped values and takes given ones', () => {
    const s = resolveSettings({ rules: { DS201: 'error', DS101: 'default', DS102: 'loud' }, semanticHighlighting: 'yes' });
    assert.deepEqual(s.rules, { DS201: 'error' });
    assert.equal(s.semanticHighlighting, true);
  });

  it('resolveSettings reads the old validation settings as codes of the rules map (ignore -> off); the map wins', () => {
    const s = resolveSettings({ validation: { instructionCasing: 'ignore', deprecatedMaintainer: 'error', instructionCmdMultiple: 'warning', bogus: 'error' }, rules: { DS045: 'hint' } });
    assert.deepEqual(s.rules, { DS000: 'off', DS045: 'hint', DS037: 'warning' });
    assert.equal('validation' in s, false);
  });

  it("the client's migration finds the old keys present in a scope and the entries they become", () => {
    assert.deepEqual(legacyValidationEntries({ instructionCasing: 'ignore', directiveCasing: undefined, instructionWorkdirRelative: 'error', bogus: 'error', deprecatedMaintainer: 'loud' }), {
      keys: ['validation.instructionCasing', 'validation.instructionWorkdirRelative', 'validation.deprecatedMaintainer'],
      entries: { DS000: 'off', DS050: 'error' },
    });
    assert.deepEqual(legacyValidationEntries(undefined), { keys: [], entries: {} });
  });
});
