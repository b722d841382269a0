import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatPlatform, isPlatformArg, parsePlatform, platformArgs } from '../../server/src/core/targetPlatform';

describe('target platform and the platform ARGs', () => {
  it('parses os/arch[/variant], normalising architecture aliases', () => {
    assert.deepEqual(parsePlatform('linux/arm/v7'), { os: 'linux', arch: 'arm', variant: 'v7' });
    assert.deepEqual(parsePlatform('arm64'), { os: 'linux', arch: 'arm64', variant: '' });
    assert.equal(formatPlatform(parsePlatform('Linux/x86_64')!), 'linux/amd64');
    assert.equal(formatPlatform(parsePlatform('linux/aarch64/v8')!), 'linux/arm64');
    for (const bad of ['', 'linux/', 'a/b/c/d', 'linux/$ARCH', ' / ']) assert.equal(parsePlatform(bad), undefined, bad);
  });

  it('derives TARGET* and BUILD* (a native build), defaulting to linux/amd64', () => {
    assert.deepEqual(platformArgs(), {
      TARGETPLATFORM: 'linux/amd64', TARGETOS: 'linux', TARGETARCH: 'amd64', TARGETVARIANT: '',
      BUILDPLATFORM: 'linux/amd64', BUILDOS: 'linux', BUILDARCH: 'amd64', BUILDVARIANT: '',
    });
    assert.equal(platformArgs('windows/amd64').TARGETOS, 'windows');
    assert.equal(platformArgs('linux/arm/v6').TARGETVARIANT, 'v6');
    assert.equal(platformArgs('not a platform').TARGETARCH, 'amd64');
    assert.ok(isPlatformArg('BUILDARCH') && !isPlatformArg('ARCH'));
  });
});
