/**
 * A fake image builder for tests: a directory with `docker`, `podman` and `buildah` scripts to put first on
 * PATH. Each records its arguments (and a copy of the Dockerfile it builds) in a log, and answers like the real
 * tool: `docker info` fails (no daemon) unless FAKE_DOCKER_DAEMON=1; `build`/`bud` prints progress and succeeds,
 * fails when the tag contains FAKE_FAIL_TAG, or sleeps when FAKE_SLOW_BUILD=1 (for cancellation);
 * `image inspect`/`inspect --type image` prints a config and a size that depend on the tag; `rmi` succeeds.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const SCRIPT = String.raw`#!/usr/bin/env node
const fs = require('fs');
const path = require('path');
const tool = path.basename(process.argv[1]);
const args = process.argv.slice(2);
const logFile = process.env.FAKE_BUILDER_LOG;
const entry = { tool, args };
const fIdx = args.indexOf('-f');
if (fIdx >= 0) entry.dockerfile = fs.readFileSync(args[fIdx + 1], 'utf8');
if (logFile) fs.appendFileSync(logFile, JSON.stringify(entry) + '\n');
const tagOf = () => args[args.indexOf('-t') + 1];
if (args[0] === '--version') { console.log(tool + ' version 9.9.9-fake'); process.exit(0); }
if (args[0] === 'info') { if (process.env.FAKE_DOCKER_DAEMON === '1') { console.log('27.0.0'); process.exit(0); } console.error('Cannot connect to the Docker daemon'); process.exit(1); }
if (args[0] === 'build' || args[0] === 'bud') {
  const tag = tagOf();
  console.log('STEP 1/2: FROM something');
  if (process.env.FAKE_SLOW_BUILD === '1') {
    if (process.env.FAKE_PID_FILE) fs.writeFileSync(process.env.FAKE_PID_FILE, String(process.pid));
    setTimeout(() => process.exit(0), 60000);
    return;
  }
  if (process.env.FAKE_FAIL_TAG && tag.includes(process.env.FAKE_FAIL_TAG)) { console.error('Error: building at STEP "RUN make": exit status 2'); process.exit(1); }
  console.log('STEP 2/2: COMMIT ' + tag);
  process.exit(0);
}
if ((args[0] === 'image' && args[1] === 'inspect') || (args[0] === 'inspect' && args.includes('image'))) {
  const ref = args[args.length - 1];
  const converted = ref.endsWith(':converted');
  const config = { Env: ['PATH=/usr/bin', converted ? 'TOOL=no' : 'TOOL=yes'], Cmd: ['./server'], WorkingDir: '/app', User: converted ? '65532' : '', ExposedPorts: { '8080/tcp': {} }, Labels: { 'io.buildah.version': '1.28.2' } };
  const size = converted ? 9700000 : 930000000;
  if (tool === 'buildah') console.log(JSON.stringify({ Docker: { config }, Manifest: JSON.stringify({ layers: [{ size: size - 1000 }, { size: 1000 }] }) }));
  else console.log(JSON.stringify([{ Size: size, Config: config }]));
  process.exit(0);
}
if (args[0] === 'rmi') { console.log('Untagged: ' + args.slice(1).join(' ')); process.exit(0); }
console.error(tool + ': unexpected arguments ' + args.join(' '));
process.exit(125);
`;

export interface FakeBuilder {
  /** The directory to put first on PATH. */
  bin: string;
  /** Every call so far: tool, args, and the Dockerfile text when it built one. */
  calls(): { tool: string; args: string[]; dockerfile?: string }[];
  env(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  cleanup(): void;
}

export function fakeBuilder(): FakeBuilder {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockerfile-stages-fake-builder-'));
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  for (const tool of ['docker', 'podman', 'buildah']) {
    fs.writeFileSync(path.join(bin, tool), SCRIPT);
    fs.chmodSync(path.join(bin, tool), 0o755);
  }
  const log = path.join(dir, 'calls.jsonl');
  return {
    bin,
    calls: () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []),
    env: (extra = {}) => ({ PATH: `${bin}${path.delimiter}${process.env.PATH}`, FAKE_BUILDER_LOG: log, ...extra }),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
