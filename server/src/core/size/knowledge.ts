/**
 * Hand-kept size knowledge used by the RUN estimators. Each figure says what it rests on:
 *  - ARTIFACTS: compressed layer sizes of runtime/toolchain installs as seen in official images' layer lists
 *    (github.com/docker-library/repo-info, summarised in ../shared/data/README.md), with the
 *    uncompressed÷compressed ratios noted there. These are facts about the artifacts (a Node tarball, the Go
 *    SDK), valid for any Dockerfile that installs them.
 *  - APK, PIP, NPM_GLOBAL: approximate installed sizes of common packages (rounded, order of magnitude;
 *    flagged "approximate" in the output with a wide range). Unknown packages get a default with a wider range.
 */
import type { Family } from './baseImages';
import { KB, MB } from './figures';

export interface Artifact {
  key: string;
  label: string;
  /** Compressed size of the installed result (the layer it adds). */
  compressedBytes: number;
  /** Uncompressed ÷ compressed. */
  ratio: number;
  /** Uncertainty factor. */
  factor: number;
  category: 'runtime' | 'toolchain';
  /** Where it is installed, for COPY --from and rm tracking. */
  paths: string[];
  basis: string;
}

const REPO_INFO = 'official-image layer sizes (docker-library/repo-info)';

/**
 * Whether one segment of a URL (between slashes) holds `start` and, after it, `end`: what a RegExp's
 * `start[^/]*end` tests (`/start[^/]*end` with `atSegmentStart`), without its retry from every occurrence of `start`,
 * quadratic on a long segment of them (`openjdk` 10,000 times: 0.27 s). `start` matches a fixed number of characters.
 */
export function inSegment(url: string, start: RegExp, end: string, atSegmentStart = false): boolean {
  const segments = url.split('/');
  for (let k = atSegmentStart ? 1 : 0; k < segments.length; k++) {
    const m = start.exec(segments[k]);
    if (m && segments[k].indexOf(end, m.index + m[0].length) >= 0) return true;
  }
  return false;
}

/** Known downloads: URL pattern -> the installed artifact, by base family. */
export function artifactForUrl(url: string, family: Family, words: string[] = []): Artifact | undefined {
  const u = url.toLowerCase();
  if (/nodejs\.org\/dist\/|unofficial-builds\.nodejs\.org/.test(u) || inSegment(u, /^node-v[\d.$]/, '-linux', true)) {
    const musl = family === 'alpine' || u.includes('musl');
    return { key: 'node', label: `Node.js ${musl ? 'musl ' : ''}binary tarball (node, npm, corepack)`, compressedBytes: (musl ? 54.5 : 59.1) * MB, ratio: 2.9, factor: 1.15, category: 'runtime', paths: ['/usr/local'], basis: REPO_INFO };
  }
  if (/dl\.google\.com\/go\/|go\.dev\/dl\/|golang\.org\/dl\//.test(u) || inSegment(u, /^go[\d.$]/, '.linux-', true)) {
    return { key: 'go', label: 'Go SDK (/usr/local/go)', compressedBytes: 67.3 * MB, ratio: 3.45, factor: 1.1, category: 'toolchain', paths: ['/usr/local/go'], basis: REPO_INFO };
  }
  if (/python\.org\/ftp\/python/.test(u)) {
    // Built from source with `make install`; stripped builds (slim/alpine) are smaller than full ones.
    const stripped = words.some((w) => w === 'strip' || /--strip-all|strip /.test(w)) || family === 'alpine' || family === 'debian-slim';
    const bytes = family === 'alpine' ? 12.6 : stripped ? 11.9 : 27.7;
    return { key: 'python', label: `CPython built from source${stripped ? ' (stripped)' : ''}`, compressedBytes: bytes * MB, ratio: 3.2, factor: 1.2, category: 'runtime', paths: ['/usr/local'], basis: REPO_INFO };
  }
  if (/yarnpkg\.com\/|\/yarn-v[\d.$]/.test(u)) {
    return { key: 'yarn', label: 'Yarn classic tarball', compressedBytes: 1.25 * MB, ratio: 4, factor: 1.2, category: 'toolchain', paths: ['/opt'], basis: REPO_INFO };
  }
  if (/static\.rust-lang\.org|sh\.rustup\.rs|rustup-init/.test(u)) {
    const minimal = words.some((w, i) => /--profile[= ]minimal/.test(w) || (w === '--profile' && words[i + 1] === 'minimal'));
    return { key: 'rust', label: `Rust toolchain (rustup${minimal ? ', minimal profile' : ''})`, compressedBytes: (minimal ? 262 : 330) * MB, ratio: 3.0, factor: 1.2, category: 'toolchain', paths: ['/usr/local/rustup', '/usr/local/cargo', '/root/.rustup', '/root/.cargo'], basis: REPO_INFO };
  }
  if (/maven\.apache\.org|\/dist\/maven\//.test(u) || inSegment(u, /apache-maven-/, '-bin')) {
    return { key: 'maven', label: 'Apache Maven distribution', compressedBytes: 9.4 * MB, ratio: 1.1, factor: 1.2, category: 'toolchain', paths: ['/usr/share/maven', '/opt'], basis: REPO_INFO };
  }
  if (/services\.gradle\.org\/distributions/.test(u) || inSegment(u, /gradle-/, '-bin.zip')) {
    return { key: 'gradle', label: 'Gradle distribution', compressedBytes: 150.2 * MB, ratio: 1.15, factor: 1.15, category: 'toolchain', paths: ['/opt/gradle'], basis: REPO_INFO };
  }
  if (/adoptium|temurin|corretto/.test(u) || inSegment(u, /openjdk/, '.tar.gz')) {
    const jre = /jre/.test(u);
    return { key: 'java', label: jre ? 'Java runtime (JRE)' : 'Java development kit (JDK)', compressedBytes: (jre ? 53.1 : 158.1) * MB, ratio: 2.05, factor: 1.3, category: jre ? 'runtime' : 'toolchain', paths: ['/opt/java'], basis: REPO_INFO };
  }
  if (/cache\.ruby-lang\.org|ruby-lang\.org\/pub/.test(u)) {
    return { key: 'ruby', label: 'Ruby built from source', compressedBytes: 49.7 * MB, ratio: 2.8, factor: 1.3, category: 'runtime', paths: ['/usr/local'], basis: REPO_INFO };
  }
  return undefined;
}

/** Alpine: approximate installed size (bytes) of a package with the dependencies it pulls onto a bare alpine. */
export const APK: Record<string, number> = {
  'build-base': 230 * MB,
  gcc: 160 * MB,
  'g++': 190 * MB,
  'musl-dev': 10 * MB,
  'libc-dev': 10 * MB,
  'linux-headers': 7 * MB,
  make: 0.3 * MB,
  cmake: 40 * MB,
  binutils: 12 * MB,
  git: 15 * MB,
  curl: 1.5 * MB,
  wget: 0.5 * MB,
  bash: 2.5 * MB,
  'ca-certificates': 0.7 * MB,
  tzdata: 3.5 * MB,
  openssl: 1.5 * MB,
  'openssl-dev': 6 * MB,
  python3: 50 * MB,
  'py3-pip': 15 * MB,
  nodejs: 45 * MB,
  npm: 12 * MB,
  go: 250 * MB,
  openjdk17: 190 * MB,
  'openjdk17-jre': 140 * MB,
  openjdk21: 200 * MB,
  'openjdk21-jre': 145 * MB,
  'libstdc++': 2.7 * MB,
  libgcc: 0.2 * MB,
  gnupg: 10 * MB,
  tar: 0.5 * MB,
  xz: 0.3 * MB,
  unzip: 0.4 * MB,
  su_exec: 0.05 * MB,
  'su-exec': 0.05 * MB,
  tini: 0.05 * MB,
  dumb_init: 0.05 * MB,
  shadow: 3 * MB,
  postgresql_client: 6 * MB,
  'postgresql-client': 6 * MB,
  'postgresql-dev': 15 * MB,
  'libpq-dev': 8 * MB,
  'libffi-dev': 1 * MB,
  'zlib-dev': 0.5 * MB,
  'jpeg-dev': 1.5 * MB,
  ffmpeg: 90 * MB,
  chromium: 400 * MB,
  imagemagick: 40 * MB,
  nginx: 2.5 * MB,
  vips: 30 * MB,
  'vips-dev': 60 * MB,
  jq: 0.5 * MB,
  rsync: 0.6 * MB,
  'openssh-client': 3 * MB,
  ruby: 30 * MB,
  php: 12 * MB,
  rust: 600 * MB,
  cargo: 30 * MB,
};

/** PyPI: approximate installed size of a package with its usual dependencies (site-packages). */
export const PIP: Record<string, number> = {
  numpy: 40 * MB,
  pandas: 70 * MB,
  scipy: 110 * MB,
  'scikit-learn': 45 * MB,
  matplotlib: 35 * MB,
  torch: 1600 * MB,
  torchvision: 30 * MB,
  tensorflow: 1300 * MB,
  'tensorflow-cpu': 600 * MB,
  'opencv-python': 90 * MB,
  'opencv-python-headless': 75 * MB,
  transformers: 60 * MB,
  pillow: 12 * MB,
  django: 11 * MB,
  flask: 6 * MB, // with werkzeug, jinja2, markupsafe, click, itsdangerous, blinker and their bytecode
  fastapi: 3 * MB,
  pydantic: 7 * MB,
  uvicorn: 1.5 * MB,
  gunicorn: 2 * MB, // with packaging, and bytecode
  requests: 0.8 * MB,
  boto3: 95 * MB,
  botocore: 90 * MB,
  'psycopg2-binary': 9 * MB,
  psycopg: 3 * MB,
  'psycopg-binary': 12 * MB,
  sqlalchemy: 12 * MB,
  celery: 8 * MB,
  redis: 1.5 * MB,
  pytest: 4 * MB,
  poetry: 30 * MB,
  pip: 10 * MB,
  setuptools: 7 * MB,
  wheel: 0.2 * MB,
  cryptography: 10 * MB,
  lxml: 18 * MB,
  grpcio: 15 * MB,
  pyarrow: 120 * MB,
  polars: 90 * MB,
  jupyter: 120 * MB,
  jupyterlab: 100 * MB,
  ansible: 250 * MB,
  awscli: 80 * MB,
};

/** npm: approximate installed size of global tools (npm install -g). */
export const NPM_GLOBAL: Record<string, number> = {
  npm: 10 * MB,
  yarn: 5 * MB,
  pnpm: 15 * MB,
  typescript: 23 * MB,
  'ts-node': 5 * MB,
  serve: 5 * MB,
  pm2: 30 * MB,
  nodemon: 4 * MB,
  '@angular/cli': 80 * MB,
  '@nestjs/cli': 60 * MB,
  vercel: 40 * MB,
  'firebase-tools': 200 * MB,
  'http-server': 2 * MB,
};

/** Default installed size of an npm package not in NPM_PACKAGE (most packages are small modules of tens of kB). */
export const NPM_PACKAGE_DEFAULT = 75 * KB;

/**
 * npm: approximate unpacked size of packages known to be large (native binaries, compilers, frameworks), by
 * name as it appears in a lock file. Everything else counts at NPM_PACKAGE_DEFAULT.
 */
export const NPM_PACKAGE: Record<string, number> = {
  typescript: 23 * MB,
  esbuild: 0.2 * MB,
  '@esbuild/linux-x64': 10 * MB,
  '@esbuild/linux-arm64': 9.5 * MB,
  '@swc/core-linux-x64-gnu': 45 * MB,
  '@swc/core-linux-x64-musl': 45 * MB,
  '@next/swc-linux-x64-gnu': 110 * MB,
  '@next/swc-linux-x64-musl': 110 * MB,
  next: 100 * MB,
  react: 0.3 * MB,
  'react-dom': 4.5 * MB,
  '@babel/core': 1.5 * MB,
  webpack: 5 * MB,
  vite: 3 * MB,
  rollup: 2.5 * MB,
  '@rollup/rollup-linux-x64-gnu': 2.5 * MB,
  '@rollup/rollup-linux-x64-musl': 2.5 * MB,
  prisma: 15 * MB,
  '@prisma/engines': 40 * MB,
  '@prisma/client': 5 * MB,
  sharp: 0.5 * MB,
  '@img/sharp-libvips-linux-x64': 18 * MB,
  puppeteer: 3 * MB,
  'aws-sdk': 90 * MB,
  lodash: 1.4 * MB,
  rxjs: 4.5 * MB,
  moment: 4.3 * MB,
  '@angular/core': 12 * MB,
  '@angular/compiler': 8 * MB,
  'core-js': 1.2 * MB,
  eslint: 3 * MB,
  jest: 0.1 * MB,
  '@types/node': 2.2 * MB,
  ...NPM_GLOBAL,
};

/**
 * npm, no lock file: the installed size of a direct dependency with everything it pulls in, for packages whose
 * dependency tree is dominated by platform binaries or a compiler (vite: esbuild's ~10 MB binary and rollup's
 * ~5 MB; next: its ~110 MB SWC binary). Other direct dependencies count as 40 packages at NPM_PACKAGE_DEFAULT.
 */
export const NPM_CLOSURE: Record<string, number> = {
  typescript: 23 * MB,
  vite: 20 * MB,
  esbuild: 10 * MB,
  next: 220 * MB,
  'react-scripts': 200 * MB,
  webpack: 15 * MB,
  '@angular/cli': 80 * MB,
  jest: 35 * MB,
  eslint: 15 * MB,
  prisma: 60 * MB,
  '@swc/core': 45 * MB,
  sharp: 20 * MB,
  puppeteer: 300 * MB,
  'aws-sdk': 95 * MB,
  express: 2.2 * MB,
};

/** Default installed size of a PyPI package not in PIP. */
export const PIP_DEFAULT = 3 * MB;

/** What a base image already has installed (from its documented package list), for apt/apk de-duplication. */
export interface BasePackages {
  /** "buildpack-deps:bookworm (the base of node:20)". */
  label: string;
  names: Set<string>;
  /** Share of a new package's dependency closure the base already has (0–1). */
  shareOfDependenciesPresent: number;
  source: string;
}

// The apt package lists of the buildpack-deps images, as their Dockerfiles (docker-library/buildpack-deps)
// install them and as every image built on them shows in its layer list (docker-library/repo-info, e.g.
// repos/node/remote/20.md and repos/golang/remote/1.22-bookworm.md).
const BPD_CURL = ['ca-certificates', 'curl', 'gnupg', 'dirmngr', 'netbase', 'sq', 'wget'];
const BPD_SCM = [...BPD_CURL, 'git', 'mercurial', 'openssh-client', 'subversion', 'procps'];
const BPD_FULL = [
  ...BPD_SCM,
  ...'autoconf automake bzip2 default-libmysqlclient-dev dpkg-dev file g++ gcc imagemagick libbz2-dev libc6-dev libcurl4-openssl-dev libdb-dev libevent-dev libffi-dev libgdbm-dev libglib2.0-dev libgmp-dev libjpeg-dev libkrb5-dev liblzma-dev libmagickcore-dev libmagickwand-dev libmaxminddb-dev libncurses5-dev libncursesw5-dev libpng-dev libpq-dev libreadline-dev libsqlite3-dev libssl-dev libtool libwebp-dev libxml2-dev libxslt-dev libyaml-dev make patch unzip xz-utils zlib1g-dev'.split(' '),
  // Installed with the above (metapackage members and their dependencies).
  'build-essential', 'pkg-config', 'pkgconf', 'libc-dev', 'cpp', 'binutils', 'perl', 'python3', 'openssl', 'libssl3', 'zlib1g', 'libpq5', 'libxml2', 'libsqlite3-0', 'tzdata',
];
const GOLANG_DEBIAN = [...BPD_SCM, 'g++', 'gcc', 'libc6-dev', 'make', 'pkg-config', 'build-essential', 'cpp', 'binutils'];
const REPO_INFO_LISTS = 'docker-library/buildpack-deps Dockerfiles, as listed in the docker-library/repo-info layer lists';

/**
 * The packages a base image has, for the official images whose package lists are documented (the
 * buildpack-deps stack and the images built on it). Undefined when not known: nothing is subtracted.
 */
export function basePackagesOf(repo: string, tag: string, family: Family): BasePackages | undefined {
  if (family !== 'debian') return undefined;
  const t = tag.toLowerCase();
  if (/slim|alpine|windows|nanoserver/.test(t)) return undefined;
  if (repo === 'buildpack-deps') {
    const level = t.endsWith('-curl') ? BPD_CURL : t.endsWith('-scm') ? BPD_SCM : BPD_FULL;
    const share = level === BPD_FULL ? 0.6 : level === BPD_SCM ? 0.3 : 0.15;
    return { label: `buildpack-deps:${tag || 'latest'}`, names: new Set(level), shareOfDependenciesPresent: share, source: REPO_INFO_LISTS };
  }
  if (repo === 'golang') return { label: `${repo}:${tag || 'latest'} (buildpack-deps scm + gcc)`, names: new Set(GOLANG_DEBIAN), shareOfDependenciesPresent: 0.35, source: REPO_INFO_LISTS };
  if (/^(node|python|ruby|rust|gcc|perl|erlang|elixir|buildpack-deps)$/.test(repo)) {
    return { label: `${repo}:${tag || 'latest'} (on buildpack-deps)`, names: new Set(BPD_FULL), shareOfDependenciesPresent: 0.6, source: REPO_INFO_LISTS };
  }
  return undefined;
}
