import { programOf, type ShellCommand } from '../commands';
import { argTexts, built, flagsOnly, testStep } from './match';
import type { BuildCommand } from './types';
import { defineStack } from './define';

/** Bundlers and framework CLIs whose `build` subcommand builds the app. */
const BUILD_CLIS = ['nest', 'ng', 'next', 'vite', 'vue-cli-service', 'react-scripts'];

/** A command that runs the package's `build` script (`npm run build`, `pnpm run build:prod`, `yarn build`). */
export function runsBuildScript(cmd: ShellCommand): boolean {
  const p = programOf(cmd);
  const args = argTexts(cmd);
  const k = p === 'yarn' && args[0] !== 'run' ? 0 : 1;
  return (p === 'npm' || p === 'pnpm' || p === 'yarn') && (k === 0 || args[0] === 'run') && /^build\b/.test(args[k] ?? '');
}

/** `npm test`, `npm run test`, `yarn test`, `pnpm test` (flags aside). */
function runsTestScript(cmd: ShellCommand): boolean {
  if (!['npm', 'pnpm', 'yarn'].includes(programOf(cmd))) return false;
  const words = argTexts(cmd).filter((a) => !a.startsWith('-'));
  return words[0] === 'test' || (words[0] === 'run' && words[1] === 'test');
}

/** A Node.js build: a package script named like a build, `tsc`, or a bundler's build (directly or through npx/yarn/pnpm). */
function buildCommand(cmd: ShellCommand): BuildCommand | undefined {
  const p = programOf(cmd);
  const args = argTexts(cmd);
  if ((p === 'npm' || p === 'pnpm') && args[0] === 'run' && /build/.test(args[1] ?? '')) return built(cmd, 'node', 1);
  if (p === 'yarn') {
    const k = args[0] === 'run' ? 1 : 0;
    if (/^build\b/.test(args[k] ?? '')) return built(cmd, 'node', k);
  }
  // The tool itself, or the word after npx / yarn / pnpm [exec].
  let k = ['npx', 'yarn', 'pnpm'].includes(p) ? 0 : -1;
  if (k === 0 && args[0] === 'exec') k = 1;
  const tool = k < 0 ? p : (args[k] ?? '').replace(/^.*\//, '');
  if (tool === 'tsc') return built(cmd, 'node', k);
  if (BUILD_CLIS.includes(tool) && args[k + 1] === 'build') return built(cmd, 'node', k + 1);
  return undefined;
}

export const node = defineStack({
  id: 'node',
  name: 'Node.js',
  stacks: ['node', 'spa'],
  detectionOrder: 10,
  labels: { node: 'Node.js', spa: 'front-end SPA' },
  programs: ['npm', 'yarn', 'pnpm', 'npx', 'ng'],
  baseImages: { node: 'node' },
  buildCommand,
  manifestInstall(cmd) {
    const p = programOf(cmd);
    const args = argTexts(cmd);
    const install = (p === 'npm' && ['ci', 'install', 'i'].includes(args[0])) || (p === 'pnpm' && ['install', 'i'].includes(args[0])) || (p === 'yarn' && (!args.length || args[0] === 'install' || args[0].startsWith('-')));
    if (!install || !flagsOnly(p === 'yarn' && args[0] !== 'install' ? args : args.slice(1))) return undefined;
    return p === 'yarn' ? 'package.json yarn.lock*' : p === 'pnpm' ? 'package.json pnpm-lock.yaml*' : 'package*.json';
  },
  dependencyInstall(cmd) {
    const p = programOf(cmd);
    const args = argTexts(cmd);
    // npm ci/install/add, yarn [install|add], pnpm install/add, also with package names; global installs are not the app's.
    const install = (p === 'npm' && ['ci', 'install', 'i', 'add'].includes(args[0])) || (p === 'pnpm' && ['install', 'i', 'add'].includes(args[0])) || (p === 'yarn' && (!args.length || ['install', 'add'].includes(args[0]) || args[0].startsWith('-')));
    if (!install || args.some((a) => a === '-g' || a === '--global' || !/^[\w@./=:^~-]+$/.test(a))) return undefined;
    return 'dependencies';
  },
  buildPackages: ['nodejs', 'npm', 'yarn', 'yarnpkg'],
  buildCaches: ['/root/.npm', '/root/.local/share/pnpm', '/usr/local/share/.cache'],
  imageVariants: { images: ['node'], variants: 'slim-alpine', releaseSlim: 'release-slim' },
  detection: { manifests: ['package.json'], images: /\bnode\b/ },
  toolchainImage: undefined,
  steps: {
    compile: { kind: 'compile', phrase: 'builds the JavaScript app', toolchain: 'Node.js', matches: (cmd) => isNodeBuild(cmd) },
    deps: { kind: 'deps', phrase: 'installs the Node.js dependencies', matches: (cmd) => !!node.dependencyInstall?.(cmd) },
    test: testStep(runsTestScript),
  },
  runtimeBases: [
    { key: 'slim', image: '{image}:{slim}', when: 'a server: the build image\'s slim variant (same Node version and Debian release, stacks/variants.ts)' },
    { key: 'nginx', image: 'nginx:{nginx}', when: 'a static single-page app: alpine for an alpine build, else stable (of the same Debian release when named)' },
  ],
  // yarn 1 has no prune: a production install over the built tree; npm before 7 (Node < 16) spells --omit=dev --production.
  pruneDevDependencies: (packageManager, runtimeMajor) =>
    packageManager === 'yarn' ? 'yarn install --production --ignore-scripts --prefer-offline' : packageManager === 'pnpm' ? 'pnpm prune --prod' : packageManager === 'npm' ? (runtimeMajor !== undefined && runtimeMajor < 16 ? 'npm prune --production' : 'npm prune --omit=dev') : undefined,
  dockerignore: ['# Node.js', 'node_modules', 'npm-debug.log*', 'yarn-error.log', '.npm', 'coverage', 'dist', 'build', '.next'],
  dockerignoreMadeBy: { node_modules: 'deps', dist: 'build', build: 'build', '.next': 'build' },
});

/** Package scripts named like a build, and the CLIs whose `build` subcommand builds the app (any Node.js build step). */
const ANY_BUILD_SCRIPT = /^(build|compile|dist|bundle)\b/;
const ANY_BUILD_CLIS = ['ng', 'vite', 'next', 'nuxt', 'react-scripts', 'nest', 'vue-cli-service', 'gatsby'];

/**
 * Any Node.js build step on the command model (rules, DS201): a package script named
 * like a build (`npm run build`, `yarn compile`), `tsc` or `webpack`, or a CLI's `build` (`ng build`), directly or
 * through npx / yarn / pnpm [exec].
 */
export function isNodeBuild(cmd: ShellCommand): boolean {
  const p = programOf(cmd);
  const args = argTexts(cmd);
  if (p === 'npm' || p === 'pnpm' || p === 'yarn') {
    const k = args[0] === 'run' ? 1 : 0;
    if (ANY_BUILD_SCRIPT.test(args[k] ?? '')) return true;
  }
  let k = ['npx', 'yarn', 'pnpm'].includes(p) ? 0 : -1;
  if (k === 0 && args[0] === 'exec') k = 1;
  const tool = k < 0 ? p : (args[k] ?? '').replace(/^.*\//, '');
  return tool === 'tsc' || tool === 'webpack' || (ANY_BUILD_CLIS.includes(tool) && args[k + 1] === 'build');
}

/** The packages a global install names (`npm install -g x`, `pnpm add -g x`, `yarn global add x`), or undefined for any other command. */
export function globalInstallOf(cmd: ShellCommand): string[] | undefined {
  const p = programOf(cmd);
  const args = argTexts(cmd);
  const global = (p === 'npm' && ['install', 'i', 'add'].includes(args[0]) && args.some((a) => a === '-g' || a === '--global')) || (p === 'pnpm' && ['add', 'install', 'i'].includes(args[0]) && args.some((a) => a === '-g' || a === '--global'));
  if (global) return args.slice(1).filter((a) => !a.startsWith('-'));
  if (p === 'yarn' && args[0] === 'global' && args[1] === 'add') return args.slice(2).filter((a) => !a.startsWith('-'));
  return undefined;
}

/** The package manager a command uses or installs (`pnpm install`, `npm i -g pnpm`, `corepack prepare yarn@4`), or undefined. */
export function nodePackageManagerOf(cmd: ShellCommand): 'npm' | 'yarn' | 'pnpm' | undefined {
  const p = programOf(cmd);
  const named = (m: string) => p === m || argTexts(cmd).some((a) => a === m || a.startsWith(`${m}@`));
  if (named('pnpm')) return 'pnpm';
  if (named('yarn')) return 'yarn';
  return p === 'npm' ? 'npm' : undefined;
}

/** Programs that serve a directory of static files: a container that starts one serves a front-end build. */
export const SPA_SERVERS = ['serve', 'http-server', 'live-server', 'nginx', 'static-server', 'lite-server'];
/** package.json dependencies of a front-end app, and of a server (then it is not a static front end). */
export const FRONT_END_PACKAGES = ['react', 'vue', '@angular/core', 'vite', 'svelte', 'react-scripts', '@vue/cli-service'];
export const BACK_END_PACKAGES = ['express', 'fastify', 'koa', '@nestjs/core', 'next', 'nuxt', 'hapi', '@hapi/hapi'];
/** Tools that build (or scaffold) only front ends. */
const FRONT_END_TOOLS = ['@vue/cli', '@angular/cli', 'react-scripts', 'vite', 'vue-cli-service', 'create-react-app'];

/** A package or program name without its version or path (`@angular/cli@17` -> `@angular/cli`, `node_modules/.bin/vite` -> `vite`). */
function bareName(word: string): string {
  const name = word.replace(/(.)@[^/]*$/, '$1');
  return name.startsWith('@') ? name : name.replace(/^.*\//, '');
}

/** Whether a word names a front-end build tool (`vite`, `@angular/cli@17`, `react-scripts`), or, with `ng build` ahead, runs one. */
export function namesFrontEndTool(words: string[]): boolean {
  return words.some((w, k) => FRONT_END_TOOLS.includes(bareName(w)) || (bareName(w) === 'ng' && words[k + 1] === 'build'));
}

/** Whether words name Next.js (`next build`, `npm i next`), a server framework whose build is not a static front end. */
export function namesNext(words: string[]): boolean {
  return words.some((w) => bareName(w) === 'next');
}
