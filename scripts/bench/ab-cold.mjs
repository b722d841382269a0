// A/B of the cold path while iterating: `node scripts/bench/ab-cold.mjs <other dist/server.js> [--lines=N] [--runs=N]`
// starts a fresh server per run, alternating this worktree's dist/server.js and the other bundle (e.g. a build of
// main copied elsewhere), and prints the median cold didOpen→diagnostics, whether both published the same diagnostics,
// and with --warm=N the median of N further opens per process.
import { BenchClient } from './client.mjs';
import { generateDockerfile } from './generate.mjs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { readFileSync } from 'node:fs';
// CPU time (user + system, ms) of a process so far: steadier than wall time on a shared machine.
const cpu = (pid) => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
// Both bundles start as the VS Code client starts the server (common/launch.ts: Node flags and environment).
const { SERVER_PROCESS_ENV: env, SERVER_EXEC_ARGV: launchFlags } = createRequire(import.meta.url)(path.join(ROOT, 'out', 'common', 'launch.js'));
const other = process.argv[2];
const lines = Number(process.argv.find((a) => a.startsWith('--lines='))?.slice(8) ?? 2500);
const runs = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 5);
const headFlags = (process.env.HEAD_NODE_FLAGS ?? '').split(' ').filter(Boolean);
const servers = { head: path.join(ROOT, 'dist', 'server.js'), other };
const times = { head: [], other: [] };
const warm = { head: [], other: [] };
const warmOpens = Number(process.argv.find((a) => a.startsWith('--warm='))?.slice(7) ?? 0);
const first = {};
const cpuCold = { head: [], other: [] };
const cpuWarm = { head: [], other: [] };
for (let i = 0; i < runs; i++) {
  for (const [name, file] of i % 2 ? Object.entries(servers).reverse() : Object.entries(servers)) {
    const client = new BenchClient(process.execPath, [...launchFlags, ...(name === 'head' ? headFlags : []), file, '--stdio'], { env });
    await client.initialize({});
    const c0 = cpu(client.proc.pid);
    const opened = await client.open(`file:///cold${i}/Dockerfile`, generateDockerfile(lines) + `# run ${i}\n`);
    times[name].push(opened.ms);
    const c1 = cpu(client.proc.pid);
    cpuCold[name].push(c1 - c0);
    if (i === 0) first[name] = JSON.stringify(opened.diagnostics);
    // Warm: further opens of new texts (each a text no earlier open saw) in the same process.
    for (let w = 0; w < warmOpens; w++) warm[name].push((await client.open(`file:///warm${i}-${w}/Dockerfile`, generateDockerfile(lines) + `# run ${i} ${w}\n`)).ms);
    if (warmOpens) cpuWarm[name].push((cpu(client.proc.pid) - c1) / warmOpens);
    await client.shutdown();
  }
}
console.log(`diagnostics of the first open: ${first.head === first.other ? 'identical' : 'DIFFERENT'} (${JSON.parse(first.head).length})`);
const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
console.log(`${lines} lines, cold didOpen→diagnostics median of ${runs}: head ${med(times.head).toFixed(0)} ms, other ${med(times.other).toFixed(0)} ms (${(med(times.head) / med(times.other)).toFixed(2)}×)`);
if (warmOpens) console.log(`${lines} lines, warm didOpen→diagnostics median of ${warm.head.length}: head ${med(warm.head).toFixed(1)} ms, other ${med(warm.other).toFixed(1)} ms (${(med(warm.head) / med(warm.other)).toFixed(2)}×)`);
console.log(`server CPU ms (median): cold open head ${med(cpuCold.head)}, other ${med(cpuCold.other)}${warmOpens ? `; per warm open head ${med(cpuWarm.head).toFixed(1)}, other ${med(cpuWarm.other).toFixed(1)}` : ''}`);
