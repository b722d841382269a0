// Builds the e2e pieces with esbuild (the project's devDependency), independent of the product's tsconfig:
// the suite (test/e2e/suite/**/*.test.ts -> suite.js), the runner extension and its .vsix, and the
// product .vsix (through the project's own `npm run package`).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import zlib from 'node:zlib';
import { log, readJson, repoRoot, rmrf, run } from './common.mjs';

const e2eDir = path.join(repoRoot, 'test', 'e2e');
export const fixturesDir = path.join(repoRoot, 'test', 'fixtures', 'e2e');

function esbuild() {
  return createRequire(path.join(repoRoot, 'package.json'))('esbuild');
}

function findTests(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findTests(p));
    else if (entry.name.endsWith('.test.ts')) out.push(p);
  }
  return out.sort();
}

/** Type-checks the e2e sources (test/e2e/tsconfig.json); esbuild only strips the types. */
export async function typecheckE2E() {
  await run(path.join(repoRoot, 'node_modules', '.bin', 'tsc'), ['-p', path.join(e2eDir, 'tsconfig.json')], {
    label: 'tsc -p test/e2e/tsconfig.json',
  });
  log('type-checked test/e2e');
}

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  sourcemap: 'inline',
  logLevel: 'error',
};

/** Bundles every test/e2e/suite/**\/*.test.ts into `${outDir}/suite.js`, in file-name order. */
export async function buildSuite(outDir) {
  const tests = findTests(path.join(e2eDir, 'suite'));
  if (!tests.length) throw new Error('no test/e2e/suite/**/*.test.ts');
  const entry = tests.map((t) => `import ${JSON.stringify(t)};`).join('\n');
  await esbuild().build({
    ...common,
    stdin: { contents: entry, resolveDir: e2eDir, sourcefile: 'e2e-suite-entry.ts', loader: 'ts' },
    outfile: path.join(outDir, 'suite.js'),
  });
  log(`bundled ${tests.length} e2e test file(s): ${tests.map((t) => path.relative(e2eDir, t)).join(', ')}`);
}

/** The @vscode/test-electron entry (electron.ts -> index.js) and the suite, into `outDir`. */
export async function buildElectronEntry(outDir) {
  rmrf(outDir);
  await esbuild().build({ ...common, entryPoints: [path.join(e2eDir, 'electron.ts')], outfile: path.join(outDir, 'index.js') });
  await buildSuite(outDir);
}

/** The runner extension folder (package.json, dist/, e2e-config.json) packed as a .vsix; returns its path. */
export async function buildRunnerVsix(workDir, config) {
  const extDir = path.join(workDir, 'runner');
  rmrf(extDir);
  fs.mkdirSync(path.join(extDir, 'dist'), { recursive: true });
  await esbuild().build({
    ...common,
    entryPoints: [path.join(e2eDir, 'runner', 'extension.ts')],
    outfile: path.join(extDir, 'dist', 'extension.js'),
  });
  await buildSuite(path.join(extDir, 'dist'));
  fs.copyFileSync(path.join(e2eDir, 'runner', 'package.json'), path.join(extDir, 'package.json'));
  fs.writeFileSync(path.join(extDir, 'e2e-config.json'), JSON.stringify(config, null, 2));
  const manifest = readJson(path.join(extDir, 'package.json'));
  const vsix = path.join(workDir, `${manifest.name}-${manifest.version}.vsix`);
  writeVsix(vsix, extDir, manifest);
  return vsix;
}

/** Runs the project's `npm run package` and returns the .vsix it made (or E2E_VSIX, when set). */
export async function buildProductVsix(logFile) {
  if (process.env.E2E_VSIX) return path.resolve(process.env.E2E_VSIX);
  const before = Date.now();
  log('building the product .vsix: npm run package');
  await run('npm', ['run', 'package'], { logFile, label: 'npm run package' });
  const found = [];
  for (const dir of [repoRoot, path.join(repoRoot, 'dist')]) {
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir)) {
      if (!f.endsWith('.vsix')) continue;
      const p = path.join(dir, f);
      found.push({ p, mtime: fs.statSync(p).mtimeMs });
    }
  }
  found.sort((a, b) => b.mtime - a.mtime);
  if (!found.length || found[0].mtime < before - 1000) throw new Error('`npm run package` made no new .vsix (looked in the repo root and dist/)');
  return found[0].p;
}

// --- a minimal .vsix (zip) writer: an extension folder under extension/, plus the two manifest files ---

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function listFiles(dir, prefix = '') {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(path.join(dir, entry.name), rel));
    else out.push(rel);
  }
  return out.sort();
}

function xmlEscape(s) {
  return String(s).replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]);
}

function writeVsix(file, extDir, manifest) {
  const entries = [];
  entries.push({
    name: '[Content_Types].xml',
    data: Buffer.from(
      '<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension=".vsixmanifest" ContentType="text/xml"/><Default Extension=".json" ContentType="application/json"/>' +
        '<Default Extension=".js" ContentType="application/javascript"/></Types>',
    ),
  });
  entries.push({
    name: 'extension.vsixmanifest',
    data: Buffer.from(
      '<?xml version="1.0" encoding="utf-8"?><PackageManifest Version="2.0.0" xmlns="http://schemas.microsoft.com/developer/vsx-schema/2011">' +
        `<Metadata><Identity Language="en-US" Id="${xmlEscape(manifest.name)}" Version="${xmlEscape(manifest.version)}" Publisher="${xmlEscape(manifest.publisher)}"/>` +
        `<DisplayName>${xmlEscape(manifest.displayName ?? manifest.name)}</DisplayName><Description xml:space="preserve">${xmlEscape(manifest.description ?? '')}</Description>` +
        `<Properties><Property Id="Microsoft.VisualStudio.Code.Engine" Value="${xmlEscape(manifest.engines.vscode)}"/></Properties></Metadata>` +
        '<Installation><InstallationTarget Id="Microsoft.VisualStudio.Code"/></Installation><Dependencies/>' +
        '<Assets><Asset Type="Microsoft.VisualStudio.Code.Manifest" Path="extension/package.json" Addressable="true"/></Assets></PackageManifest>',
    ),
  });
  for (const rel of listFiles(extDir)) entries.push({ name: `extension/${rel}`, data: fs.readFileSync(path.join(extDir, rel)) });

  const chunks = [];
  const central = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBuf = Buffer.from(name, 'utf8');
    const compressed = zlib.deflateRawSync(data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(0, 10); // time, date
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(0, 28);
    chunks.push(local, nameBuf, compressed);
    const cen = Buffer.alloc(46);
    cen.writeUInt32LE(0x02014b50, 0);
    cen.writeUInt16LE(20, 4);
    cen.writeUInt16LE(20, 6);
    cen.writeUInt16LE(0x0800, 8);
    cen.writeUInt16LE(8, 10);
    cen.writeUInt32LE(0, 12);
    cen.writeUInt32LE(crc, 16);
    cen.writeUInt32LE(compressed.length, 20);
    cen.writeUInt32LE(data.length, 24);
    cen.writeUInt16LE(nameBuf.length, 28);
    cen.writeUInt32LE(offset, 42);
    central.push(cen, nameBuf);
    offset += local.length + nameBuf.length + compressed.length;
  }
  const centralBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  fs.writeFileSync(file, Buffer.concat([...chunks, centralBuf, end]));
}
