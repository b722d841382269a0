/** The C library a stage's binaries link against, from its root image (read by DS111 and the switch to alpine). */
import type { DockerfileModel, Stage } from './model';
import { familyOf } from './size/baseImages';
import { chainOf } from './stageChain';

export type Libc = 'musl' | 'glibc';

/** The C library of a stage's root image: alpine is musl; Debian, Ubuntu, RHEL and distroless (but static) glibc. */
export function libcOf(model: DockerfileModel, stage: Stage): Libc | undefined {
  const s = chainOf(model, stage)[0];
  if (s.base.kind !== 'image' || s.base.unresolved.length) return undefined;
  const name = s.base.name;
  if (!name) return undefined;
  const family = familyOf(name, s.base.resolvedText);
  if (family === 'alpine') return 'musl';
  if (family === 'distroless') return /static/.test(name.repository) ? undefined : 'glibc';
  if (family === 'debian' || family === 'debian-slim' || family === 'ubuntu' || family === 'rhel') return 'glibc';
  return undefined;
}

