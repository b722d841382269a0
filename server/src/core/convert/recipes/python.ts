/** Python: dependencies installed in the build stage (with the compilers), copied into the same version's -slim image with the app. */
import { commandsOf, pipCommand } from '../analyze';
import { pipInstall, runtimeImage, slimTag } from '../../stacks';
import { python as pythonProfile } from '../../stacks/profiles.generated';
import { hasToolchain, installLine, runtimeLibraries } from './common';
import type { Recipe, RecipePlan } from './recipe';

export const python: Recipe = ({ analysis: a, buildSteps }) => {
  if (a.base.short !== 'python') return `no slim Python image is known for the base ${a.base.resolved}`;
  const prefix = a.base.registry ? `${a.base.registry}/${a.base.repository}` : a.base.repository;
  const tag = a.base.tag;
  const slim = slimTag('python', tag);
  if (slim === undefined) return `no slim Python image is known for the base ${a.base.resolved}`;
  const image = runtimeImage(pythonProfile, 'slim', { image: prefix, slim });
  if (image === `${prefix}:${tag}` && !hasToolchain(a)) {
    return `already on ${a.base.resolved} and installs no build tools: a second stage would not make it smaller`;
  }
  const program = a.command[0];
  if (!program) return 'the Dockerfile sets no CMD or ENTRYPOINT: the runtime stage would not know what to run';
  const app = a.finalWorkdir;
  const shell = /alpine/.test(image) ? 'apk' : 'apt';
  const minor = /^(\d+\.\d+)/.exec(tag)?.[1];
  const userInstall = a.items.some((i) => i.keyword === 'RUN' && commandsOf(a, i).some((cmd) => !!pipInstall(cmd)?.args.includes('--user')));
  const pip = pipCommand(a);
  const artifacts: RecipePlan['artifacts'] = [];
  const notes: string[] = [];
  const buildAdditions: RecipePlan['buildAdditions'] = [];
  let installed: string;
  if (userInstall) {
    installed = '/root/.local';
    artifacts.push({ source: '/root/.local', destination: '/root/.local', producedBy: pip });
  } else if (minor) {
    const sp = `/usr/local/lib/python${minor}/site-packages`;
    installed = sp;
    // Only the scripts the installs add to /usr/local/bin: the interpreter there is the runtime image's own.
    buildAdditions.push(
      { position: Math.min(...buildSteps), lines: ['RUN ls -A /usr/local/bin > /tmp/usr-local-bin.before'] },
      { position: Math.max(...buildSteps), after: true, lines: ['RUN mkdir -p /tmp/pip-bin && cd /usr/local/bin && for f in *; do grep -qxF "$f" /tmp/usr-local-bin.before || cp -a "$f" /tmp/pip-bin/; done'] },
    );
    artifacts.push({ source: sp, destination: sp, producedBy: pip }, { source: '/tmp/pip-bin/', destination: '/usr/local/bin/', producedBy: '/tmp/pip-bin' });
    notes.push(`The installed packages (${sp}) are copied into ${image}, and of /usr/local/bin only the scripts the installs added (the build stage lists them in /tmp/pip-bin): the interpreter stays the runtime image's own.`);
  } else {
    installed = '/usr/local/lib/python3*/site-packages';
    artifacts.push({ source: '/usr/local', destination: '/usr/local', producedBy: pip });
    notes.push(`The Python version is not pinned, so all of /usr/local (Python and the installed packages) is copied into ${image}.`);
  }
  const plan: RecipePlan = { stack: 'python', runtimeBase: image, runtimeShell: shell, artifacts, runtimeSetup: [], buildAdditions, configChanges: [], notes, placeholders: [] };
  // Native extensions built against the full image's libraries: the build fails here, not the app at run time.
  // Wheels repaired by auditwheel carry their own libraries in `<name>.libs/` (or `<pkg>/.libs/`), found at run time
  // through the extension's RPATH; a vendored library that needs a sibling without an RPATH of its own looks
  // missing to a plain ldd, so the check resolves with those directories on the search path.
  plan.runtimeChecks = [`RUN libs=$(find ${installed} -type d -name '*.libs' | tr '\\n' ':'); if find ${installed} -name '*.so*' -exec env LD_LIBRARY_PATH="$libs" ldd {} + 2>/dev/null | grep -F 'not found'; then echo 'A native extension links a library ${image} lacks: install its runtime package in this stage.' >&2; exit 1; fi`];
  notes.push(`The runtime stage checks with ldd that every native extension in ${installed} finds its shared libraries in ${image}, or among the libraries its wheel bundles (*.libs directories); the build fails otherwise.`);
  if (app !== '/') {
    artifacts.push({ source: app, destination: app });
    notes.push(`The app directory ${app} is copied from the build stage (with anything the build generated there).`);
  } else {
    plan.keepContextCopies = true;
    notes.push('The app has no WORKDIR: its COPY/ADD instructions are repeated in the runtime stage.');
  }
  const libs = runtimeLibraries(a, shell, image);
  if (libs.packages.length) plan.runtimeSetup.push(installLine(shell, libs.packages));
  if (libs.unknown.length) notes.push(`No runtime package is known for ${libs.unknown.join(', ')}: the ldd check fails the build if a native extension needs one.`);
  return plan;
};
