import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lookupBaseImage, parseImageName } from '../../server/src/core/internal';

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
    const n = look('node:19-alpine')!;
    assert.equal(n.match, 'nearest');
    assert.match(n.row, /^node:(18|20)-alpine$/);
    assert.ok(n.uncertainty >= 0.25);
    const py = look('python:3.12-slim-bookworm')!;
    assert.equal(py.row, 'python:3.12-slim');
    assert.equal(py.match, 'nearest', 'the table row is trixie-based');
    const go = look('golang:1.19')!;
    assert.equal(go.match, 'nearest');
    assert.equal(go.row, 'golang:1.21-bookworm', 'the default (Debian) variant, the closest version');
    const maven = look('maven:3.9-eclipse-temurin-17')!;
    assert.equal(maven.row, 'maven:3-eclipse-temurin-21', 'the JDK number inside the tag is compared by distance');
    assert.equal(maven.match, 'nearest');
    assert.equal(look('gradle:8.7-jdk21')!.row, 'gradle:jdk21');
  });

  it('finds the versions the project added with their source (node 20, golang 1.21–1.24, alpine 3.20, openjdk 8/11/17)', () => {
    for (const [ref, bytes] of [['node:20', 397742964], ['node:20-slim', 70683740], ['golang:1.22', 299381750], ['golang:1.24-bookworm', 308188824], ['alpine:3.20', 3627056], ['openjdk:8', 236943558], ['openjdk:17', 242716018], ['openjdk:11-jre-slim', 72513663]] as const) {
      const i = look(ref)!;
      assert.equal(i.compressedBytes, bytes, ref);
      assert.notEqual(i.match, 'nearest', ref);
      assert.match(i.source, /repo-info.* @[0-9a-f]{40}$/, ref);
    }
  });

  it('release channels and libc/user tokens match softly; a bare temurin version is the JDK', () => {
    const lts = look('node:lts-alpine')!;
    assert.match(lts.row, /^node:\d+-alpine$/);
    assert.equal(lts.match, 'nearest', 'a moving channel is never presented as an exact figure');
    assert.equal(look('eclipse-temurin:17')!.row, 'eclipse-temurin:17-jdk');
    assert.equal(look('busybox:1.37.0-musl')!.match, 'nearest');
    assert.equal(look('rust:1.75')!.row, 'rust:1-bookworm');
    assert.equal(look('rust:1.75-slim')!.row, 'rust:slim');
    assert.equal(look('openjdk:8-jdk')!.row, 'openjdk:8', 'openjdk:8 is the JDK');
    assert.equal(look('openjdk:11')!.match, 'nearest');
    assert.equal(look('openjdk:11-jre'), undefined, 'no variant of it in the table: unknown');
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
