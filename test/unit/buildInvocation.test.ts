/** client/src/features/buildInvocation: the builder chosen, the build and inspect command lines, the size read back. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildCommandLine, chooseBuilder, imageTagFor, inspectCommandLine, parseImageSize } from '../../client/src/features/buildInvocation';

describe('build this stage: command lines', () => {
  test('auto takes the first usable of docker, podman, buildah; a named builder is used as set', async () => {
    assert.equal(await chooseBuilder('auto', (n) => n === 'podman' || n === 'buildah'), 'podman');
    assert.equal(await chooseBuilder('auto', async (n) => n === 'docker' || n === 'podman'), 'docker');
    assert.equal(await chooseBuilder('auto', () => false), undefined);
    assert.equal(await chooseBuilder('buildah', () => false), 'buildah');
  });

  test('build --target with the Dockerfile, a tag of the stage, and the context', () => {
    assert.equal(imageTagFor('Runtime'), 'dockerfile-stages/runtime:latest');
    assert.equal(imageTagFor('_odd name'), 'dockerfile-stages/odd-name:latest');
    assert.deepEqual(buildCommandLine('podman', 'build', '/w/app/Dockerfile', '/w/app', 'dockerfile-stages/build:latest'), {
      command: 'podman',
      args: ['build', '--target', 'build', '-f', '/w/app/Dockerfile', '-t', 'dockerfile-stages/build:latest', '/w/app'],
    });
    assert.deepEqual(inspectCommandLine('docker', 'x:latest'), { command: 'docker', args: ['image', 'inspect', '--format', '{{.Size}}', 'x:latest'] });
    assert.deepEqual(inspectCommandLine('buildah', 'x:latest'), { command: 'buildah', args: ['images', '--json', 'x:latest'] });
  });

  test('the size from docker/podman (bytes) and buildah (its JSON listing, rounded)', () => {
    assert.equal(parseImageSize('podman', '77566627\n'), 77566627);
    assert.equal(parseImageSize('docker', 'Error: no such image'), undefined);
    assert.equal(parseImageSize('buildah', '[{"id":"3ca4","size":"77.6 MB"}]'), 77_600_000);
    assert.equal(parseImageSize('buildah', '[{"id":"3ca4","size":"1.2 GiB"}]'), Math.round(1.2 * 1024 ** 3));
    assert.equal(parseImageSize('buildah', 'not json'), undefined);
  });
});
