/**
 * The command lines of "Build this stage" (buildStage.ts), without VS Code so they can be unit-tested: the
 * builder to use, its build and inspect invocations, and the image size read back from the inspect output.
 */
import type { VerifyBuilder } from '../../../common/settings';

export type ConcreteBuilder = Exclude<VerifyBuilder, 'auto'>;
export const BUILDER_ORDER: readonly ConcreteBuilder[] = ['docker', 'podman', 'buildah'];

/**
 * The builder the setting (`dockerfileStages.verify.builder`, shared with Verify conversion) names, or for
 * `auto` the first usable of docker, podman, buildah: `usable` says whether one is on the PATH (for docker:
 * and its daemon answers).
 */
export async function chooseBuilder(setting: VerifyBuilder | undefined, usable: (name: ConcreteBuilder) => boolean | Promise<boolean>): Promise<ConcreteBuilder | undefined> {
  if (setting && setting !== 'auto') return setting;
  for (const b of BUILDER_ORDER) if (await usable(b)) return b;
  return undefined;
}

/** The image a stage is tagged as: `dockerfile-stages/<stage>:latest` (lower case, as image names must be). */
export function imageTagFor(stage: string): string {
  const name = stage.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '') || 'stage';
  return `dockerfile-stages/${name}:latest`;
}

export interface CommandLine {
  command: string;
  args: string[];
}

/** `<builder> build --target STAGE -f DOCKERFILE -t IMAGE CONTEXT` (the same flags for docker, podman and buildah). */
export function buildCommandLine(builder: ConcreteBuilder, stage: string, dockerfile: string, context: string, image: string): CommandLine {
  return { command: builder, args: ['build', '--target', stage, '-f', dockerfile, '-t', image, context] };
}

/**
 * How to read the built image's size: docker and podman print the uncompressed size in bytes
 * (`image inspect --format {{.Size}}`); buildah lists it only rounded (`images --json`).
 */
export function inspectCommandLine(builder: ConcreteBuilder, image: string): CommandLine {
  if (builder === 'buildah') return { command: 'buildah', args: ['images', '--json', image] };
  return { command: builder, args: ['image', 'inspect', '--format', '{{.Size}}', image] };
}

const UNIT: Record<string, number> = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };

/** The size in bytes from the inspect output, or undefined when it cannot be read. */
export function parseImageSize(builder: ConcreteBuilder, stdout: string): number | undefined {
  if (builder !== 'buildah') {
    const m = /^\s*(\d+)\s*$/.exec(stdout);
    return m ? Number(m[1]) : undefined;
  }
  let list: unknown;
  try {
    list = JSON.parse(stdout);
  } catch {
    return undefined;
  }
  const first = Array.isArray(list) ? (list[0] as { size?: unknown } | undefined) : undefined;
  if (typeof first?.size === 'number') return first.size;
  const m = typeof first?.size === 'string' ? /^\s*([\d.]+)\s*([a-z]+)\s*$/i.exec(first.size) : null;
  const unit = m ? UNIT[m[2].toLowerCase()] : undefined;
  return m && unit ? Math.round(Number(m[1]) * unit) : undefined;
}
