/**
 * V8's optimizing tiers held back while the server starts (and through a CLI run, cli/main.ts). The first document the editor opens is validated by code
 * V8 has not seen yet, and on its default settings V8 optimizes what runs often early, on little type feedback: on
 * the first open of a 2,500-line Dockerfile under Node 20 it optimizes about 216 functions (--trace-opt), and that
 * open takes a third longer than with optimization paced four times slower (BENCHMARKS.md, seventh pass). In steady
 * use the default pacing is the faster one (the slower one leaves functions that run a moderate amount unoptimized:
 * opens and keystrokes 4–22 % slower), so the default comes back as soon as the first diagnostics are published.
 *
 * Only V8 versions whose pacing flags and defaults were read from `node --v8-options` are touched (the flags differ
 * from one V8 to the next; an unknown flag given at launch stops Node, given here it is ignored with a warning on
 * stderr); under any other V8, VS Code's Electron among them, nothing changes. `startupTiering.test.ts` checks the
 * table against the V8 of the Node that runs the tests.
 */
import { setFlagsFromString } from 'node:v8';

/** A V8 flag that paces tier-up (a larger value: later), with its default in that V8. */
export interface PacingFlag {
  name: string;
  default: number;
}

/** The pacing flags per V8 version (`major.minor.`), as `node --v8-options` lists them. */
export const PACING_FLAGS: ReadonlyArray<{ v8: string; node: string; flags: readonly PacingFlag[] }> = [
  // V8 11.3 counts executed bytecode between tier-up checks.
  { v8: '11.3.', node: '20', flags: [{ name: 'interrupt-budget', default: 67584 }] },
  // V8 12.4 and 13.6 count invocations; Node 22 ships Maglev off, Node 24 on.
  { v8: '12.4.', node: '22', flags: [{ name: 'invocation-count-for-turbofan', default: 3000 }] },
  {
    v8: '13.6.',
    node: '24',
    flags: [
      { name: 'invocation-count-for-turbofan', default: 3000 },
      { name: 'invocation-count-for-maglev', default: 400 },
    ],
  },
];

/** How much later than by default V8 optimizes while the server starts (×2 gained about half as much as ×4; ×8 no more). */
export const STARTUP_PACING = 4;
/** The latest the default pacing comes back, when no document's diagnostics were published by then (none opened). */
export const STARTUP_WINDOW_MS = 2000;

export interface TieringHost {
  v8Version: string;
  setFlags(flags: string): void;
  /** Runs `restore` once after `ms`, without keeping the process alive. */
  later(restore: () => void, ms: number): void;
}

const nodeHost: TieringHost = {
  v8Version: process.versions.v8,
  setFlags: setFlagsFromString,
  later: (restore, ms) => setTimeout(restore, ms).unref(),
};

export interface HeldBackTierUp {
  /** The flags changed (none under a V8 not in PACING_FLAGS). */
  flags: readonly PacingFlag[];
  /** Gives V8 its defaults back (the first call; later calls and the timer's do nothing). */
  restore(): void;
}

/**
 * Paces V8's tier-up `STARTUP_PACING` times slower until `restore` is called (the server calls it once the first
 * diagnostics are out), or `STARTUP_WINDOW_MS` have passed. The longer the slow pacing lasts, the longer functions
 * that ticked under it wait for their next check afterwards: opens measured 3–12 % slower for a few seconds after
 * a two-second window, not after a restore at the first diagnostics.
 */
export function holdBackTierUpAtStartup(host: TieringHost = nodeHost): HeldBackTierUp {
  const known = PACING_FLAGS.find((k) => host.v8Version.startsWith(k.v8));
  if (!known) return { flags: [], restore: () => undefined };
  for (const f of known.flags) host.setFlags(`--${f.name}=${f.default * STARTUP_PACING}`);
  let held = true;
  const restore = () => {
    if (!held) return;
    held = false;
    for (const f of known.flags) host.setFlags(`--${f.name}=${f.default}`);
  };
  host.later(restore, STARTUP_WINDOW_MS);
  return { flags: known.flags, restore };
}
