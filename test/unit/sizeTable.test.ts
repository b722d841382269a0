import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lookupBaseImage, parseImageName } from '../../server/src/core';

const look = (ref: string, arch: 'amd64' | 'arm64' = 'amd64') => lookupBaseImage(parseImageName(ref)!, arch);

describe('base-image table look-up', () => {
  it('finds exact tags with their repo-info source', () => {
    const node = look('node:24-alpine')!;
    assert.equal(node.match, 'exact');
    assert.equal(node.compressedBytes, 58204379);
    assert.match(node.source, /docker-library\/repo-info repos\/node\/remote\/24-alpine\.md @[0-9a-f]{40}/);
    assert.ok(node.uncertainty <= 0.05);
  });

  it('resolves a version a floating tag points at (alpine:3.24 = latest 3.24.2) and latest', () => {
    const a = look('alpine:3.24')!;
    assert.equal(a.match, 'version');
    assert.equal(a.compressedBytes, 3849738);
    assert.equal(a.uncompressedBytes, 8420000);
    assert.equal(a.uncompressedEstimated, false);
    assert.equal(look('alpine')!.compressedBytes, 3849738);
    assert.equal(look('alpine:latest')!.match, 'exact');
  });

  it('maps Debian release numbers and Ubuntu code names', () => {
    assert.equal(look('debian:12-slim')!.compressedBytes, look('debian:bookworm-slim')!.compressedBytes);
    assert.equal(look('debian:13')!.compressedBytes, look('debian:trixie')!.compressedBytes);
    assert.equal(look('ubuntu:noble')!.compressedBytes, look('ubuntu:24.04')!.compressedBytes);
  });

  it('falls back to the nearest version of the same variant, with a wider range', () => {
    const n = look('node:20-alpine')!;
    assert.equal(n.match, 'nearest');
    assert.match(n.row, /^node:2[24]-alpine$/);
    assert.ok(n.uncertainty >= 0.25);
    const py = look('python:3.12-slim-bookworm')!;
    assert.equal(py.row, 'python:3.13-slim');
    assert.equal(py.match, 'nearest');
    const go = look('golang:1.22')!;
    assert.equal(go.row, 'golang:1.26-bookworm', 'the default (Debian) variant, not alpine');
  });

  it('release channels and libc/user tokens match softly; a bare temurin version is the JDK', () => {
    assert.equal(look('node:lts-alpine')!.row, 'node:24-alpine');
    assert.equal(look('node:current-slim')!.row, 'node:24-slim');
    assert.equal(look('eclipse-temurin:17')!.row, 'eclipse-temurin:17-jdk');
    assert.equal(look('busybox:1.37.0-musl')!.match, 'nearest');
    assert.equal(look('rust:1.75'), undefined, 'no default-variant rust row: unknown rather than the slim figure');
  });

  it('keeps variants apart: -alpine never answers for -slim', () => {
    assert.equal(look('python:3.13-alpine')!.row, 'python:3.13-alpine');
    assert.equal(look('python:3.13-slim')!.row, 'python:3.13-slim');
    assert.equal(look('python:3.13')!.row, 'python:3.13');
  });

  it('lists smaller variants of the same version, smallest first', () => {
    const refs = look('node:24')!.variants.map((v) => v.ref);
    assert.deepEqual(refs, ['node:24-alpine', 'node:24-slim']);
    assert.deepEqual(look('node:24-alpine')!.variants, []);
  });

  it('digests: the tag figure with a wider range; a bare digest uses latest', () => {
    const d = look('node:24-alpine@sha256:' + 'a'.repeat(64))!;
    assert.equal(d.compressedBytes, 58204379);
    assert.ok(d.uncertainty >= 0.1);
    assert.ok(look('alpine@sha256:' + 'b'.repeat(64)));
  });

  it('uses the arm64 figure when the table has it, else amd64 flagged', () => {
    const arm = look('node:24-alpine', 'arm64')!;
    assert.equal(arm.compressedBytes, 58666530);
    assert.equal(arm.archFallback, undefined);
    const noArm = look('python:3.13-slim', 'arm64')!;
    assert.equal(noArm.archFallback, true);
    assert.equal(noArm.compressedBytes, 42961458);
  });

  it('gives undefined for images it does not know, and 0 for scratch', () => {
    assert.equal(look('mycorp/internal-base:1.0'), undefined);
    assert.equal(look('registry.example.com/team/app:2'), undefined);
    assert.equal(look('scratch')!.compressedBytes, 0);
  });

  it('knows registry-qualified distroless images (published uncompressed figure, approximate)', () => {
    const d = look('gcr.io/distroless/static:nonroot')!;
    assert.ok(d);
    assert.equal(d.uncompressedBytes, 2430000);
    assert.ok(d.uncertainty >= 0.2);
  });
});
