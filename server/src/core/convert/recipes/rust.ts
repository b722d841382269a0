/** Rust: the release binary on distroless/cc (glibc, no shell) or debian:<release>-slim; alpine (musl) builds on alpine. */
import type { Analysis } from '../analyze';
import { resolvePath } from '../layout';
import { ARTIFACT_TOKEN, artifactPlaceholder, Recipe, RecipePlan } from './recipe';
import type { ShellCommand } from '../../commands';
import { ALPINE_RUNTIME, basename, buildCommandAt, codenameOf, debianReleaseOf, debianVersion, inPath, installLine, optionValue, programPath, runtimeLibraries } from './common';
import { runtimeImage, slimTag } from '../../stacks';
import { rust as rustProfile } from '../../stacks/profiles.generated';

/** The command that produces the binary (the profile's: `cargo build|install`, or `rustc`). */
const cargoBuild = (cmd: ShellCommand) => !!rustProfile.buildCommand(cmd);

export const rust: Recipe = ({ analysis: a, buildSteps, needsShell }) => {
  const prog = programPath(a);
  if ((prog && /^(cargo|rustc)$/.test(basename(prog.program))) || (a.shellScript && a.command.some((w) => /^(cargo|rustc)$/.test(basename(w))))) return `the container runs the toolchain (\`${a.command.join(' ')}\`): a runtime stage without it would change how it runs`;
  const last = Math.max(...buildSteps);
  const { program, args, dir } = buildCommandAt(a, last, cargoBuild);
  const release = args.includes('--release');
  const notes: string[] = [];
  const placeholders = [];
  let source: string | undefined;
  let destination: string | undefined;
  if (program === 'cargo' && args[0] === 'install' && prog && !prog.path) {
    const root = optionValue(args, ['--root']);
    source = `${root ? resolvePath(root, dir) : '/usr/local/cargo'}/bin/${prog.program}`;
    destination = inPath(source) ? source : `/usr/local/bin/${prog.program}`;
    if (destination !== source) notes.push(`The binary moved from ${source} to ${destination} (on the runtime image's PATH).`);
  } else if (program === 'rustc') {
    const out = optionValue(args, ['-o']) ?? args.find((w) => w.endsWith('.rs'))?.slice(0, -3);
    if (out) source = destination = resolvePath(out.endsWith('.rs') ? out.slice(0, -3) : basename(out) === out ? out : out, dir);
  } else if (prog?.path) {
    source = destination = prog.path;
  } else if (prog && a.facts?.cargoPackage) {
    const profile = release ? 'release' : 'debug';
    source = resolvePath(`target/${profile}/${a.facts.cargoPackage}`, dir);
    destination = `/usr/local/bin/${prog.program}`;
  }
  if (!source) {
    source = destination = ARTIFACT_TOKEN;
    placeholders.push(artifactPlaceholder('the binary', resolvePath(`target/${release ? 'release' : 'debug'}/app`, dir)));
  }
  const plan: RecipePlan = { stack: 'rust', runtimeBase: '', runtimeShell: 'none', artifacts: [{ source, destination: destination!, producedBy: program === 'rustc' ? 'rustc' : 'cargo' }], runtimeSetup: [], buildAdditions: [], configChanges: [], notes, placeholders };
  return rustRuntime(a, needsShell, plan) ?? plan;
};

/** The runtime base for a Rust binary built on the original base (fills runtimeBase/Shell/Setup and a note). */
export function rustRuntime(a: Analysis, needsShell: boolean, plan: RecipePlan): string | undefined {
  const notes = plan.notes;
  if (a.base.family === 'alpine') {
    plan.runtimeBase = /alpine(3\.\d+)/.exec(a.base.tag) ? `alpine:${/alpine(3\.\d+)/.exec(a.base.tag)![1]}` : ALPINE_RUNTIME;
    plan.runtimeShell = 'apk';
  } else {
    const codename = debianReleaseOf(a);
    if (!codename) return `the Debian release of ${a.base.resolved} is not named in its tag (add -bookworm or -trixie to the FROM): the runtime base must be the same release`;
    const libs = runtimeLibraries(a, 'apt', codename);
    if (libs.unknown.length) return `no runtime package is known for ${libs.unknown.join(', ')}: the runtime stage could not be given the libraries the binary links`;
    if (needsShell || libs.packages.length) {
      plan.runtimeBase = `debian:${slimTag('debian', codename)}`;
      plan.runtimeShell = 'apt';
      plan.runtimeSetup.push(installLine('apt', ['ca-certificates', ...libs.packages]));
    } else {
      plan.runtimeBase = runtimeImage(rustProfile, 'glibc', { debian: debianVersion(codename) });
    }
  }
  notes.push(`The runtime is ${plan.runtimeBase}${a.base.family === 'alpine' || codenameOf(a.base.tag) ? '' : ` (the Debian release ${a.base.resolved} is built on)`}.`);
  return undefined;
}
