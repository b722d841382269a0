// `npm run bench:profile`: profiles the cold path. A fresh server (dist/server.js) under --cpu-prof is initialized and
// opens a generated Dockerfile (default 2,500 lines; `-- --lines=N`); after its diagnostics arrive the server is
// shut down and the profile (written to a temporary directory) is summed up: the functions with the most
// self time, then the inclusive time of the main phases (FNS=a,b,c names others).
import { BenchClient } from './client.mjs';
import { generateDockerfile } from './generate.mjs';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
const dir = process.env.PROF_DIR ?? mkdtempSync(path.join(os.tmpdir(), "stages-prof-"));
const lines = Number(process.argv.find((a) => a.startsWith('--lines='))?.slice(8) ?? 2500);
const text = generateDockerfile(lines) + '# profiled\n';
const client = new BenchClient(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=200', 'dist/server.js', '--stdio'], { env: { MALLOC_ARENA_MAX: '2' } });
await client.initialize({});
const opened = await client.open('file:///cold/Dockerfile', text);
console.log(`${lines} lines, cold didOpen\u2192diagnostics ${opened.ms.toFixed(0)} ms (profiling slows it)`);
await client.shutdown();
await new Promise((r) => setTimeout(r, 500));
const f = readdirSync(dir)[0];
const prof = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = prof.timeDeltas; 
prof.samples.forEach((id, i) => { const n = byId.get(id); const cf = n.callFrame; const url = (cf.url || '').replace(/.*\//, ''); const key = `${cf.functionName || '(anon)'} ${url}:${cf.lineNumber}`; self.set(key, (self.get(key) || 0) + (dt[i] || 0) / 1000); });
const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30);
for (const [k, v] of top) console.log(v.toFixed(1).padStart(8), k);
// inclusive times for named functions
const parent = new Map(); for (const n of prof.nodes) for (const c of n.children || []) parent.set(c, n.id);
const incl = new Map();
prof.samples.forEach((id, i) => { const seen = new Set(); let cur = id; while (cur !== undefined) { const n = byId.get(cur); const name = n.callFrame.functionName; if (name && !seen.has(name)) { seen.add(name); incl.set(name, (incl.get(name) || 0) + (dt[i] || 0) / 1000); } cur = parent.get(cur); } });
for (const name of (process.env.FNS || 'diagnose,runRules,validate,buildModel,runCommands,parseScript,warmShellParser,semanticTokens,validateDockerfile,parseDockerfile,collectStages,linkStages,analyse,createAnalysis,estimateImage,codeLenses').split(',')) console.log('incl', name, (incl.get(name) || 0).toFixed(1));
