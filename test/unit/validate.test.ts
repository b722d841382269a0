import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { defaultSettings } from '../../common/settings';
import { buildModel, standardDiagnostics } from '../../server/src/core/internal';

const INVALID_BUILD_STAGE_NAME = 'DS012';

describe('standard validator', () => {
  it('reports invalid stage names with the real name and range (the check is defused against backtracking)', () => {
    const text = 'FROM alpine:3.22 \\\nLABEL org.opencontainers.image.source="https://github.com/meilisearch/meilisearch"\nFROM alpine AS Bad$Name\nFROM alpine AS good-name.1\n';
    const diagnostics = standardDiagnostics(buildModel(text), defaultSettings);
    const names = diagnostics.filter((d) => d.code === INVALID_BUILD_STAGE_NAME);
    assert.deepEqual(
      names.map((d) => [d.message, d.range.start.line, d.range.start.character]),
      [
        ['invalid name for build stage: "org.opencontainers.image.source="https://github.com/meilisearch/meilisearch"", name can\'t start with a number or contain symbols', 1, 6],
        ['invalid name for build stage: "bad$name", name can\'t start with a number or contain symbols', 2, 15],
      ],
    );
    assert.ok(diagnostics.some((d) => d.message === 'Second argument should be AS'));
  });

  it('orders a range the validator reports end before start (found by the fuzzer)', () => {
    // dockerfile-utils reports the missing `=` on the `\\` line from line 2:4 to line 1:8.
    const d = standardDiagnostics(buildModel('FROM a\nENV x=1 \\\n    \\\\\n    y=2\n'), defaultSettings).find((x) => /can't find =/.test(String(x.message)));
    assert.ok(d, 'the syntax error is reported');
    assert.deepEqual(d.range, { start: { line: 1, character: 8 }, end: { line: 2, character: 4 } });
  });

  it('honours the rules map for the configurable checks (off, or another severity)', () => {
    const text = 'from alpine\n';
    const [d] = standardDiagnostics(buildModel(text), defaultSettings);
    assert.equal(d.code, 'DS000');
    assert.equal(d.severity, DiagnosticSeverity.Warning);
    assert.equal(standardDiagnostics(buildModel(text), { ...defaultSettings, rules: { DS000: 'off' } }).length, 0);
    assert.equal(standardDiagnostics(buildModel(text), { ...defaultSettings, rules: { DS000: 'hint' } })[0].severity, DiagnosticSeverity.Hint);
  });

  it('reports every check under our code (validator number n is DS0nn) with a link and the number in data', () => {
    const diagnostics = standardDiagnostics(buildModel('FROM alpine AS a\nFROM alpine AS a\nFROM\n'), defaultSettings);
    assert.ok(diagnostics.length >= 2);
    for (const d of diagnostics) {
      assert.match(String(d.code), /^DS0\d\d$/);
      assert.ok(d.codeDescription?.href.endsWith(`standard.md#${String(d.code).toLowerCase()}`), d.codeDescription?.href);
    }
    const duplicate = diagnostics.find((d) => d.code === 'DS010');
    assert.ok(duplicate, 'the duplicate stage name is DS010');
    assert.equal((duplicate.data as { validatorCode: number }).validatorCode, 10);
    assert.equal(standardDiagnostics(buildModel('FROM alpine AS a\nFROM alpine AS a\n'), { ...defaultSettings, rules: { DS010: 'off' } }).length, 0);
  });

  it("gives a binary file's note a code too", () => {
    const [d] = standardDiagnostics(buildModel('FROM a\0b\n'), defaultSettings);
    assert.equal(d.code, 'DS099');
  });

  it('accepts several sources into a directory BuildKit knows (., ./., the WORKDIR), and only warns elsewhere (the legacy builder fails)', () => {
    const INVALID_DESTINATION = 'DS023';
    const text = ['FROM golang:1.22', 'WORKDIR /src', 'COPY go.mod go.sum .', 'COPY a b ./.', 'COPY ["a", "b", "."]', 'COPY a b /src', 'WORKDIR app', 'COPY a b /src/app', 'COPY a b /opt/app', ''].join('\n');
    const found = standardDiagnostics(buildModel(text), defaultSettings).filter((d) => d.code === INVALID_DESTINATION);
    assert.deepEqual(found.map((d) => [d.range.start.line, d.severity]), [[8, 2]]);
    assert.match(String(found[0].message), /^COPY with several sources into '\/opt\/app': BuildKit copies them into the directory \/opt\/app, the legacy builder \(DOCKER_BUILDKIT=0\) fails/);
  });

  it('accepts a relative WORKDIR after an absolute one (it is relative to it), and still reports one without', () => {
    const codes = (text: string) => standardDiagnostics(buildModel(text), defaultSettings).map((d) => [d.code, d.range.start.line]);
    assert.deepEqual(codes('FROM alpine:3.20\nWORKDIR /work\nWORKDIR sub\n'), []);
    assert.deepEqual(codes('FROM alpine:3.20 AS base\nWORKDIR /work\nFROM base\nWORKDIR sub\n'), []);
    assert.deepEqual(codes('FROM alpine:3.20\nWORKDIR sub\n'), [['DS050', 1]]);
  });
});
