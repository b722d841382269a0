import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { buildModel, createEstimateMemo, estimateImage } from '../../server/src/core/internal';
import type { ContextMeasurements, EstimateOptions } from '../../server/src/core/internal';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus');

type Rng = { int(n: number): number; chance(p: number): boolean };
const loadRng = async (seed: number): Promise<Rng> => ((await import(pathToFileURL(path.join(ROOT, 'scripts', 'fuzz.mjs')).href)) as { rng(seed: number): Rng }).rng(seed);

/** Edits that change one stage, a stage's name, the stage graph or the lines below. */
const SNIPPETS = ['x', ' ', '\n', '\\\n', '$', 'FROM alpine AS extra\n', 'COPY --from=0 /a /b\n', 'RUN apt-get install -y curl\n', 'ENV A=1\n', 'ARG V=2\n', 'WORKDIR /w\n', ' AS renamed', '# c\n'];

function edit(text: string, r: Rng): string {
  const at = r.int(text.length + 1);
  if (r.chance(0.3)) {
    // Delete up to a line's worth.
    return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + r.int(40)));
  }
  return text.slice(0, at) + SNIPPETS[r.int(SNIPPETS.length)] + text.slice(at);
}

/** Estimates of each version with one memo, compared with estimates without: they must be equal. */
function compareVersions(versions: string[], options: (version: number) => Omit<EstimateOptions, 'memo'> = () => ({})): { reused: number } {
  const memo = createEstimateMemo();
  let reused = 0;
  let previous: ReturnType<typeof estimateImage> | undefined;
  for (const [i, text] of versions.entries()) {
    const withMemo = estimateImage(buildModel(text), { ...options(i), memo });
    const fresh = estimateImage(buildModel(text), options(i));
    assert.deepStrictEqual(withMemo, fresh, `version ${i}:\n${text.slice(0, 400)}`);
    // A reused stage shares its layers with the earlier estimate.
    if (previous) for (const s of withMemo.stages) if (previous.stages.some((p) => p.layers === s.layers && p.layers.length)) reused++;
    previous = withMemo;
  }
  return { reused };
}

function multiStage(stages: number): string {
  const out = ['# syntax=docker/dockerfile:1', 'ARG GO=1.22'];
  for (let s = 0; s < stages; s++) {
    out.push(s % 3 === 2 ? `FROM s${s - 1} AS s${s}` : `FROM golang:\${GO}-bookworm AS s${s}`);
    out.push('WORKDIR /src', `ENV APP=/srv/${s}`, 'RUN apt-get update && apt-get install -y --no-install-recommends curl git && rm -rf /var/lib/apt/lists/*');
    if (s > 0) out.push(`COPY --from=s${s - 1} /out/ /usr/local/bin/`);
    out.push('COPY go.mod go.sum ./', `RUN go build -o /out/app${s} ./cmd/${s}`);
  }
  out.push('FROM gcr.io/distroless/static:nonroot', `COPY --from=s${stages - 1} /out/ /app/`);
  return out.join('\n') + '\n';
}

describe('stage memo (core/size/stageMemo.ts)', () => {
  it('reuses the stages an edit leaves alone, and the estimate equals one made without the memo', () => {
    const text = multiStage(12);
    const lines = text.split('\n');
    // A keystroke at the end of a line in the middle: that stage and the ones reading it are estimated again.
    const mid = lines.findIndex((l, i) => i > lines.length / 2 && l.startsWith('RUN go build'));
    const typed = [...lines.slice(0, mid), `${lines[mid]}x`, ...lines.slice(mid + 1)].join('\n');
    const { reused } = compareVersions([text, typed, text]);
    // 13 stages; the edited one and the three that read it (copy, FROM, copy) are not reused, twice.
    assert.ok(reused >= 2 * 13 - 2 * 5, `reused ${reused}`);
  });

  it('equals the estimate without a memo over random edits of corpus files and generated files', async (t) => {
    const r = await loadRng(17);
    const seeds = [multiStage(6), multiStage(2)];
    if (existsSync(CORPUS)) {
      const files = readdirSync(CORPUS).filter((f) => f.endsWith('.Dockerfile')).sort();
      for (let i = 0; i < files.length; i += 5) seeds.push(readFileSync(path.join(CORPUS, files[i]), 'utf8'));
    } else t.diagnostic('no ../shared/corpus: generated files only');
    let versions = 0;
    for (const seed of seeds) {
      const texts = [seed];
      for (let k = 0; k < 6; k++) texts.push(edit(texts[texts.length - 1], r));
      texts.push(seed);
      compareVersions(texts);
      versions += texts.length;
    }
    assert.ok(versions >= 16);
  });

  it('estimates a stage again when the measurement of one of its COPY lines or the architecture changes', () => {
    const text = multiStage(3);
    const copyLine = text.split('\n').findIndex((l) => l.startsWith('COPY go.mod'));
    const measured = (bytes: number): ContextMeasurements => ({
      byLine: new Map([[copyLine, { bytes, compressedBytes: bytes / 4, files: 2, truncated: false, missing: [], ignoredFiles: 0 }]]),
      manifests: {},
    });
    const sizes = [1_000, 1_000, 50_000_000, 50_000_000];
    const { reused } = compareVersions(sizes.map(() => text), (i) => ({ context: measured(sizes[i]) }));
    // The first stage holds the line: reused once (same measurement again), estimated again when it changes.
    assert.ok(reused >= 3 * 2 + 1, `reused ${reused}`);
    const memo = createEstimateMemo();
    estimateImage(buildModel(text), { arch: 'amd64', memo });
    const arm = estimateImage(buildModel(text), { arch: 'arm64', memo });
    assert.deepStrictEqual(arm, estimateImage(buildModel(text), { arch: 'arm64' }));
    // The architecture matters to this file (else the comparison above would prove nothing).
    assert.notEqual(arm.stages[0].base.compressedBytes, estimateImage(buildModel(text), { arch: 'amd64' }).stages[0].base.compressedBytes);
  });

  it('stages that copy from a stage named by a variable: keyed on every earlier stage, past a few hundred estimated each time', () => {
    // 600 stages, each `COPY --from=$PREV` (unresolved in the model: ENV sets it), a measured COPY in each.
    const lines: string[] = [];
    for (let s = 0; s < 600; s++) lines.push(`FROM debian:bookworm AS s${s}`, `ENV PREV=s${Math.max(0, s - 1)}`, 'COPY --from=$PREV /out/ /out/', 'COPY app/ /app/');
    const text = lines.join('\n') + '\n';
    const copies = lines.map((l, i) => (l.startsWith('COPY app/') ? i : -1)).filter((i) => i >= 0);
    const context = (bytes: number): ContextMeasurements => ({
      byLine: new Map(copies.map((line) => [line, { bytes, compressedBytes: bytes / 3, files: 1, truncated: false, missing: [], ignoredFiles: 0 }])),
      manifests: {},
    });
    const edited = text.replace('FROM debian:bookworm AS s300\n', 'FROM debian:bookworm AS s300\nRUN apt-get install -y curl\n');
    const versions = [text, edited, edited, text];
    const { reused } = compareVersions(versions, (i) => ({ context: context(i === 2 ? 9_000 : 1_000) }));
    assert.ok(reused > 0, `reused ${reused}`);
  });
});

