import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { alpineTag, jreTag, namesRelease, slimTag } from '../../server/src/core/stacks';
import { slimVariant } from '../../server/src/core/rules/ds202FullBaseImage';
import { smallerVariants } from '../../server/src/core/convert/switchBase';
import { ROOT } from '../support/lspClient';

const SHARED = path.resolve(ROOT, '..', 'shared');

/** Official image references (`repo:tag`) the shared data lists: docker-library/repo-info's tags, and the stand-in images. */
function publishedTags(): Set<string> {
  const sizes = JSON.parse(readFileSync(path.join(SHARED, 'data', 'base-image-sizes.json'), 'utf8')) as { entries: { image: string; tag: string }[] };
  const standIns = readFileSync(path.join(SHARED, 'tools', 'offline-images', 'README.md'), 'utf8').match(/\b[a-z-]+:[0-9a-z.-]+\b/g) ?? [];
  return new Set([...sizes.entries.map((e) => `${e.image}:${e.tag}`), ...standIns]);
}

describe('image variant tags (core/stacks/variants.ts)', () => {
  it('names slim tags the way each official image does', () => {
    assert.equal(slimTag('node', '20'), '20-slim');
    assert.equal(slimTag('node', 'latest'), 'slim');
    // node puts the Debian release before -slim, python, ruby and rust after it.
    assert.equal(slimTag('node', '20-bookworm'), '20-bookworm-slim');
    assert.equal(slimTag('node', 'lts-bookworm'), 'lts-bookworm-slim');
    assert.equal(slimTag('node', 'bookworm'), 'bookworm-slim');
    assert.equal(slimTag('python', '3.12-bookworm'), '3.12-slim-bookworm');
    assert.equal(slimTag('python', 'bookworm'), 'slim-bookworm');
    assert.equal(slimTag('ruby', '3.4-trixie'), '3.4-slim-trixie');
    assert.equal(slimTag('rust', '1-bookworm'), '1-slim-bookworm');
    // Already small: kept.
    assert.equal(slimTag('node', '20-alpine'), '20-alpine');
    assert.equal(slimTag('python', '3.12-slim'), '3.12-slim');
    // No slim images: php, golang, an unknown image.
    assert.equal(slimTag('php', '8.3'), undefined);
    assert.equal(slimTag('golang', '1.22'), undefined);
    assert.equal(slimTag('mysql', '8'), undefined);
  });

  it('names the slim tags of debian and perl, and JRE tags', () => {
    assert.equal(slimTag('debian', 'bookworm'), 'bookworm-slim');
    assert.equal(slimTag('debian', '12'), '12-slim');
    assert.equal(slimTag('debian', 'latest'), 'stable-slim');
    assert.equal(slimTag('debian', 'bookworm-20240311'), 'bookworm-20240311-slim');
    assert.equal(slimTag('debian', 'bookworm-backports'), undefined);
    assert.equal(alpineTag('debian', 'bookworm'), undefined);
    assert.equal(slimTag('perl', '5.40'), '5.40-slim');
    assert.equal(slimTag('perl', '5.40-bookworm'), '5.40-slim-bookworm');
    assert.equal(alpineTag('perl', '5.40'), undefined, 'perl publishes no alpine images');
    assert.equal(jreTag('eclipse-temurin', '21-jdk'), '21-jre');
    assert.equal(jreTag('eclipse-temurin', '21'), '21-jre');
    assert.equal(jreTag('eclipse-temurin', '21-jdk-alpine'), '21-jre-alpine');
    assert.equal(jreTag('eclipse-temurin', '21.0.2_13-jdk-jammy'), '21.0.2_13-jre-jammy');
    assert.equal(jreTag('eclipse-temurin', '21-jre'), undefined);
    assert.equal(jreTag('node', '20'), undefined);
    // Windows tags have no Linux variants.
    assert.equal(alpineTag('golang', '1.8-nanoserver'), undefined);
    assert.equal(slimTag('python', '3.12-windowsservercore-ltsc2022'), undefined);
  });

  it("DS202's suggestion: a runtime's slim tag or a JDK's JRE; a toolchain image's is DS210's", () => {
    assert.equal(slimVariant('node', 'iron'), 'iron-slim');
    assert.equal(slimVariant('python', '3.12'), '3.12-slim');
    assert.equal(slimVariant('debian', '12'), '12-slim');
    assert.equal(slimVariant('eclipse-temurin', '21-jdk'), '21-jre');
    assert.equal(slimVariant('rust', '1.80-bookworm'), undefined);
    assert.equal(slimVariant('golang', '1.22'), undefined);
    assert.equal(slimVariant('node', '20-slim'), undefined);
  });

  it('names alpine tags without the Debian release or slim, and none where the image has none', () => {
    assert.equal(alpineTag('node', '20-bookworm-slim'), '20-alpine');
    assert.equal(alpineTag('python', '3.12-slim-bookworm'), '3.12-alpine');
    assert.equal(alpineTag('golang', '1.22-bookworm'), '1.22-alpine');
    assert.equal(alpineTag('php', '8.3-fpm'), '8.3-fpm-alpine');
    assert.equal(alpineTag('php', '8.3-apache'), undefined);
    assert.equal(alpineTag('node', 'latest'), 'alpine');
    assert.equal(alpineTag('node', '20-alpine'), undefined);
    assert.equal(alpineTag('eclipse-temurin', '21-jdk'), undefined);
    assert.equal(namesRelease('20-bookworm-slim'), true);
    assert.equal(namesRelease('20-slim'), false);
  });

  it('offers only variants with a published tag, where the shared data lists the image', () => {
    const published = publishedTags();
    // A release-named slim tag in the data is what its image's convention makes of the plain tag.
    const releaseSlims = [...published].filter((t) => /^(node|python|ruby|rust):.*(-slim-[a-z]+|-[a-z]+-slim)$/.test(t) && /(trixie|bookworm|bullseye)/.test(t));
    assert.ok(releaseSlims.length >= 3, releaseSlims.join(' '));
    for (const ref of releaseSlims) {
      const [image, tag] = ref.split(':');
      const plain = tag.replace(/-slim(?=-)|-slim$/, '');
      assert.equal(`${image}:${slimTag(image, plain)}`, ref, `${image}:${plain}`);
    }
    // php publishes no -slim image: none listed, none offered.
    assert.ok(![...published].some((t) => /^php:.*slim/.test(t)));
    assert.ok(!smallerVariants('php:8-cli-trixie').some((v) => /slim/.test(v.image)));
    assert.ok(published.has('php:8-cli-alpine') && smallerVariants('php:8-cli-trixie').some((v) => v.image === 'php:8-cli-alpine'));
  });

  it('the switch to a smaller base offers those tags', () => {
    const offered = (image: string) => smallerVariants(image).map((v) => v.image);
    assert.deepEqual(offered('node:20-bookworm'), ['node:20-bookworm-slim'], 'a pinned Debian release: slim of the same release, no alpine');
    assert.deepEqual(offered('node:17.0.1-bullseye-slim'), ['node:17.0.1-alpine']);
    assert.deepEqual(offered('rust:buster'), ['rust:slim-buster']);
    assert.deepEqual(offered('python:3.12'), ['python:3.12-slim', 'python:3.12-alpine']);
    assert.deepEqual(offered('php:8.3-apache'), []);
    assert.deepEqual(offered('php:8.3'), ['php:8.3-alpine']);
    assert.deepEqual(offered('debian:jessie'), ['debian:jessie-slim']);
    assert.deepEqual(offered('debian:latest'), ['debian:stable-slim']);
    assert.deepEqual(offered('perl:5.40'), ['perl:5.40-slim']);
    assert.deepEqual(offered('eclipse-temurin:21-jdk-alpine'), ['eclipse-temurin:21-jre-alpine']);
    assert.deepEqual(offered('golang:1.8-nanoserver'), []);
  });
});
