/**
 * What toolchain a stage chain keeps, and which stack it builds: the facts behind DS201 (single-stage image
 * keeps its build toolchain), DS202 (slim variants) and DS406 (source in the final stage).
 */
import { type DockerfileModel, type Stage } from '../model';
import { chainOf } from '../stageChain';
import { type ShellCommand, type Word, subcommand, type Analysis } from './analysis';
import type { Range } from 'vscode-languageserver-types';
import { C_PACKAGES, imageParts, isNodeBuild, javaBuildTool, JDK_IMAGES, jvmBuildProgram, toolchainImage, type StackId } from '../stacks';

/** The stack ids of the profiles (core/stacks), as the conversion uses them. */
export type ToolchainStack = Exclude<StackId, 'spa' | 'jvm'>;

export interface Toolchain {
  stack: ToolchainStack;
  /** What is kept, for messages ("the Go toolchain"). */
  label: string;
  range: Range;
  /** Where it comes from: the base image, or packages installed in a RUN. */
  source: 'base' | 'install';
}

const C_PACKAGE_SET = new Set(C_PACKAGES);

function runCommandsOf(analysis: Analysis, stages: Stage[]): ShellCommand[] {
  return stages.flatMap((s) => analysis.instructionsOf(s, 'RUN')).flatMap((i) => analysis.commands(i));
}

/**
 * The toolchain the image built by `stage` keeps, if any. Once per stage and model: DS201 and DS202 ask it of the
 * final stage, DS406 of every stage the final one copies from (the result is shared: do not change it).
 */
export function keptToolchain(model: DockerfileModel, analysis: Analysis, stage: Stage): Toolchain | undefined {
  if (model !== analysis.model) return findToolchain(model, analysis, stage);
  return analysis.memo(`keptToolchain ${stage.index}`, () => findToolchain(model, analysis, stage));
}

function findToolchain(model: DockerfileModel, analysis: Analysis, stage: Stage): Toolchain | undefined {
  const chain = chainOf(model, stage);
  const root = chain[0];
  if (root.base.kind !== 'image' || !root.base.name) return findInstalledCompiler(model, analysis, chain);
  const { registry, repository, tag = '' } = root.base.name;
  const repo = repository.toLowerCase();
  const last = repo.replace(/^.*\//, '');
  const range = root.base.range;
  // Only the node and JDK images need the chain's commands.
  let commands: ShellCommand[] | undefined;
  const runs = () => (commands ??= runCommandsOf(analysis, chain));
  const image = root.base.resolvedText;
  // A dev container is a toolchain image on purpose: it is never shipped.
  if (/devcontainer/.test(repo)) return undefined;
  // A toolchain image by its name (the stack profiles': golang, rust, maven, gradle, sbt, gcc, the .NET SDK); a JDK
  // image is one only by what the stage does with it (below).
  const named = toolchainImage(imageParts({ registry, repository, tag }));
  if (named && named.stack !== 'jvm' && named.stack !== 'spa') return { stack: named.stack, label: `${named.label} (${image})`, range, source: 'base' };
  if (last === 'node' && runs().some(isNodeBuild)) return { stack: 'node', label: `the build dependencies and sources of a Node.js build (${image})`, range, source: 'base' };
  if (JDK_IMAGES.includes(last) && !/jre/.test(tag)) {
    if (runs().some((c) => javaBuildTool(c) === 'maven')) return { stack: 'java-maven', label: `the JDK and Maven build (${image})`, range, source: 'base' };
    if (runs().some((c) => javaBuildTool(c) === 'gradle')) return { stack: 'java-gradle', label: `the JDK and Gradle build (${image})`, range, source: 'base' };
    // A stage that compiles with javac needs the JDK it keeps: not a JRE's job.
    if (runs().some((c) => jvmBuildProgram(c) === 'javac')) return { stack: 'generic', label: `the JDK and a javac build (${image})`, range, source: 'base' };
    if (/\bjava\b/.test(commandText(model, chain))) return { stack: 'generic', label: `a full JDK where a JRE suffices (${image})`, range, source: 'base' };
  }
  const installed = findInstalledCompiler(model, analysis, chain);
  if (installed && last === 'python') return { ...installed, stack: 'python' };
  return installed;
}

function commandText(model: DockerfileModel, chain: Stage[]): string {
  const c = chain[chain.length - 1].config;
  return `${c.entrypoint?.value ?? ''} ${c.cmd?.value ?? ''}`;
}

/** A C toolchain installed with apt-get/apk/yum and not removed again. */
function findInstalledCompiler(model: DockerfileModel, analysis: Analysis, chain: Stage[]): Toolchain | undefined {
  let found: Toolchain | undefined;
  for (const stage of chain) {
    for (const instruction of analysis.instructionsOf(stage, 'RUN')) {
      for (const cmd of analysis.commands(instruction)) {
        const program = analysis.program(cmd);
        const args = analysis.args(cmd);
        const sub = subcommand(args)?.text;
        const installs = ((program === 'apt-get' || program === 'apt' || program === 'yum' || program === 'dnf' || program === 'microdnf') && sub === 'install') || (program === 'apk' && sub === 'add');
        const removes = ((program === 'apt-get' || program === 'apt' || program === 'yum' || program === 'dnf') && (sub === 'purge' || sub === 'remove' || sub === 'autoremove')) || (program === 'apk' && sub === 'del');
        if (installs) {
          const pkg = args.find((a) => C_PACKAGE_SET.has(a.text.replace(/[=:].*$/, '')));
          if (pkg && !found) found = { stack: 'cpp', label: `the C/C++ toolchain (${pkg.text})`, range: analysis.rangeOf(instruction, pkg.start, pkg.end), source: 'install' };
        } else if (removes && found && (args.some((a) => C_PACKAGE_SET.has(a.text)) || sub === 'autoremove' || args.some((a) => a.text.startsWith('.') || a.text.startsWith('$')) || autoRemovesAll(args))) {
          // `apk del .build-deps`, `apt-get purge -y --auto-remove` after `apt-mark auto` (the official images' pattern).
          found = undefined;
        }
      }
    }
  }
  return found;
}

/** A single-stage build: the final image does not take anything from another stage. */
export function isSingleStageBuild(model: DockerfileModel): boolean {
  const final = model.finalStage;
  if (!final) return false;
  const chain = new Set(chainOf(model, final).map((s) => s.index));
  return model.stages.every((s) => !s.reachable || chain.has(s.index)) && final.references.every((r) => r.target === undefined || chain.has(r.target));
}

/**
 * `apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false` with no package named: after
 * `apt-mark auto '.*'` (the official images' pattern) it removes every build dependency. With packages named
 * (`apt-get remove --auto-remove wget`) it removes those and what only they needed.
 */
function autoRemovesAll(args: Word[]): boolean {
  if (!args.some((a) => a.text === '--auto-remove' || a.text === '--autoremove')) return false;
  const operands = args.filter((a, i) => !a.text.startsWith('-') && args[i - 1]?.text !== '-o');
  return operands.length <= 1; // only the subcommand
}
