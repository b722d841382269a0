// A/B of the cold path while iterating: `node scripts/bench/ab-cold.mjs <other dist/server.js> [--lines=N] [--runs=N]`
// starts a fresh server per run, alternating this worktree's dist/server.js and the other bundle (e.g. a build of
// main copied elsewhere), and prints the median cold didOpen→diagnostics and the diagnostics count of each.
import { BenchClient } from './client.mjs';
import { generateDockerfile } from './generate.mjs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const env = createRequire(import.meta.url)(path.join(ROOT, 'out', 'common', 'launch.js')).SERVER_PROCESS_ENV;
const other = process.argv[2];
const lines = Number(process.argv.find((a) => a.startsWith('--lines='))?.slice(8) ?? 2500);
const runs = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 5);
const headFlags = (process.env.HEAD_NODE_FLAGS ?? '').split(' ').filter(Boolean);
const servers = { head: path.join(ROOT, 'dist', 'server.js'), other };
const times = { head: [], other: [] };
for (let i = 0; i < runs; i++) {
  for (const [name, file] of i % 2 ? Object.entries(servers).reverse() : Object.entries(servers)) {
    const client = new BenchClient(process.execPath, [...(name === 'head' ? headFlags : []), file, '--stdio'], { env });
    await client.initialize({});
    const opened = await client.open(`file:///cold${i}/Dockerfile`, generateDockerfile(lines) + `# run ${i}\n`);
    times[name].push(opened.ms);
    if (i === 0) console.log(name, 'diagnostics', opened.diagnostics?.length ?? opened.count ?? '?');
    await client.shutdown();
  }
}
const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
console.log(`${lines} lines, cold didOpen→diagnostics median of ${runs}: head ${med(times.head).toFixed(0)} ms, other ${med(times.other).toFixed(0)} ms (${(med(times.head) / med(times.other)).toFixed(2)}×)`);
