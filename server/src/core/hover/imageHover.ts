/**
 * The base-image hover: what the image is (a short table of well-known images, written for this project),
 * what its tag says (variant, pinning), its size and the smaller variants of the same version when the size
 * table knows them.
 */
import { formatImageName, ImageName } from '../imageRef';
import type { DockerfileModel, Stage, StageReference } from '../model';
import { code, joinWords, stageLabel } from './describe';
import { formatBytes, HoverSizes } from './sizes';

interface ImageDescription {
  /** Matched against `registry/repository` (Docker Hub official images: the bare repository). */
  match: RegExp;
  what: string;
}

/** What well-known images are, in a phrase. */
export const IMAGE_DESCRIPTIONS: ImageDescription[] = [
  { match: /^golang$/, what: 'the official Go image: the Go toolchain (compiler, standard library, go command)' },
  { match: /^node$/, what: 'the official Node.js image: the Node.js runtime with npm and yarn' },
  { match: /^python$/, what: 'the official Python image: CPython with pip' },
  { match: /^(?:pypy)$/, what: 'the official PyPy image: a fast Python interpreter' },
  { match: /^alpine$/, what: 'Alpine Linux: a minimal distribution (musl libc, BusyBox, apk), a few MB' },
  { match: /^debian$/, what: 'Debian: a general-purpose Linux distribution (glibc, apt)' },
  { match: /^ubuntu$/, what: 'Ubuntu: a general-purpose Linux distribution (glibc, apt)' },
  { match: /^busybox$/, what: 'BusyBox: a single small binary of the common Unix tools' },
  { match: /^(?:rockylinux|almalinux|fedora|centos|oraclelinux|amazonlinux)$/, what: 'an RPM-based Linux distribution (glibc, dnf/yum)' },
  { match: /^(?:registry\.access\.redhat\.com\/)?ubi\d*(?:\/ubi\d*)?(?:-minimal|-micro)?$/, what: 'Red Hat Universal Base Image: an RPM-based distribution' },
  { match: /^nginx$/, what: 'the official nginx image: a web server and reverse proxy' },
  { match: /^httpd$/, what: 'the official Apache HTTP Server image' },
  { match: /^(?:openjdk)$/, what: 'the OpenJDK image (deprecated upstream: prefer eclipse-temurin or amazoncorretto)' },
  { match: /^eclipse-temurin$/, what: 'Eclipse Temurin: an OpenJDK build (JDK or JRE by tag)' },
  { match: /^amazoncorretto$/, what: 'Amazon Corretto: an OpenJDK build' },
  { match: /^maven$/, what: 'the Maven image: a JDK with Maven, for building Java projects' },
  { match: /^gradle$/, what: 'the Gradle image: a JDK with Gradle, for building Java/Kotlin projects' },
  { match: /^rust$/, what: 'the official Rust image: rustc and cargo' },
  { match: /^ruby$/, what: 'the official Ruby image: Ruby with gem and bundler' },
  { match: /^php$/, what: 'the official PHP image (CLI, FPM or Apache by tag)' },
  { match: /^composer$/, what: 'the Composer image: the PHP dependency manager' },
  { match: /^(?:redis|valkey)$/, what: 'an in-memory key-value store server' },
  { match: /^postgres$/, what: 'the PostgreSQL database server' },
  { match: /^(?:mysql|mariadb)$/, what: 'a MySQL-compatible database server' },
  { match: /^(?:elixir|erlang)$/, what: 'the Erlang/Elixir toolchain' },
  { match: /^(?:gcc)$/, what: 'the GCC image: a C/C++ toolchain on Debian' },
  { match: /^(?:haskell)$/, what: 'the Haskell image: GHC, cabal and stack' },
  { match: /^(?:swift)$/, what: 'the Swift toolchain' },
  { match: /^(?:docker)$/, what: 'the Docker CLI (and daemon with the dind tag)' },
  { match: /^(?:mcr\.microsoft\.com\/)?dotnet\/sdk$/, what: 'the .NET SDK: compilers and tools to build .NET apps' },
  { match: /^(?:mcr\.microsoft\.com\/)?dotnet\/aspnet$/, what: 'the ASP.NET Core runtime: runs published .NET web apps, no SDK' },
  { match: /^(?:mcr\.microsoft\.com\/)?dotnet\/runtime(?:-deps)?$/, what: 'the .NET runtime: runs published .NET apps, no SDK' },
  { match: /^gcr\.io\/distroless\/static/, what: 'distroless static: no shell, no package manager, only CA certs, tzdata and /etc/passwd; for static binaries' },
  { match: /^gcr\.io\/distroless\/base/, what: 'distroless base: glibc and OpenSSL, no shell, no package manager' },
  { match: /^gcr\.io\/distroless\/cc/, what: 'distroless cc: glibc and libstdc++, no shell; for C/C++/Rust binaries' },
  { match: /^gcr\.io\/distroless\/(?:java|nodejs|python)/, what: 'a distroless language runtime: no shell, no package manager' },
  { match: /^(?:cgr\.dev\/)?chainguard\//, what: 'a Chainguard image: minimal, frequently rebuilt' },
  { match: /^(?:ghcr\.io\/)?astral-sh\/uv$/, what: 'the uv image: the uv Python package manager' },
  { match: /^oven\/bun$/, what: 'the Bun JavaScript runtime and package manager' },
  { match: /^denoland\/deno$/, what: 'the Deno JavaScript/TypeScript runtime' },
];

/** What the tag says about the variant. */
function tagNotes(name: ImageName): string[] {
  const notes: string[] = [];
  const tag = name.tag?.toLowerCase();
  if (name.digest) notes.push('pinned by digest: the same bytes on every build');
  if (!tag && !name.digest) notes.push(`no tag: ${code('latest')}, which moves; pin a version for repeatable builds`);
  if (!tag) return notes;
  if (tag === 'latest') notes.push(`${code('latest')} moves: pin a version for repeatable builds`);
  if (/(?:^|-)alpine/.test(tag)) notes.push('Alpine variant: small, musl libc instead of glibc');
  if (/(?:^|-)slim/.test(tag)) notes.push('slim variant: Debian with fewer packages');
  const debian = /(?:^|-)(buster|bullseye|bookworm|trixie)(?:$|-)/.exec(tag);
  if (debian) notes.push(`Debian ${debian[1]} based`);
  if (/(?:^|-)(?:jre)(?:$|-)/.test(tag)) notes.push('JRE only: runs Java, cannot compile it');
  if (/(?:^|-)(?:jdk)(?:$|-)/.test(tag)) notes.push('full JDK: compiler included');
  if (/(?:^|-)nonroot(?:$|-)/.test(tag)) notes.push('runs as a non-root user by default');
  if (/(?:^|-)debug(?:$|-)/.test(tag)) notes.push('debug variant: adds a BusyBox shell');
  return notes;
}

export function describeImage(name: ImageName): string | undefined {
  const key = name.registry ? `${name.registry}/${name.repository}` : name.repository;
  return IMAGE_DESCRIPTIONS.find((d) => d.match.test(key))?.what;
}

export interface ImageHoverContext {
  /** The stage whose FROM names the image. */
  stage?: Stage;
  /** The COPY --from / mount from= reference that names the image. */
  via?: StageReference;
  /** As written, when ARGs changed it. */
  written?: string;
}

export function imageHoverMarkdown(model: DockerfileModel, name: ImageName | undefined, resolvedText: string, context: ImageHoverContext, sizes?: HoverSizes): string {
  const shown = name ? formatImageName(name) : resolvedText;
  const blocks: string[] = [];
  const what = name ? describeImage(name) : undefined;
  blocks.push(`**${code(shown)}**${what ? `: ${what}.` : name ? `: image ${code(name.repository)}${name.registry ? ` from ${code(name.registry)}` : ' from Docker Hub'}.` : ''}`);
  if (!name) blocks.push(`Not a valid image reference${resolvedText.includes('$') || resolvedText === '' ? ' (a variable without a value?)' : ''}.`);
  const notes = name ? tagNotes(name) : [];
  if (notes.length) blocks.push(capitalize(joinWords(notes)) + '.');
  if (name) {
    const size = sizes?.image?.(name);
    if (size) {
      let s = `Size: ${size.approximate ? '≈ ' : ''}${formatBytes(size.bytes)}${size.measure ? ` (${size.measure})` : ''}`;
      const smaller = size.smallerVariants.filter((v) => v.bytes < size.bytes);
      const of = size.figureFor ? `of ${code(size.figureFor)}` : 'of the same version';
      if (smaller.length) s += `; smaller variants ${of}: ${smaller.map((v) => `${code(v.ref)} ${formatBytes(v.bytes)}`).join(', ')}`;
      blocks.push(`${s}.`);
    }
  }
  const usage: string[] = [];
  if (context.stage) usage.push(`Base image of ${stageLabel(context.stage)}`);
  if (context.via) usage.push(`${context.via.kind === 'mount' ? 'Mounted' : 'Copied from'} as an image: pulled, not built in this file`);
  if (context.written && context.written !== shown) usage.push(`written ${code(context.written)}`);
  if (usage.length) blocks.push(`${usage.join('; ')}.`);
  return blocks.join('\n\n');
}

function capitalize(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}
