import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildModel, describePurposes, findCopySourceOrigin, HoverSizes, PROFILES, PURPOSE_RULES, stageHover, stagePurposes } from '../../server/src/core/internal';
import { cursor, df, fixture } from '../support/fixtures';

/** The hover text at the `|` marker (which is removed from the Dockerfile). */
function hoverAt(marked: string, sizes?: HoverSizes): string {
  const { text, position } = cursor(marked);
  const h = stageHover(buildModel(text), position, sizes);
  assert.ok(h, `a hover at ${JSON.stringify(position)}`);
  const contents = h.contents as { kind: string; value: string };
  assert.equal(contents.kind, 'markdown');
  return contents.value;
}

/** The first block (title and role), before the base-image line and details. */
function headline(md: string): string {
  return md.split('\n\n')[0];
}

const GO_TWO_STAGE = df(
  'FROM golang:1.22 AS build',
  'WORKDIR /src',
  'COPY go.mod go.sum ./',
  'RUN go mod download',
  'COPY . .',
  'RUN CGO_ENABLED=0 go build -o /app/server ./cmd/server',
  '',
  'FROM gcr.io/distroless/static-debian12',
  'COPY --from=build /app/server /server',
  'USER nonroot',
  'EXPOSE 8080',
  'ENTRYPOINT ["/server"]',
);

const NODE_THREE_STAGE = df(
  'FROM node:20 AS deps',
  'WORKDIR /app',
  'COPY package.json package-lock.json ./',
  'RUN npm ci',
  '',
  'FROM node:20 AS build',
  'WORKDIR /app',
  'COPY --from=deps /app/node_modules ./node_modules',
  'COPY . .',
  'RUN npm run build',
  '',
  'FROM node:20-slim',
  'WORKDIR /app',
  'COPY --from=deps /app/node_modules ./node_modules',
  'COPY --from=build /app/dist ./dist',
  'USER node',
  'EXPOSE 3000',
  'CMD ["node", "dist/server.js"]',
);

describe('stage hover', () => {
  it('single-stage file: final image, and the toolchain ships with it', () => {
    const md = hoverAt(df('F|ROM golang:1.22', 'WORKDIR /src', 'COPY . .', 'RUN go build -o /bin/app .', 'CMD ["/bin/app"]'));
    const head = headline(md);
    assert.match(head, /^\*\*Stage 0\*\* \(lines 1–5\): final image: what ships\./);
    assert.match(head, /compiles the Go binary itself, so the Go toolchain ships in the image too/);
    assert.match(md, /Base image: `golang:1\.22`/);
    assert.match(md, /\*\*Runtime config\*\*/);
    assert.match(md, /- cmd: `\["\/bin\/app"\]` \(line 5\)/);
    assert.match(md, /- user: not set: the base image’s default/);
    assert.match(md, /- workdir: `\/src` \(line 2\)/);
    assert.doesNotMatch(md, /Used by|Takes from/);
  });

  it('two-stage Go build: the build stage compiles the binary and only its output reaches the final image', () => {
    const text = GO_TWO_STAGE.replace('FROM golang:1.22 AS build', 'FROM golang:1.22 AS bu|ild');
    const md = hoverAt(text);
    assert.equal(
      headline(md),
      '**Stage 0 `build`** (lines 1–6): build stage: compiles the Go binary; discarded, only `/app/server` is copied into the final image.',
    );
    assert.match(md, /Base image: `golang:1\.22`/);
    assert.match(md, /- stage 1 \(final\): copies `\/app\/server` → `\/server` \(line 9\)/);
    assert.doesNotMatch(md, /Runtime config/, 'a build stage has no runtime config section');
  });

  it('two-stage Go build: the final stage lists what it takes and its runtime config', () => {
    const md = hoverAt(GO_TWO_STAGE.replace('FROM gcr.io', '|FROM gcr.io'));
    assert.match(headline(md), /^\*\*Stage 1 \(unnamed\)\*\* \(lines 8–12\): final image: what ships\.$/);
    assert.match(md, /Base image: `gcr\.io\/distroless\/static-debian12`/);
    assert.match(md, /\*\*Takes from\*\*\n\n- stage 0 `build`: copies `\/app\/server` → `\/server` \(line 9\)/);
    assert.match(md, /- user: `nonroot` \(line 10\)/);
    assert.match(md, /- ports: `8080`/);
    assert.match(md, /- entrypoint: `\["\/server"\]` \(line 12\)/);
    assert.match(md, /- cmd: none \(ENTRYPOINT resets the image’s CMD\)/);
  });

  it('three-stage Node build with a deps stage: each stage says what it does and where its output goes', () => {
    const deps = hoverAt(NODE_THREE_STAGE.replace('AS deps', 'AS d|eps'));
    assert.equal(
      headline(deps),
      '**Stage 0 `deps`** (lines 1–4): build stage: installs the Node.js dependencies; discarded, only `/app/node_modules` is copied into stage 1 `build` and `/app/node_modules` into the final image.',
    );
    assert.match(deps, /- stage 1 `build`: copies `\/app\/node_modules` → `\.\/node_modules` \(line 8\)/);
    assert.match(deps, /- stage 2 \(final\): copies `\/app\/node_modules` → `\.\/node_modules` \(line 14\)/);

    const build = hoverAt(NODE_THREE_STAGE.replace('AS build', 'AS |build'));
    assert.equal(
      headline(build),
      '**Stage 1 `build`** (lines 6–10): build stage: builds the JavaScript app; discarded, only `/app/dist` is copied into the final image.',
    );
    assert.match(build, /\*\*Takes from\*\*\n\n- stage 0 `deps`: copies `\/app\/node_modules`/);

    const final = hoverAt(NODE_THREE_STAGE.replace('FROM node:20-slim', 'FR|OM node:20-slim'));
    assert.match(headline(final), /final image: what ships\.$/);
    assert.match(final, /- user: `node` \(line 16\)/);
    assert.match(final, /- workdir: `\/app` \(line 13\)/);
    assert.match(final, /- cmd: `\["node","dist\/server\.js"\]` \(line 18\)/);
    assert.match(final, /- stage 1 `build`: copies `\/app\/dist` → `\.\/dist` \(line 15\)/);
  });

  it('unused stage: not reachable from the final stage, BuildKit skips it', () => {
    const md = hoverAt(fixture('unused.Dockerfile').replace('AS docs', 'AS do|cs'));
    assert.equal(
      headline(md),
      '**Stage 1 `docs`** (lines 3–4): unused: not reachable from the final stage, BuildKit skips it (build it with `--target docs`).',
    );
    assert.doesNotMatch(md, /Used by/);
  });

  it('unused stage with a purpose says what it would do', () => {
    const md = hoverAt(df('FROM golang:1.22 AS build', 'RUN go build -o /x .', 'FROM build AS te|st', 'RUN go test ./...', 'FROM alpine', 'COPY --from=build /x /x'));
    assert.match(headline(md), /unused: not reachable from the final stage, BuildKit skips it \(it runs the tests; build it with `--target test`\)\.$/);
  });

  it('a stage built on another stage shows its parent chain and the root base image', () => {
    const text = df(
      'FROM python:3.12-slim AS base',
      'RUN pip install poetry',
      'FROM base AS deps',
      'RUN poetry install',
      'FROM deps AS app',
      'COPY . .',
      'CMD ["python", "main.py"]',
    );
    const app = hoverAt(text.replace('AS app', 'AS a|pp'));
    assert.match(app, /Base image: `python:3\.12-slim` via stage 1 `deps` ← stage 0 `base`/);
    const base = hoverAt(text.replace('AS base', 'AS ba|se'));
    assert.equal(
      headline(base),
      '**Stage 0 `base`** (lines 1–2): base stage: installs Python packages; stage 1 `deps` builds on it, so everything it adds ships in the final image.',
    );
    assert.match(base, /- stage 1 `deps`: builds on it \(line 3\)/);
    // Hovering the reference `FROM base` shows the same stage.
    const viaRef = hoverAt(text.replace('FROM base AS deps', 'FROM b|ase AS deps'));
    assert.equal(headline(viaRef), headline(base));
  });

  it('a base stage whose child is a build stage: its content is inherited, not shipped', () => {
    const md = hoverAt(df('FROM debian AS to|ols', 'RUN apt-get install -y gcc', 'FROM tools AS build', 'RUN gcc -o /app main.c', 'FROM scratch', 'COPY --from=build /app /app'));
    assert.equal(headline(md), '**Stage 0 `tools`** (lines 1–2): base stage: installs system packages; stage 1 `build` builds on it and inherits everything it adds.');
  });

  it('keeps long lists short', () => {
    const lines = ['FROM alpine AS sh|ared', 'RUN true'];
    for (let i = 0; i < 30; i++) lines.push(`FROM alpine AS s${i}`, `COPY --from=shared /f${i} /f`);
    lines.push('FROM alpine', ...Array.from({ length: 30 }, (_, i) => `COPY --from=s${i} /f /f${i}`));
    const md = hoverAt(df(...lines));
    assert.match(md, /- … and 18 more$/m);
    assert.ok(md.split('\n').length < 40, 'a few dozen lines at most');
  });

  it('numeric references: the hover names the stage and suggests the name', () => {
    const text = fixture('multistage-go.Dockerfile').replace('COPY --from=0', 'COPY --from=|0');
    const md = hoverAt(text);
    assert.equal(headline(md), '`--from=0` is stage 0 `Build`, by index: `--from=Build` says the same and survives reordering.');
    assert.match(md, /\*\*Stage 0 `Build`\*\* \(lines 5–10\): build stage: compiles the Go binary/);
    assert.match(md, /copies `\/out\/server` → `\/app\/server` \(line 17, as `--from=0`\)/);
    assert.match(md, /mounts `\/out` at `\/mnt` during a RUN \(line 16\)/);
    // An unnamed stage: advice to name it.
    const unnamed = hoverAt(df('FROM golang:1.22', 'RUN go build -o /x .', 'FROM alpine', 'COPY --from=|0 /x /x'));
    assert.match(headline(unnamed), /^`--from=0` is stage 0, by index: name the stage/);
    // An index with no stage.
    const missing = hoverAt(df('FROM alpine', 'COPY --from=|7 /x /x'));
    assert.match(missing, /^`7`: no such stage\. The file has 1 stage \(0–0\)/);
  });

  it('case-insensitive reference: says the names match', () => {
    const md = hoverAt(fixture('multistage-go.Dockerfile').replace('FROM build AS test', 'FROM bu|ild AS test'));
    assert.equal(headline(md), '`FROM build` is stage 0 `Build` (stage names match case-insensitively).');
  });

  it('cyclic reference: the cycle is spelled out and BuildKit’s refusal explained', () => {
    const a = hoverAt(fixture('cyclic.Dockerfile').replace('AS a', 'AS |a'));
    assert.match(a, /⚠️ Cycle: `a` → `b` → `a`; BuildKit stops with "circular dependency detected"\./);
    const three = hoverAt(df('FROM alpine AS a', 'COPY --from=b /x /x', 'FROM alpine AS |b', 'COPY --from=c /x /x', 'FROM alpine AS c', 'COPY --from=a /x /x', 'FROM alpine', 'COPY --from=a /x /x'));
    assert.match(three, /⚠️ Cycle: `b` → `c` → `a` → `b`;/);
    const self = hoverAt(fixture('cyclic.Dockerfile').replace('AS self', 'AS s|elf'));
    assert.match(self, /⚠️ Cycle: it takes from itself/);
    assert.match(self, /- itself \(unused\): copies `\/z` → `\/z` \(line 6\)/);
    const notInCycle = hoverAt(fixture('cyclic.Dockerfile').replace('FROM alpine\nCOPY --from=a /x /x', '|FROM alpine\nCOPY --from=a /x /x'));
    assert.doesNotMatch(notInCycle, /Cycle/);
  });

  it('ARG in FROM: shows the resolved image, how it was written, and unset variables', () => {
    const md = hoverAt(fixture('multistage-go.Dockerfile').replace('AS Build', 'AS B|uild'));
    assert.match(md, /Base image: `golang:1\.22-alpine` \(written `golang:\$\{GO_VERSION\}-alpine`, `ARG GO_VERSION=1\.22`\) · platform `\$BUILDPLATFORM`/);
    const runtime = hoverAt(fixture('multistage-go.Dockerfile').replace('AS runtime', 'AS r|untime'));
    assert.match(runtime, /Base image: `alpine:3\.20` \(written `\$\{RUNTIME\}`, `ARG RUNTIME=alpine:3\.20`\)/);
    const unset = hoverAt(df('ARG BASE', '|FROM ${BASE}:latest', 'RUN true'));
    assert.match(unset, /`BASE` has no default: pass `--build-arg BASE=…`/);
    // An ARG whose value names a stage: FROM builds on that stage.
    const viaArg = hoverAt(df('ARG PARENT=builder', 'FROM alpine AS builder', 'FROM ${PAR|ENT} AS app', 'RUN true'));
    assert.match(viaArg, /^`FROM \$\{PARENT\}` resolves to `builder`: stage 0 `builder`\./);
  });

  it('shows sizes when a size provider is given, and none without', () => {
    const sizes: HoverSizes = {
      stage: (_m, s) => (s.index === 1 ? { bytes: 12_300_000, compressedBytes: 5_000_000 } : { bytes: 0, unknownBase: true, addedBytes: 80_000_000 }),
      image: () => ({ bytes: 48_000_000, smallerVariants: [{ ref: 'x:slim', bytes: 20_000_000 }] }),
    };
    const md = hoverAt(GO_TWO_STAGE.replace('FROM gcr.io', '|FROM gcr.io'), sizes);
    assert.match(md, /Estimated size: ≈ 12 MB \(compressed ≈ 5 MB\)$/m);
    assert.match(md, /Base image: `gcr\.io\/distroless\/static-debian12` · 48 MB compressed/);
    const build = hoverAt(GO_TWO_STAGE.replace('AS build', 'AS b|uild'), sizes);
    assert.match(build, /Estimated size: base unknown · adds ≈ 80 MB, discarded after the build/);
    assert.doesNotMatch(hoverAt(GO_TWO_STAGE.replace('FROM gcr.io', '|FROM gcr.io'), {}), /Estimated size/);
  });

  it('takes sizes from the size estimator by default', () => {
    const md = hoverAt(df('FROM no|de:24', 'RUN npm ci'));
    assert.match(md, /^Size: \d+ MB \(compressed download[^)]*\); smaller variants of the same version: `node:24-[a-z]+` \d+ MB/m);
    const nearest = hoverAt(df('FROM no|de:8-slim'));
    assert.match(nearest, /^Size: ≈ \d+ MB \(compressed download, .*figure for `node:\d+-slim`, the nearest tag in the table\)/m);
    const stage = hoverAt(GO_TWO_STAGE.replace('FROM gcr.io', '|FROM gcr.io'));
    assert.match(stage, /^Estimated size: (≈ [\d.]+ [kMG]?B \([\d.]+ [kMG]?B–[\d.]+ [kMG]?B; compressed ≈ [\d.]+ [kMG]?B\)|base unknown · adds)/m);
    const big = hoverAt(df('|FROM node:20', 'RUN npm ci'));
    assert.match(big, /^Estimated size: ≈ [\d.]+ GB \([\d.]+ [MG]B–[\d.]+ [MG]B; compressed ≈ [\d.]+ MB\), mostly the base `node:20` \(≈ [\d.]+ [MG]B\)/m);
  });

  it('answers nothing away from stages, so the standard hover can', () => {
    const { text, position } = cursor(df('FROM alpine', 'RUN ec|ho hi'));
    assert.equal(stageHover(buildModel(text), position), undefined);
    const before = cursor(df('ARG X|=1', 'FROM alpine'));
    assert.equal(stageHover(buildModel(before.text), before.position), undefined);
    assert.equal(stageHover(buildModel('\0\0FROM alpine'), { line: 0, character: 3 }), undefined);
  });
});

describe('base image hover', () => {
  it('says what the image is and what its tag means', () => {
    const md = hoverAt(df('FROM golang:1.22-al|pine AS build'));
    assert.match(md, /^\*\*`golang:1\.22-alpine`\*\*: the official Go image/);
    assert.match(md, /Alpine variant: small, musl libc/);
    assert.match(md, /Base image of stage 0 `build`\./);
    const untagged = hoverAt(df('FROM ubu|ntu'));
    assert.match(untagged, /No tag: `latest`, which moves; pin a version/);
    const distroless = hoverAt(df('FROM gcr.io/distroless/static-debian12:non|root'));
    assert.match(distroless, /distroless static: no shell/);
    assert.match(distroless, /Runs as a non-root user by default\./);
  });

  it('lists the smaller variants of the same version from the size provider', () => {
    const sizes: HoverSizes = {
      image: (n) =>
        n.repository === 'node' ? { bytes: 400_000_000, measure: 'compressed', smallerVariants: [{ ref: 'node:20-slim', bytes: 75_000_000 }, { ref: 'node:20-alpine', bytes: 48_000_000 }] } : undefined,
    };
    const md = hoverAt(df('FROM no|de:20'), sizes);
    assert.match(md, /Size: 400 MB \(compressed\); smaller variants of the same version: `node:20-slim` 75 MB, `node:20-alpine` 48 MB\./);
  });

  it('covers scratch and images named by --from', () => {
    assert.match(hoverAt(df('FROM scr|atch', 'COPY app /')), /the empty image, 0 bytes/);
    const md = hoverAt(df('FROM alpine', 'COPY --from=ngi|nx:alpine /etc/nginx /etc/nginx'));
    assert.match(md, /^\*\*`nginx:alpine`\*\*: the official nginx image/);
    assert.match(md, /Copied from as an image: pulled, not built in this file/);
  });
});

describe('COPY --from source hover', () => {
  it('finds the RUN that writes the path', () => {
    const md = hoverAt(GO_TWO_STAGE.replace('COPY --from=build /app/server', 'COPY --from=build /app/ser|ver'));
    assert.equal(md, '**`/app/server`** from stage 0 `build`: written by `RUN CGO_ENABLED=0 go build -o /app/server ./cmd/server` (line 6).');
  });

  it('ties a build output to the build command run in its directory', () => {
    const md = hoverAt(NODE_THREE_STAGE.replace('COPY --from=build /app/dist', 'COPY --from=build /app/d|ist'));
    assert.equal(md, '**`/app/dist`** from stage 1 `build`: probably written by `RUN npm run build` (line 10), which runs in `/app`.');
  });

  it('finds a COPY that brought the path in, and looks through the parent chain', () => {
    const text = df('FROM alpine AS base', 'COPY config.yml /etc/app/config.yml', 'FROM base AS conf', 'RUN true', 'FROM scratch', 'COPY --from=conf /etc/app/con|fig.yml /config.yml');
    const md = hoverAt(text);
    assert.equal(md, '**`/etc/app/config.yml`** from stage 1 `conf`: copied in by `COPY config.yml /etc/app/config.yml` (line 2) (in its parent stage 0 `base`), from the build context.');
  });

  it('says when no instruction visibly writes the path', () => {
    const md = hoverAt(df('FROM golang:1.22 AS build', 'RUN true', 'FROM alpine', 'COPY --from=build /usr/local/go/bin/g|o /go'));
    assert.match(md, /no instruction of the stage visibly writes it; it may come from the base image `golang:1\.22`/);
  });

  it('relative mentions in RUN count, relative to the WORKDIR', () => {
    const { text } = cursor(df('FROM rust:1 AS b', 'WORKDIR /src', 'RUN cargo build --release && cp target/release/app out|', 'FROM debian', 'COPY --from=b /src/target/release/app /app'));
    const m = buildModel(text);
    const origin = findCopySourceOrigin(m, m.stages[0], '/src/target/release/app');
    assert.equal(origin.how, 'run');
    assert.equal(origin.workdir, '/src');
  });
});

describe('stage purpose classifier', () => {
  const purpose = (...runs: string[]) => {
    const m = buildModel(df('FROM x', ...runs.map((r) => `RUN ${r}`)));
    return describePurposes(stagePurposes(m, m.stages[0]));
  };
  it('recognises the common build commands', () => {
    const cases: [string, string | undefined][] = [
      ['CGO_ENABLED=0 go build -o /out ./...', 'compiles the Go binary'],
      ['CGO_ENABLED=0 GOOS=linux GOARCH=amd64 go build -o /out .', 'compiles the Go binary'],
      ['env A=1 B=2 cargo build', 'compiles the Rust binary'],
      [`${'a=b '.repeat(20_000)}true`, undefined],
      ['cargo build --release', 'compiles the Rust binary'],
      ['dotnet publish -c Release -o /app', 'publishes the .NET app'],
      ['mvn -B package -DskipTests', 'builds the Java package with Maven'],
      ['./gradlew bootJar', 'builds the Java app with Gradle'],
      ['npm run build', 'builds the JavaScript app'],
      ['yarn build', 'builds the JavaScript app'],
      ['pip install --no-cache-dir -r requirements.txt', 'installs Python packages'],
      ['apt-get update && apt-get install -y curl', 'installs system packages'],
      ['make -j4', 'builds with make'],
      ['go test ./...', 'runs the tests'],
      ['cargo test --release', 'runs the tests'],
      ['dotnet test', 'runs the tests'],
      ['npm test', 'runs the tests'],
      ['yarn run test', 'runs the tests'],
      ['pytest -q', 'runs the tests'],
      ['mvn -B clean test', 'runs the tests'],
      ['./mvnw test', 'runs the tests'],
      ['npm run testing', undefined],
      ['echo hello', undefined],
      ['apt-get install -y make', 'installs system packages'],
      ['["mvn", "clean", "install"]', 'builds the Java package with Maven'],
      ['set -e; xx-apk add gcc', undefined],
      ['#apt-get install -y curl', undefined],
      ['XC_OS="linux" LD_FLAGS=" -extldflags -static" make bin', 'builds with make'],
      ['npm install -g pnpm', undefined],
      ['nest build', 'builds the JavaScript app'],
      ['g++ main.cpp -o main', 'compiles C/C++ code'],
      ['/venv/bin/pip install -r requirements.txt', 'installs Python packages'],
      ['python -m build --wheel', 'builds Python wheels'],
      ['bundle install --without development', 'installs Ruby gems'],
      ['composer install --no-dev', 'installs the PHP dependencies'],
      ['./mvnw dependency:go-offline', 'downloads the Maven dependencies'],
    ];
    for (const [run, expected] of cases) assert.equal(purpose(run), expected, run);
  });
  it("prefers the compile step, a compiled stack's first, else joins two purposes", () => {
    assert.equal(purpose('go mod download', 'go build -o /x .'), 'compiles the Go binary');
    assert.equal(purpose('npm run build', 'go build -o /x .'), 'compiles the Go binary');
    assert.equal(purpose('apk add git', 'npm ci'), 'installs the Node.js dependencies and system packages');
  });
});

describe('stage purpose rows', () => {
  it("take every stack profile's steps, so a new stack's steps need no edit of the table", () => {
    for (const p of PROFILES) for (const [name, step] of Object.entries(p.steps)) assert.ok(PURPOSE_RULES.some((r) => r.phrase === step.phrase && r.matches === step.matches), `${p.id}.steps.${name}`);
  });
});

describe('stage hover under a target platform', () => {
  it('follows FROM bin-${TARGETARCH} to the stage of the configured platform', () => {
    const text = df('FROM alpine:3.20 AS bin-amd64', 'FROM alpine:3.20 AS bin-arm64', 'FROM bin-${TARGETARCH} AS final');
    const value = (platform?: string) => {
      const h = stageHover(buildModel(text, { platform }), { line: 2, character: 8 });
      return h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
    };
    assert.match(value(), /resolves to `bin-amd64`/);
    assert.match(value('linux/arm64'), /resolves to `bin-arm64`/);
  });
});
