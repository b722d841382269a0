/** Python: dependencies installed in the build stage (with the compilers), copied into the same version's -slim image with the app. */
import { hasToolchain, installLine, runtimeLibraries } from './common';
import type { Recipe, RecipePlan } from './recipe';

export const python: Recipe = ({ analysis: a }) => {
  if (a.base.short !== 'python') return `no slim Python image is known for the base ${a.base.resolved}`;
  const prefix = a.base.registry ? `${a.base.registry}/${a.base.repository}` : a.base.repository;
  const tag = a.base.tag;
  const image = /slim|alpine/.test(tag) ? `${prefix}:${tag}` : tag === 'latest' ? `${prefix}:slim` : /^(.*?)-(trixie|bookworm|bullseye|buster)$/.test(tag) ? `${prefix}:${tag.replace(/-(trixie|bookworm|bullseye|buster)$/, '-slim-$1')}` : `${prefix}:${tag}-slim`;
  if (image === `${prefix}:${tag}` && !hasToolchain(a)) {
    return `already on ${a.base.resolved} and installs no build tools: a second stage would not make it smaller`;
  }
  const program = a.command[0];
  if (!program) return 'the Dockerfile sets no CMD or ENTRYPOINT: the runtime stage would not know what to run';
  const app = a.finalWorkdir;
  const shell = /alpine/.test(image) ? 'apk' : 'apt';
  const minor = /^(\d+\.\d+)/.exec(tag)?.[1];
  const userInstall = a.items.some((i) => i.keyword === 'RUN' && /\bpip3?\s+install\b.*--user\b/.test(i.args));
  const artifacts: RecipePlan['artifacts'] = [];
  const notes: string[] = [];
  if (userInstall) {
    artifacts.push({ source: '/root/.local', destination: '/root/.local', producedBy: 'pip install' });
  } else if (minor) {
    const sp = `/usr/local/lib/python${minor}/site-packages`;
    artifacts.push({ source: sp, destination: sp, producedBy: 'pip install' }, { source: '/usr/local/bin', destination: '/usr/local/bin', producedBy: 'pip install' });
    notes.push(`The installed packages (${sp}) and their scripts (/usr/local/bin) are copied into ${image}.`);
  } else {
    artifacts.push({ source: '/usr/local', destination: '/usr/local', producedBy: 'pip install' });
    notes.push(`The Python version is not pinned, so all of /usr/local (Python and the installed packages) is copied into ${image}.`);
  }
  const plan: RecipePlan = { stack: 'python', runtimeBase: image, runtimeShell: shell, artifacts, runtimeSetup: [], buildAdditions: [], configChanges: [], notes, placeholders: [] };
  if (app !== '/') {
    artifacts.push({ source: app, destination: app });
    notes.push(`The app directory ${app} is copied from the build stage (with anything the build generated there).`);
  } else {
    plan.keepContextCopies = true;
    notes.push('The app has no WORKDIR: its COPY/ADD instructions are repeated in the runtime stage.');
  }
  const libs = runtimeLibraries(a, shell, image);
  if (libs.packages.length) plan.runtimeSetup.push(installLine(shell, libs.packages));
  if (libs.unknown.length) notes.push(`Check the runtime libraries for ${libs.unknown.join(', ')}: no runtime package is known for them.`);
  return plan;
};
