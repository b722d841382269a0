import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MB, buildModel, estimateRun, parseShell, runCommands, type RunContext } from '../../server/src/core/internal';
import { artifactForUrl, basePackagesOf, inSegment } from '../../server/src/core/size/knowledge';

/** The words of a script's commands, from the command model (as the estimate passes them). */
function wordsOf(script: string): Pick<RunContext, 'words' | 'commandWords'> {
  const model = buildModel(`FROM scratch\nRUN ${script}\n`);
  const commandWords = runCommands(model, model.instructions[1]).commands.map((c) => c.words.map((w) => w.text));
  return { words: commandWords.flat(), commandWords };
}

function run(script: string, over: Partial<RunContext> = {}) {
  const ctx: RunContext = { family: 'debian', cwd: '/', cacheMounts: [], manifests: {}, ...wordsOf(script), stageHas: new Set(), nodeEnvProduction: false, ...over };
  const { items, notes } = estimateRun(parseShell(script).commands, ctx);
  const kept = items.filter((i) => !i.removed);
  return { items, kept, notes, total: kept.reduce((s, i) => s + i.uncompressedBytes, 0), compressed: kept.reduce((s, i) => s + i.compressedBytes, 0) };
}

describe('shell parsing of RUN', () => {
  it('finds simple commands through &&, ;, pipes, if/else, case and loops', () => {
    const p = parseShell(`set -e; apt-get update && apt-get install -y "curl" 'git'; if [ -n "$X" ]; then tar -xzf a.tgz; else echo no; fi | sort; for k in a b; do echo $k; done`);
    const names = p.commands.map((c) => c.argv[0]);
    assert.deepEqual(names, ['set', 'apt-get', 'apt-get', '[', 'tar', 'echo', 'sort', 'echo']);
    assert.deepEqual(p.commands[2].argv, ['apt-get', 'install', '-y', 'curl', 'git']);
    assert.equal(p.commands[4].conditional, true);
  });
  it('substitutes known variables and assignments made earlier in the script', () => {
    const p = parseShell('url=https://x/go.tgz; wget -O go.tgz "$url" $V', (n) => (n === 'V' ? '1.2' : undefined));
    assert.deepEqual(p.commands[0].argv, ['wget', '-O', 'go.tgz', 'https://x/go.tgz', '1.2']);
  });
  it('survives broken shell without throwing', () => {
    const p = parseShell('echo "unterminated && apt-get install -y curl');
    assert.ok(p.parseError);
    assert.ok(p.commands.length >= 1);
  });
});

describe('long RUN scripts', () => {
  it('walks a long && chain without recursion, and splits a huge script plainly', () => {
    // 6,000 commands in 18 kB (under the parse limit): deep enough to overflow a recursive walk.
    const chained = parseShell(`${'a&&'.repeat(6_000)}b||c`);
    assert.equal(chained.parseError, undefined);
    assert.equal(chained.commands.length, 6_002);
    assert.deepEqual(chained.commands[6_000], { argv: ['b'], conditional: false });
    assert.deepEqual(chained.commands[6_001], { argv: ['c'], conditional: true });
    const huge = parseShell(`${'echo hello && '.repeat(75_000)}true`);
    assert.ok(huge.parseError);
    assert.ok(huge.commands.length > 1000);
  });
});

describe('package-manager estimators', () => {
  it('apt-get: Debian Installed-Size for known packages; apt lists unless removed in the same layer', () => {
    const dirty = run('apt-get update && apt-get install -y --no-install-recommends curl');
    assert.ok(dirty.kept.some((i) => /apt package lists/.test(i.label)));
    const clean = run('apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*');
    assert.ok(!clean.kept.some((i) => /apt package lists/.test(i.label)));
    assert.ok(clean.total < dirty.total);
    const curl = clean.kept.find((i) => /curl/.test(i.label))!;
    assert.match(curl.basis, /Debian bookworm Installed-Size/);
    assert.ok(Math.abs(curl.uncompressedBytes - 11703 * 1024) < 1 * MB, 'curl: 11.7 MB Installed-Size');
  });
  it('apt-get: recommends make it bigger; slim images drop docs; unknown packages are heuristic', () => {
    const rec = run('apt-get install -y gcc').total;
    const norec = run('apt-get install -y --no-install-recommends gcc').total;
    assert.ok(rec > norec);
    const slim = run('apt-get install -y --no-install-recommends gcc', { family: 'debian-slim' }).total;
    assert.ok(slim < norec);
    const unknown = run('apt-get install -y --no-install-recommends libfoo-dev').kept[0];
    assert.match(unknown.basis, /heuristic/);
    assert.ok(unknown.high / unknown.low > 4, 'wide range for unknown packages');
  });
  it('apt-get: build dependencies purged in the same layer (apt-mark auto + purge --auto-remove) leave little', () => {
    const r = run(`savedAptMark="$(apt-mark showmanual)"; apt-get update; apt-get install -y --no-install-recommends gcc make libssl-dev; make; apt-mark auto '.*' > /dev/null; apt-mark manual $savedAptMark; apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false; rm -rf /var/lib/apt/lists/*`);
    const gcc = r.items.find((i) => /apt-get install/.test(i.label))!;
    assert.equal(gcc.removed, true);
    const kept = r.kept.filter((i) => i.category === 'os-packages').reduce((s, i) => s + i.uncompressedBytes, 0);
    assert.ok(kept < 15 * MB, `kept ${kept}`);
    const named = run('apt-get install -y --no-install-recommends wget && apt-get remove -y wget');
    assert.equal(named.items.find((i) => /wget/.test(i.label))!.removed, true);
  });
  it('apk: --virtual groups deleted later in the layer count nothing; the index cache counts without --no-cache', () => {
    const v = run('apk add --no-cache --virtual .build-deps gcc musl-dev && make && apk del .build-deps', { family: 'alpine' });
    assert.equal(v.items.find((i) => /apk add gcc/.test(i.label))!.removed, true);
    const cached = run('apk add curl', { family: 'alpine' });
    assert.ok(cached.kept.some((i) => /apk index cache/.test(i.label)));
    const nocache = run('apk add --no-cache curl', { family: 'alpine' });
    assert.ok(!nocache.kept.some((i) => /apk index cache/.test(i.label)));
  });
  it('pip: known wheels, requirements files, and the pip cache unless --no-cache-dir', () => {
    const heavy = run('pip install numpy pandas');
    const light = run('pip install flask');
    assert.ok(heavy.total > 5 * light.total);
    assert.ok(heavy.kept.some((i) => /pip cache/.test(i.label)));
    assert.ok(!run('pip install --no-cache-dir flask').kept.some((i) => /pip cache/.test(i.label)));
    const req = run('pip install --no-cache-dir -r requirements.txt', { manifests: { requirements: ['torch', 'numpy'] } });
    assert.ok(req.total > 1000 * MB, 'torch is large');
    assert.ok(run('python -m pip install --no-cache-dir django').total > 0);
  });
  it('npm/yarn/pnpm: node_modules from package.json dependency counts, production installs, caches', () => {
    const manifests = { npm: { dependencies: 10, devDependencies: 20 } };
    const all = run('npm ci', { manifests });
    const prod = run('npm ci --omit=dev', { manifests });
    assert.ok(all.total > prod.total);
    assert.ok(all.kept.some((i) => /npm cache/.test(i.label)));
    assert.ok(!run('npm ci && npm cache clean --force', { manifests }).kept.some((i) => /npm cache/.test(i.label) && !i.removed));
    assert.ok(run('yarn install --frozen-lockfile', { manifests }).total > 0);
    assert.equal(run('yarn --version').total, 0);
    assert.ok(run('pnpm install', { manifests }).total > 0);
    const build = run('npm run build');
    assert.equal(build.kept[0].category, 'product');
    assert.ok(run('npm install -g typescript').total > 10 * MB);
  });
  it('go: module cache, build cache and the binary; cache mounts keep caches out of the layer', () => {
    const r = run('go mod download && go build -o /out/app ./cmd/app');
    const labels = r.kept.map((i) => i.label);
    assert.ok(labels.some((l) => /module cache/.test(l)));
    assert.ok(labels.some((l) => /build cache/.test(l)));
    const bin = r.kept.find((i) => i.category === 'product')!;
    assert.deepEqual(bin.paths, ['/out/app']);
    const mounted = run('go build -o /out/app .', { cacheMounts: ['/root/.cache/go-build', '/go/pkg/mod'] });
    assert.deepEqual(mounted.kept.map((i) => i.category), ['product']);
  });
  it('maven, gradle, cargo, dotnet and make each add their caches and products', () => {
    for (const [script, product] of [
      ['mvn -B package -DskipTests', /target/],
      ['./gradlew build --no-daemon', /build\/libs/],
      ['cargo build --release', /cargo build binary/],
      ['dotnet publish -c Release -o /app/publish', /dotnet publish/],
      ['make -j4', /build tree/],
    ] as const) {
      const r = run(script, { cwd: '/src' });
      assert.ok(r.total > 10 * MB, script);
      assert.ok(r.kept.some((i) => product.test(i.label)), `${script}: ${r.kept.map((i) => i.label).join(', ')}`);
    }
    assert.equal(run('make defconfig && make clean', { cwd: '/src' }).total, 0, 'configuration targets build nothing');
    const pub = run('dotnet publish -c Release -o /app/publish', { cwd: '/src' }).kept.find((i) => i.category === 'product')!;
    assert.deepEqual(pub.paths, ['/app/publish']);
  });
  it('downloads: known artifacts by URL; the archive removed in the same layer counts nothing', () => {
    const r = run('curl -fsSLO https://nodejs.org/dist/v20.11.0/node-v20.11.0-linux-x64.tar.xz && tar -xJf node-v20.11.0-linux-x64.tar.xz -C /usr/local --strip-components=1 && rm node-v20.11.0-linux-x64.tar.xz');
    const node = r.kept.find((i) => /Node\.js/.test(i.label))!;
    assert.ok(node.compressedBytes > 50 * MB && node.compressedBytes < 65 * MB);
    assert.equal(r.items.find((i) => /^download/.test(i.label))!.removed, true);
    const musl = run('wget https://unofficial-builds.nodejs.org/download/release/v20.11.0/node-v20.11.0-linux-x64-musl.tar.xz', { family: 'alpine' });
    assert.ok(musl.kept.some((i) => /musl/.test(i.label)));
    const unknown = run('curl -fsSL -o /opt/tool.tgz https://example.com/tool.tgz');
    assert.match(unknown.kept[0].basis, /^unknown download \(a single file/);
    assert.ok(unknown.kept[0].uncompressedBytes < 10 * MB, 'a single unknown file is not an SDK');
    assert.ok(unknown.kept[0].high / unknown.kept[0].low >= 20);
  });
  it('mv follows items to their new place; a later rm removes them', () => {
    const r = run('curl -o go.tgz https://dl.google.com/go/go1.22.0.linux-amd64.tar.gz && tar -C /usr/local -xzf go.tgz && rm go.tgz && mv /usr/local/go /target/go');
    const go = r.kept.find((i) => /Go SDK/.test(i.label))!;
    assert.deepEqual(go.paths, ['/target/go']);
    const gone = run('curl -o go.tgz https://dl.google.com/go/go1.22.0.linux-amd64.tar.gz && tar -C /usr/local -xzf go.tgz && rm -rf go.tgz /usr/local/go');
    assert.ok(!gone.kept.some((i) => /Go SDK/.test(i.label)));
  });
  it('reports paths a recursive chown/chmod rewrites', () => {
    const ctx: RunContext = { family: 'debian', cwd: '/', cacheMounts: [], manifests: {}, words: [], commandWords: [], stageHas: new Set(), nodeEnvProduction: false };
    assert.deepEqual(estimateRun(parseShell('chown -R app:app /app').commands, ctx).rewritten, [{ tool: 'chown', path: '/app' }]);
  });
});

describe('app layers from evidence', () => {
  const nodeBase = basePackagesOf('node', '20', 'debian');
  it('apt: packages the base already has are not counted again; new ones are, with what the base shares', () => {
    assert.ok(nodeBase && nodeBase.names.has('libpq-dev') && nodeBase.names.has('build-essential'));
    const dup = run('apt-get update && apt-get install -y build-essential libpq-dev', { basePackages: nodeBase });
    const inst = dup.kept.find((i) => /^apt-get install/.test(i.label))!;
    assert.match(inst.label, /already in node:20/);
    assert.ok(inst.uncompressedBytes < 1 * MB);
    const nginxOnMinimal = run('apt-get install -y --no-install-recommends nginx').kept[0];
    const nginxOnNode = run('apt-get install -y --no-install-recommends nginx', { basePackages: nodeBase }).kept[0];
    assert.ok(nginxOnNode.uncompressedBytes < nginxOnMinimal.uncompressedBytes / 2, 'its libraries are in buildpack-deps');
    const mixed = run('apt-get install -y --no-install-recommends gcc vim', { basePackages: nodeBase }).kept[0];
    assert.match(mixed.basis, /1 of 2 already in node:20 \(on buildpack-deps\) \(gcc\)/);
    assert.equal(basePackagesOf('node', '20-slim', 'debian-slim'), undefined, 'no documented list: nothing subtracted');
  });
  it('apt: quoted package names holding a variable and version pins are still packages', () => {
    const r = run('apt-get install -y "postgresql-$PG_MAJOR=$PG_VERSION" "curl=7.88*"', { words: [], commandWords: [] });
    const it = r.kept.find((i) => /^apt-get install/.test(i.label))!;
    assert.match(it.label, /curl/);
    assert.match(it.label, /postgresql-\$PG_MAJOR/);
    const known = estimateRun(parseShell('apt-get install -y "postgresql-$PG_MAJOR=$PG_VERSION"', (n) => (n === 'PG_MAJOR' ? '16' : n === 'PG_VERSION' ? '16.1-1' : undefined)).commands, { family: 'debian', cwd: '/', cacheMounts: [], manifests: {}, words: [], commandWords: [], stageHas: new Set(), nodeEnvProduction: false });
    assert.match(known.items[0].label, /postgresql-16\b/);
  });
  it('npm: node_modules from the lock file (production or all), nothing to install is a few kB', () => {
    const names = Array.from({ length: 70 }, (_, i) => `p${i}`);
    const lock = { npmLock: { names, devNames: ['typescript', 'd1'] } };
    const all = run('npm ci', { manifests: lock, cwd: '/app' });
    const nm = all.kept.find((i) => /node_modules/.test(i.label))!;
    assert.ok(nm.uncompressedBytes > 23 * MB && nm.uncompressedBytes < 35 * MB, 'typescript from the table + 71 small packages');
    assert.match(nm.basis, /lock file: 72 packages; 1 from the package table/);
    const prod = run('npm ci --omit=dev', { manifests: lock, cwd: '/app' }).kept.find((i) => /node_modules/.test(i.label))!;
    assert.ok(prod.uncompressedBytes < 10 * MB);
    const none = run('npm install', { manifests: { npm: { dependencies: 0, devDependencies: 0 } }, cwd: '/app' });
    assert.ok(none.total < 100_000, `nothing to install: ${none.total}`);
  });
  it('go: no modules means no module cache; the build cache scales with go.sum', () => {
    const std = run('go mod download && go build -o server .', { manifests: { goModules: 0 } });
    assert.ok(!std.kept.some((i) => /module cache/.test(i.label)));
    const cache = std.kept.find((i) => /build cache/.test(i.label))!;
    const many = run('go build -o server .', { manifests: { goSumModules: 40 } }).kept.find((i) => /build cache/.test(i.label))!;
    assert.ok(many.uncompressedBytes > cache.uncompressedBytes * 2);
    const mounted = run('go build -o /out/app .', { cacheMounts: ['/root/.cache/go-build'], manifests: { goModules: 0 } });
    assert.ok(!mounted.kept.some((i) => /build cache/.test(i.label)), 'a cache mount keeps nothing in the layer');
  });
  it('cargo: target/ from the crates in Cargo.lock, not a fixed size', () => {
    const small = run('cargo build --release', { manifests: { cargoLockPackages: 3 }, cwd: '/w' }).kept.find((i) => /target dir/.test(i.label))!;
    const big = run('cargo build --release', { manifests: { cargoLockPackages: 300 }, cwd: '/w' }).kept.find((i) => /target dir/.test(i.label))!;
    assert.ok(small.uncompressedBytes < 60 * MB, `${small.uncompressedBytes}`);
    assert.ok(big.uncompressedBytes > 10 * small.uncompressedBytes);
    assert.match(small.basis, /Cargo\.lock: 3 crates/);
  });
  it('make -C builds in that directory: removing it removes the build tree', () => {
    const r = run('make -C /usr/src/x -j4 all && make -C /usr/src/x install && rm -rf /usr/src/x');
    assert.ok(!r.kept.some((i) => /build tree/.test(i.label)));
    assert.ok(r.kept.some((i) => /make install/.test(i.label)));
  });
});

describe('RUN-wide facts from the commands\' words', () => {
  it('go build -ldflags "-s -w" (or --ldflags \'-s …\') is a stripped binary', () => {
    const label = (script: string) => run(script).kept.find((i) => /go build binary/.test(i.label))!.basis;
    assert.match(label('go build -ldflags "-s -w" -o /app .'), /stripped/);
    assert.match(label("go build --ldflags '-s -extldflags \"-static\"' -o /app ."), /stripped/);
    assert.doesNotMatch(label('go build -o /app . && echo -s'), /stripped/);
  });
  it('pip and apk caches: PIP_NO_CACHE_DIR or /var/cache/apk named by a command of the RUN', () => {
    assert.ok(!run('PIP_NO_CACHE_DIR=1 pip install flask').kept.some((i) => /pip cache/.test(i.label)));
    assert.ok(run('pip install flask').kept.some((i) => /pip cache/.test(i.label)));
    assert.ok(!run('apk add curl && rm -rf /var/cache/apk/*', { family: 'alpine' }).kept.some((i) => /apk index cache/.test(i.label)));
  });
  it('npm cache removed with rm -rf in the same RUN', () => {
    assert.ok(!run('npm ci && rm -rf /tmp/x /root/.npm', { manifests: { npm: { dependencies: 3, devDependencies: 0 } } }).kept.some((i) => /npm cache/.test(i.label)));
  });
});

describe('known downloads', () => {
  it("finds a name's two parts in one URL segment as the RegExps did (5,000 random URLs), and at once on a long one", () => {
    // The RegExps artifactForUrl used (`start[^/]*end`), as the specification.
    const cases: [RegExp, RegExp, string, boolean][] = [
      [/\/node-v[\d.$][^/]*-linux/, /^node-v[\d.$]/, '-linux', true],
      [/\/go[\d.$][^/]*\.linux-/, /^go[\d.$]/, '.linux-', true],
      [/apache-maven-[^/]*-bin/, /apache-maven-/, '-bin', false],
      [/gradle-[^/]*-bin\.zip/, /gradle-/, '-bin.zip', false],
      [/openjdk[^/]*\.tar\.gz/, /openjdk/, '.tar.gz', false],
    ];
    const parts = ['/', 'node-v', 'go', '1', '$', '.', '-linux', '.linux-', 'apache-maven-', '-bin', 'gradle-', '.zip', 'openjdk', '.tar.gz', 'x'];
    let seed = 5;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let i = 0; i < 5000; i++) {
      const url = Array.from({ length: 1 + Math.floor(next() * 10) }, () => parts[Math.floor(next() * parts.length)]).join('');
      for (const [re, start, end, atStart] of cases) assert.equal(inSegment(url, start, end, atStart), re.test(url), `${re} on ${url}`);
    }
    assert.equal(artifactForUrl('https://github.com/adoptium/temurin17-binaries/releases/download/x/OpenJDK17U-jdk_x64_linux.tar.gz', 'debian')?.key, 'java');
    assert.equal(artifactForUrl('https://example.com/openjdk-21_linux-x64_bin.tar.gz', 'debian')?.key, 'java');
    assert.equal(artifactForUrl('https://example.com/dist/gradle-8.5-bin.zip', 'debian')?.key, 'gradle');
    assert.equal(artifactForUrl('https://example.com/v20.1.0/node-v20.1.0-linux-x64.tar.xz', 'debian')?.key, 'node');
    assert.equal(artifactForUrl(`https://example.com/${'openjdk'.repeat(30_000)}`, 'debian'), undefined);
  });
});
