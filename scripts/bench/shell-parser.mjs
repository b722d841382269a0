// `node scripts/bench/shell-parser.mjs` (after `tsc -b`): the shell parser against mvdan-sh, the parser it replaced
// (test/support/mvdanParse.ts, a devDependency), on every RUN script of ../shared's Dockerfiles. Cold: a fresh
// process per parser, the module load and first parse, then one pass over all scripts (nothing compiled yet);
// warm: a pass after five unmeasured ones (no cache: the parsers are called under parseScript's cache).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const OUT = path.join(ROOT, 'out');
const SHARED = path.resolve(ROOT, '..', 'shared');

function scripts() {
  const core = require(path.join(OUT, 'server/src/core/internal.js'));
  const out = [];
  for (const dir of ['corpus', 'eval/size'].map((d) => path.join(SHARED, d)).filter(existsSync)) {
    for (const name of readdirSync(dir).filter((f) => f.endsWith('Dockerfile'))) {
      const model = core.buildModel(readFileSync(path.join(dir, name), 'utf8'));
      for (const run of model.instructions.filter((i) => i.getKeyword().toUpperCase() === 'RUN')) {
        const r = core.runCommands(model, run);
        if (r.readable && r.script) out.push(r.script);
      }
    }
  }
  return out;
}

/** A parse function without the cache: ours is compile's path, mvdan-sh's the test reference. */
function parserOf(which) {
  if (which === 'ours') {
    const { readScript } = require(path.join(OUT, 'server/src/core/commands/scriptReader.js'));
    const { parseScript } = require(path.join(OUT, 'server/src/core/commands/parser.js'));
    return (s) => {
      try {
        return readScript(s, (b) => parseScript(b).commands);
      } catch (e) {
        return e;
      }
    };
  }
  const { mvdanParseScript } = require(path.join(OUT, 'test/support/mvdanParse.js'));
  return (s) => mvdanParseScript(s);
}

function child(which, list) {
  const t0 = performance.now();
  const parse = parserOf(which);
  parse(list[0]);
  const first = performance.now() - t0;
  const t1 = performance.now();
  for (const s of list) parse(s);
  const pass = performance.now() - t1;
  console.log(JSON.stringify({ first, pass, rss: process.memoryUsage().rss }));
}

function warm(which, list) {
  const parse = parserOf(which);
  for (let i = 0; i < 5; i++) for (const s of list) parse(s);
  const runs = 20;
  const t = performance.now();
  for (let i = 0; i < runs; i++) for (const s of list) parse(s);
  return (performance.now() - t) / runs;
}

const mode = process.argv[2];
if (mode === '--child') {
  child(process.argv[3], JSON.parse(readFileSync(process.argv[4], 'utf8')));
} else {
  if (!existsSync(SHARED)) throw new Error('no ../shared');
  const list = scripts();
  const file = path.join(OUT, 'shell-parser-bench.json');
  (await import('node:fs')).writeFileSync(file, JSON.stringify(list));
  const chars = list.reduce((n, s) => n + s.length, 0);
  console.log(`${list.length} RUN scripts, ${(chars / 1000).toFixed(0)} k characters`);
  for (const which of ['ours', 'mvdan-sh']) {
    const cold = [0, 1, 2].map(() => JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', which === 'ours' ? 'ours' : 'mvdan', file], { encoding: 'utf8' })));
    cold.sort((a, b) => a.first - b.first);
    const c = cold[1];
    const w = warm(which === 'ours' ? 'ours' : 'mvdan', list);
    console.log(`${which.padEnd(9)} cold: load + first parse ${c.first.toFixed(1)} ms, first pass ${c.pass.toFixed(0)} ms, RSS ${(c.rss / 1e6).toFixed(0)} MB; warm pass ${w.toFixed(1)} ms`);
  }
}
