/**
 * The target platform of a build and BuildKit's automatic platform ARGs (TARGETPLATFORM, TARGETOS, TARGETARCH,
 * TARGETVARIANT and the BUILD* ones) derived from it. They are in the global scope: `FROM base-${TARGETARCH}`
 * picks a stage by platform without any ARG declaration. The build platform is taken to be the target one (a
 * native build), which is what `docker build` does without `--platform`.
 */

export const DEFAULT_PLATFORM = 'linux/amd64';

export const PLATFORM_ARG_NAMES = ['TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT', 'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT'] as const;

export interface Platform {
  os: string;
  arch: string;
  variant: string;
}

/** Architecture aliases as containerd normalises them (`x86_64` is `amd64`, `aarch64` is `arm64`). */
const ARCH_ALIASES: Record<string, string> = { x86_64: 'amd64', 'x86-64': 'amd64', aarch64: 'arm64', armhf: 'arm', armel: 'arm', i386: '386', i686: '386' };

/** `linux/arm64`, `linux/arm/v7`, `arm64` (os linux), `windows/amd64`; undefined when it is not a platform. */
export function parsePlatform(text: string | undefined): Platform | undefined {
  const t = (text ?? '').trim().toLowerCase();
  if (!t) return undefined;
  const parts = t.split('/');
  if (parts.length > 3 || parts.some((p) => !/^[a-z0-9_.-]+$/.test(p))) return undefined;
  let [os, arch, variant] = parts.length === 1 ? ['linux', parts[0], ''] : [parts[0], parts[1], parts[2] ?? ''];
  arch = ARCH_ALIASES[arch] ?? arch;
  if (arch === 'arm64' && variant === 'v8') variant = '';
  return { os, arch, variant };
}

export function formatPlatform(p: Platform): string {
  return `${p.os}/${p.arch}${p.variant ? `/${p.variant}` : ''}`;
}

/** The automatic platform ARGs for a target platform (default linux/amd64; an invalid one counts as the default). */
export function platformArgs(platform?: string): Record<string, string> {
  const p = parsePlatform(platform) ?? parsePlatform(DEFAULT_PLATFORM)!;
  const text = formatPlatform(p);
  return {
    TARGETPLATFORM: text,
    TARGETOS: p.os,
    TARGETARCH: p.arch,
    TARGETVARIANT: p.variant,
    BUILDPLATFORM: text,
    BUILDOS: p.os,
    BUILDARCH: p.arch,
    BUILDVARIANT: p.variant,
  };
}

export function isPlatformArg(name: string): boolean {
  return (PLATFORM_ARG_NAMES as readonly string[]).includes(name);
}
