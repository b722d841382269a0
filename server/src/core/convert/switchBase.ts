/**
 * Switch a stage's base image to a smaller variant of the same image and version: `-slim`, `-alpine`,
 * `-jre`. Only variants that the image publishes for that tag (Docker Official Images tag conventions): which
 * image publishes which, and how the tags are named, is in the stack profiles (`imageVariants`, read through
 * stacks/variants.ts: node, python, ruby and rust publish `<tag>-slim` and `<tag>-alpine`; golang and php
 * `<tag>-alpine`; eclipse-temurin `<v>-jre` and `<v>-jre-alpine`; perl `<tag>-slim`), and debian `<tag>-slim`.
 */
import type { DockerfileModel, Stage } from '../model';
import { keywordOf } from '../model';
import { finish } from './multiStage';
import type { ConversionOutcome } from './types';
import { eolOf, splitLines } from '../text';
import { tooLargeToConvert } from './limits';
import { alpineTag, javaBuildTool, jreTag, jvmBuildProgram, namesRelease, slimTag, variantsOf } from '../stacks';
import { argsOf, programOf, runCommands, type ShellCommand } from '../commands';
import { packageInstallIn } from '../packageInstalls';
import { libcOf } from '../libc';
import { stagesBuiltOn } from '../stageChain';

export interface Variant {
  image: string;
  /** Why it might not fit ("alpine uses musl and apk"). */
  caveat?: string;
}

export function smallerVariants(image: string): Variant[] {
  const at = image.indexOf('@');
  if (at >= 0) return [];
  const colon = image.lastIndexOf(':');
  const slash = image.lastIndexOf('/');
  const repo = colon > slash ? image.slice(0, colon) : image;
  const tag = colon > slash ? image.slice(colon + 1) : 'latest';
  const short = repo.split('/').pop()!;
  const official = !repo.includes('/') || repo.startsWith('library/') || repo.startsWith('docker.io/library/');
  const out: Variant[] = [];
  const alpineCaveat = 'alpine uses musl and apk: apt-get lines and glibc-only binaries do not work there';
  const published = official ? variantsOf(short)?.variants : undefined;
  if (published === 'slim-alpine' || published === 'alpine') {
    const slim = slimTag(short, tag);
    const alpine = alpineTag(short, tag);
    // A slim tag offers its alpine variant; a plain one its slim variant, and alpine unless it pins a Debian release.
    if (slim && slim !== tag) out.push({ image: `${repo}:${slim}`, caveat: 'slim has no compilers or -dev headers' });
    if (alpine && (published === 'alpine' || slim === tag || !namesRelease(tag))) out.push({ image: `${repo}:${alpine}`, caveat: alpineCaveat });
  } else if (published === 'slim') {
    const slim = slimTag(short, tag);
    if (slim && slim !== tag) out.push({ image: `${repo}:${slim}` });
  } else if (published === 'jre') {
    const jre = jreTag(short, tag);
    if (jre) out.push({ image: `${repo}:${jre}`, caveat: 'a JRE cannot compile: only for stages that run a built jar' });
  }
  return out;
}

/**
 * Why switching a stage to `image` could break the build or the app (undefined when nothing says so): a JRE
 * cannot compile; slim and alpine images have no compiler for native packages; alpine has no apt-get, and its musl
 * may not run what a glibc stage built. Checked on the stage and the stages built on it.
 */
function unsafeSwitch(model: DockerfileModel, stage: Stage, image: string): string | undefined {
  // The stage and the stages built on it: they all get the new base.
  const stages = stagesBuiltOn(model, stage);
  const commands = stages.flatMap((s) => s.instructions.filter((i) => keywordOf(i) === 'RUN').flatMap((i) => runCommands(model, i).commands));
  const named = (cmd: ShellCommand) => `\`${[programOf(cmd), ...argsOf(cmd).slice(0, 2).map((w) => w.text)].join(' ')}\``;
  if (/-jre\b/.test(image)) {
    const compiles = commands.find((c) => javaBuildTool(c) !== undefined || jvmBuildProgram(c) !== undefined);
    if (compiles) return `a JRE cannot compile, and the stage runs ${named(compiles)}: build on the JDK and copy the jar into a ${image} stage (Convert to multi-stage)`;
    return undefined;
  }
  for (const s of stages) {
    const install = packageInstallIn(model, s);
    if (install) return `the stage installs packages that may compile native code (${install === true ? 'an ONBUILD trigger' : named(install)}), and ${image} has no compiler: build on the full image and copy the result into a ${image} stage (Convert to multi-stage)`;
  }
  if (!/alpine/.test(image)) return undefined;
  // golang:alpine has no C compiler: a cgo build needs one.
  const cgo = stages.some((s) => s.config.env.get('CGO_ENABLED')?.value.replace(/["']/g, '').trim() === '1') || commands.some((c) => c.words.some((w) => w.text === 'CGO_ENABLED=1'));
  if (cgo) return `the build uses cgo (CGO_ENABLED=1), and ${image} has no C compiler`;
  const apt = commands.find((c) => /^apt(-get)?$/.test(programOf(c)));
  if (apt) return `the stage runs ${named(apt)}, which ${image} does not have`;
  const glibc = stages.flatMap((s) => s.dependsOn).map((i) => model.stages[i]).find((s) => s && !stages.includes(s) && libcOf(model, s) === 'glibc');
  if (glibc) return `the stage copies from stage ${glibc.name ?? glibc.index}, built on a glibc image: what it built may not run on ${image}, whose C library is musl`;
  return undefined;
}

/** Switch stage `index` to `target` (one of smallerVariants of its base). */
export function switchBaseImage(model: DockerfileModel, index: number, target?: string): ConversionOutcome {
  const stage = model.stages[index];
  if (!stage) return { kind: 'switchBase', reason: `there is no stage ${index}` };
  const tooLarge = tooLargeToConvert(model, 'switchBase');
  if (tooLarge) return tooLarge;
  if (stage.base.kind !== 'image') return { kind: 'switchBase', reason: 'the stage does not start from an external image' };
  if (stage.base.text.includes('$')) return { kind: 'switchBase', reason: 'the base image is set through an ARG: change the ARG instead' };
  const variants = smallerVariants(stage.base.resolvedText);
  if (!variants.length) return { kind: 'switchBase', reason: `no smaller variant of ${stage.base.resolvedText} is known` };
  const variant = target ? variants.find((v) => v.image === target) : variants[0];
  if (!variant) return { kind: 'switchBase', reason: `${target} is not a known variant of ${stage.base.resolvedText}` };
  const unsafe = unsafeSwitch(model, stage, variant.image);
  if (unsafe) return { kind: 'switchBase', reason: unsafe };
  const range = stage.base.range;
  const lines = splitLines(model.text);
  const l = lines[range.start.line];
  lines[range.start.line] = l.slice(0, range.start.character) + variant.image + l.slice(range.end.character);
  const line = stage.from.getRange().start.line;
  return finish(
    model,
    {},
    {
      kind: 'switchBase',
      title: `Switch base to ${variant.image}`,
      text: lines.join(eolOf(model.text)),
      notes: [`Stage ${stage.name ?? index} now starts FROM ${variant.image}.${variant.caveat ? ` Note: ${variant.caveat}.` : ''}`],
      placeholders: [],
      artifacts: [],
      configChanges: [],
    },
    { changedLines: [line] },
  );
}
