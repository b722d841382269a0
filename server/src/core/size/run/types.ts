/** What one RUN's estimator knows (the stage's facts) and the state the per-tool estimators share. */
import type { Family } from '../baseImages';
import type { BasePackages } from '../knowledge';
import type { LayerItem } from '../types';
import { isUnder, resolvePath } from './args';

/** Whether a word of the RUN matches (`/var/cache/apk`, `PIP_NO_CACHE_DIR=1`). */
export function namesWord(ctx: { words: string[] }, re: RegExp): boolean {
  return ctx.words.some((w) => re.test(w));
}

export interface Manifests {
  /** package.json files found in the copied context: direct dependencies (counts and names). */
  npm?: { dependencies: number; devDependencies: number; names?: string[]; devNames?: string[] };
  /** package-lock.json (or yarn/pnpm lock): the installed packages, production and dev-only, by name. */
  npmLock?: { names: string[]; devNames: string[] };
  /** requirements*.txt: requirement names. */
  requirements?: string[];
  /** poetry.lock / uv.lock / Pipfile.lock: every locked package, by name. */
  pythonLock?: string[];
  /** go.mod: number of required modules. */
  goModules?: number;
  /** go.sum: modules the build downloads. */
  goSumModules?: number;
  /** Cargo.toml or Cargo.lock present. */
  cargo?: boolean;
  /** Cargo.lock: packages (crates) in the lock. */
  cargoLockPackages?: number;
  /** Cargo.toml: direct dependencies (when there is no Cargo.lock). */
  cargoDirectDependencies?: number;
  /** pom.xml: declared dependencies. */
  mavenDependencies?: number;
  /** Manifest files already read (a file copied twice counts once). */
  read?: string[];
}

export interface RunContext {
  family: Family;
  cwd: string;
  /** Paths mounted as caches (`RUN --mount=type=cache,target=...`): nothing under them stays in the layer. */
  cacheMounts: string[];
  manifests: Manifests;
  /** Every word of the RUN's commands (command model: `NAME=value` prefixes and `export` included), for what the
   * estimators look at across the RUN: a config flag, a cache removed, an index URL. */
  words: string[];
  /** The same, command by command (`words` of each simple command). */
  commandWords: string[][];
  /** The stage already has these (downloaded modules etc. in earlier layers): don't count caches twice. */
  stageHas: Set<string>;
  /** Production install hinted by ENV NODE_ENV=production. */
  nodeEnvProduction: boolean;
  /** OS packages the base image already has (documented package lists; see knowledge.basePackagesOf). */
  basePackages?: BasePackages;
}

export const APT_BASIS = 'Debian bookworm Installed-Size (Debian package lists)';
export const APT_RATIO = 2.6;
export const HEURISTIC = 'heuristic';

/** The state of one RUN's estimate, shared by the per-tool estimators in command order. */
export class RunState {
  readonly items: LayerItem[] = [];
  /** Paths a recursive chown/chmod rewrites: files from earlier layers under them are stored again. */
  readonly rewritten: { tool: string; path: string }[] = [];
  readonly notes: string[] = [];
  /** Known artifacts already counted (a JDK, a Go SDK ...). */
  readonly artifacts = new Set<string>();
  /** Build trees and installs already counted in this RUN (`make` then `make install` of the same tree). */
  readonly built = new Set<string>();
  aptAutoMarked = false;
  readonly aptItems: { item: LayerItem; pkgs: string[] }[] = [];
  readonly apkItems: { item: LayerItem; pkgs: string[]; virtual?: string }[] = [];
  readonly downloads: { item: LayerItem; file?: string }[] = [];
  cwd: string;

  constructor(readonly ctx: RunContext) {
    this.cwd = ctx.cwd;
  }

  abs = (p: string): string => resolvePath(this.cwd, p);

  push = (it: LayerItem): void => {
    if (it.paths?.some((p) => this.ctx.cacheMounts.some((m) => isUnder(p, m)))) return; // lives in a cache mount
    this.items.push(it);
  };

  removeUnder = (target: string): void => {
    for (const it of this.items) {
      if (it.removed || !it.paths?.length) continue;
      if (it.paths.every((p) => isUnder(p, target))) it.removed = true;
    }
  };
}
