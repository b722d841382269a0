/** Go: a static binary (CGO_ENABLED=0) on distroless/static, or alpine when a shell is needed; with cgo, a glibc/musl base with the runtime libraries the build linked. */
import { resolvePath } from '../layout';
import { ARTIFACT_TOKEN, artifactPlaceholder, Recipe, RecipePlan } from './recipe';
import { argsOf, programOf, type ShellCommand } from '../../commands';
import { commandsOf, type Analysis } from '../analyze';
import { basename, buildCommandAt, debianReleaseOf, debianVersion, inPath, installLine, mentions, optionValue, programPath, runtimeLibraries, shellBase } from './common';
import { runtimeImage } from '../../stacks';
import { go as goProfile } from '../../stacks/profiles.generated';

/** Whether the RUN moves or copies the built `program` into /usr/local/bin (`mv app /usr/local/bin/`). */
function movedToUsrLocalBin(a: Analysis, position: number, program: string): boolean {
  const item = a.items.find((i) => i.position === position)!;
  return commandsOf(a, item).some((cmd) => {
    const args = argsOf(cmd).map((w) => w.text);
    return ['mv', 'cp', 'install'].includes(programOf(cmd)) && args.some((w, k) => (w === program || w.endsWith(`/${program}`)) && /^\/usr\/local\/bin\b/.test(args[k + 1] ?? ''));
  });
}

/** The go command that produces the binary (the profile's: `go build|install`, `go get` of a tool). */
const goBuild = (cmd: ShellCommand) => !!goProfile.buildCommand(cmd);

export const go: Recipe = ({ analysis: a, buildSteps, needsShell }) => {
  const last = Math.max(...buildSteps);
  const { args, dir } = buildCommandAt(a, last, goBuild);
  const sub = args[0];
  const install = sub === 'install';
  const prog = programPath(a);
  if ((prog && /^(go)$/.test(prog.program)) || (a.shellScript && a.command.includes('go'))) return 'the container runs the Go toolchain itself (`go run`): a runtime stage would change how it runs';
  const notes: string[] = [];
  let source: string | undefined;
  let confident = false;
  const out = optionValue(args, ['-o']);
  if (out) {
    source = resolvePath(out, dir);
    confident = !out.endsWith('/');
    if (!confident && prog) source = `${source.replace(/\/$/, '')}/${basename(prog.program)}`;
  } else if (prog && !prog.path && movedToUsrLocalBin(a, last, prog.program)) {
    source = `/usr/local/bin/${prog.program}`;
    confident = true;
  } else if (install || sub === 'get') {
    if (prog) source = `/go/bin/${basename(prog.program)}`;
  } else {
    const operands = args.slice(1).filter((w) => w && !w.startsWith('-'));
    const file = operands.find((w) => w.endsWith('.go'));
    const pkg = operands.find((w) => w.startsWith('./') && w !== './' && w !== './...');
    const name = file ? basename(file).replace(/\.go$/, '') : pkg ? basename(pkg) : a.facts?.goModule ? basename(a.facts.goModule) : undefined;
    if (name) {
      source = `${dir.replace(/\/$/, '')}/${name}`;
      confident = true;
    } else if (prog?.path) source = prog.path;
    else if (prog) source = `${dir.replace(/\/$/, '')}/${prog.program}`;
  }
  let destination = source;
  if (prog && !prog.path && source && !inPath(source)) {
    destination = `/usr/local/bin/${basename(prog.program)}`;
    notes.push(`The binary moved from ${source} to ${destination} (on the runtime image's PATH), so \`${prog.program}\` still starts it.`);
  }
  if (prog?.path && source && prog.path !== source && confident && basename(prog.path) !== basename(source)) {
    // The command runs something else (a script next to the binary): keep the binary where it was built.
    notes.push(`The container runs ${prog.path}; it is copied from the build stage next to the binary.`);
  }
  const placeholders = [];
  if (!source) {
    source = ARTIFACT_TOKEN;
    destination = ARTIFACT_TOKEN;
    placeholders.push(artifactPlaceholder('the Go binary', `${dir.replace(/\/$/, '')}/app`));
  }
  const cgo = mentions(a, /CGO_ENABLED[= ]+1/) || (!mentions(a, /CGO_ENABLED[= ]+0/) && a.packages.some((p) => /-dev$/.test(p) && !/^(musl-dev|libc-dev|libc6-dev|linux-headers)$/.test(p)));
  const artifacts: RecipePlan["artifacts"] = [{ source, destination: destination!, producedBy: sub === 'get' ? 'go get' : install ? 'go install' : 'go build' }];
  if (prog?.path && prog.path !== source && confident && !placeholders.length && basename(prog.path) !== basename(source)) artifacts.push({ source: prog.path, destination: prog.path });
  const plan: RecipePlan = { stack: 'go', runtimeBase: '', runtimeShell: 'none', artifacts, runtimeSetup: [], buildAdditions: [], configChanges: [], notes, placeholders };
  if (cgo) {
    const sh = shellBase(a);
    if (typeof sh === 'string') return sh;
    const libs = runtimeLibraries(a, sh.shell, sh.image);
    const pkgs = sh.shell === 'apt' ? ['ca-certificates', ...libs.packages] : libs.packages;
    plan.runtimeBase = sh.image;
    plan.runtimeShell = sh.shell;
    if (pkgs.length) plan.runtimeSetup.push(installLine(sh.shell, pkgs));
    notes.push(`The build uses cgo, so the runtime is ${sh.image} with the C libraries it links${libs.packages.length ? ` (${libs.packages.join(', ')})` : ''}.`);
    if (libs.unknown.length) return `no runtime package is known for ${libs.unknown.join(', ')}: the runtime stage could not be given the C libraries the cgo binary links`;
  } else {
    if (!mentions(a, /CGO_ENABLED/)) {
      plan.buildAdditions.push({ position: buildSteps[0], lines: ['ENV CGO_ENABLED=0'] });
      notes.push('The build stage sets CGO_ENABLED=0 so the binary is static and runs without a C library.');
    }
    if (needsShell) {
      const sh = shellBase(a);
    if (typeof sh === 'string') return sh;
      plan.runtimeBase = sh.shell === 'apk' || a.base.family !== 'alpine' ? sh.image : 'alpine:3.20';
      plan.runtimeShell = sh.shell;
      notes.push(`The runtime is ${plan.runtimeBase}: the image needs a shell (shell-form command, a user, or setup commands).`);
    } else {
      const release = debianReleaseOf(a);
      plan.runtimeBase = runtimeImage(goProfile, 'static', { debian: release ? debianVersion(release) : '12' });
      notes.push(`The runtime is ${plan.runtimeBase}: no shell, no package manager, CA certificates and time zones included.`);
    }
  }
  return plan;
};
