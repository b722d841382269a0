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
import { defaultClientSettings, defaultSettings, resolveSettings, RULE_CODES, RULE_SEVERITIES } from '../../common/settings';
import { ALL_RULES } from '../../server/src/core';
import { ROOT } from '../support/lspClient';

interface Schema {
  type?: string | string[];
  default?: unknown;
  enum?: unknown[];
  enumDescriptions?: string[];
  description?: string;
  markdownDescription?: string;
  properties?: Record<string, Schema>;
}

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const properties: Record<string, Schema> = pkg.contributes.configuration.properties;

/** Leaves of a defaults object as [dotted key, value]; plain objects are walked, anything else is a leaf. */
function leaves(obj: unknown, prefix = ''): [string, unknown][] {
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
      assert.ok(types.includes(t) || (t === 'integer' && types.includes('number')), `${key}: type ${schema.type} in package.json, ${t} in settings.ts`);
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
    for (const [key] of leaves(defaultSettings.rules, 'rules')) assert.deepEqual(properties[`${SETTINGS_SECTION}.${key}`].enum, [...RULE_SEVERITIES], key);
    for (const [key] of leaves(defaultSettings.validation, 'validation')) assert.deepEqual(properties[`${SETTINGS_SECTION}.${key}`].enum, ['ignore', 'warning', 'error'], key);
    assert.deepEqual(properties[`${SETTINGS_SECTION}.trace.server`].enum, ['off', 'messages', 'verbose']);
  });

  it('the rule codes in the settings are exactly the engine rules', () => {
    assert.deepEqual([...RULE_CODES].sort(), ALL_RULES.map((r) => r.code).sort());
    assert.deepEqual(Object.keys(defaultSettings.rules).sort(), [...RULE_CODES].sort());
  });

  it('resolveSettings keeps the defaults for missing or mistyped values and takes given ones', () => {
    const s = resolveSettings({ rules: { DS201: 'error' }, semanticHighlighting: 'yes', validation: null });
    assert.equal(s.rules.DS201, 'error');
    assert.equal(s.rules.DS101, 'default');
    assert.equal(s.semanticHighlighting, true);
    assert.deepEqual(s.validation, defaultSettings.validation);
  });
});
