import { keywordOf, type Stage } from '../model';
import { libcOf, type Libc } from '../libc';
import { anyWord } from '../commands';
import type { Analysis } from './analysis';
import { stageLabel } from './util';
import type { Finding, Rule } from './types';
import { trimTrailingSlashes } from '../text';

interface Binary {
  path: string;
  tool: string;
}

/**
 * Binaries a stage links dynamically against its C library: `go build` with cgo on (explicitly, or by default on
 * a glibc image where gcc is present), `gcc`/`g++`/`cc -o`, `cargo build` for the default (glibc) target. Static
 * builds are skipped: CGO_ENABLED=0, -static, musl targets, `-extldflags -static`.
 */
function dynamicBinaries(analysis: Analysis, stage: Stage, libc: Libc): Binary[] {
  const out: Binary[] = [];
  let cgoOff = stage.config.env.get('CGO_ENABLED')?.value.replace(/["']/g, '').trim() === '0';
  for (const instruction of analysis.instructionsOf(stage, 'ENV', 'RUN')) {
    const keyword = keywordOf(instruction);
    if (keyword === 'ENV' && /\bCGO_ENABLED\s*[= ]\s*["']?0/.test(instruction.getArgumentsContent() ?? '')) cgoOff = true;
    if (keyword !== 'RUN') continue;
    const cmds = analysis.commands(instruction);
    // Asked only of a RUN that runs go or cargo (most RUNs run neither).
    const exportsCgoOff = () => cmds.some((c) => analysis.program(c) === 'export' && analysis.args(c).some((w) => w.text === 'CGO_ENABLED=0'));
    const namesMusl = () => anyWord(cmds, /musl/);
    for (const cmd of cmds) {
      const program = analysis.program(cmd);
      if (!LINKERS.has(program)) continue;
      const args = analysis.argTexts(cmd);
      const outIndex = args.indexOf('-o');
      const output = outIndex >= 0 ? args[outIndex + 1] : undefined;
      if (program === 'go' && args[0] === 'build') {
        const cgo = cmd.words.find((w) => w.text.startsWith('CGO_ENABLED='))?.text.slice('CGO_ENABLED='.length) ?? (exportsCgoOff() || cgoOff ? '0' : undefined);
        if (cgo === '0' || /-static|netgo|osusergo/.test(args.join(' '))) continue;
        // Without gcc (the golang:alpine image) cgo is off by default; the Debian golang images have gcc.
        if (cgo === undefined && libc === 'musl') continue;
        if (output && !output.includes('$')) out.push({ path: output, tool: 'go build' });
      } else if (program !== 'go' && program !== 'cargo' && output && !output.includes('$')) {
        if (args.includes('-static') || args.includes('-c')) continue;
        out.push({ path: output, tool: program });
      } else if (program === 'cargo' && args[0] === 'build') {
        if (libc === 'musl' || namesMusl()) continue;
        out.push({ path: args.includes('--release') || args.includes('-r') ? 'target/release/' : 'target/debug/', tool: 'cargo build' });
      }
    }
  }
  return out;
}

/** The programs whose output dynamicBinaries looks for: go, cargo and the C compilers. */
const LINKERS = new Set(['go', 'cargo', 'gcc', 'g++', 'cc', 'c++', 'clang']);

function matches(source: string, binary: Binary, workdir: string | undefined): boolean {
  const norm = (p: string) => trimTrailingSlashes(p.replace(/^\.\//, ''));
  const abs = (p: string) => (p.startsWith('/') || !workdir ? p : `${trimTrailingSlashes(workdir)}/${p}`);
  const src = norm(source);
  const bin = norm(binary.path);
  if (binary.path.endsWith('/')) return src.includes(bin + '/') || src.endsWith(bin);
  return src === bin || abs(src) === abs(bin) || src.endsWith(`/${bin.replace(/^.*\//, '')}`) && abs(bin).endsWith(src);
}

/** DS111: a binary linked against one C library (glibc or musl) is copied into a stage built on the other. */
export const libcMismatch: Rule = {
  code: 'DS111',
  name: 'libc-mismatch',
  category: 'stage graph',
  defaultSeverity: 'warning',
  title: 'glibc binary in a musl image',
  fix: 'none',
  tags: ['stages', 'copy', 'base-image'],
  description: 'A binary built against glibc is copied into an alpine (musl) stage, or the reverse: it fails to start ("not found").',
  check({ model, analysis }) {
    const out: Finding[] = [];
    // Per stage, once: a stage is the source of many COPY --from (and the libc of many stages' roots).
    const libcs = model.stages.map((s) => libcOf(model, s));
    const built = new Map<number, Binary[]>();
    for (const stage of model.stages) {
      const to = libcs[stage.index];
      if (!to) continue;
      for (const ref of stage.references) {
        if (ref.kind !== 'copy' || ref.target === undefined) continue;
        const from = model.stages[ref.target];
        const fromLibc = libcs[from.index];
        if (!fromLibc || fromLibc === to) continue;
        let binaries = built.get(from.index);
        if (!binaries) built.set(from.index, (binaries = dynamicBinaries(analysis, from, fromLibc)));
        if (!binaries.length) continue;
        const workdir = from.config.workdir?.value;
        for (const src of analysis.sources(ref.instruction)) {
          const binary = binaries.find((b) => matches(src.getValue(), b, workdir));
          if (!binary) continue;
          out.push({
            range: src.getRange(),
            message: `${src.getValue()} is built by '${binary.tool}' in ${stageLabel(from)} against ${fromLibc}${binary.tool === 'go build' ? ' (cgo is on: anything using net or os/user links it dynamically)' : ''} and copied into ${stageLabel(stage)}, which has ${to}: a dynamically linked binary fails to start there ("not found"); build it statically${binary.tool === 'go build' ? ' (CGO_ENABLED=0)' : ''} or use a ${fromLibc === 'glibc' ? 'glibc (debian-slim, distroless/base)' : 'musl (alpine)'} runtime base`,
          });
          break;
        }
      }
    }
    return out;
  },
};

/** The body of docs/rules/DS111.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

A dynamically linked binary needs the C library it was linked against. Go with cgo on (the default on the Debian \`golang\` images, as soon as the program uses \`net\` or \`os/user\`), C/C++ and Rust's default target link against glibc; copied into an alpine stage they fail with \`exec /app: no such file or directory\`. The reverse (a binary linked against musl on alpine, in a Debian stage) fails the same way. Reported when a \`COPY --from\` takes the output of \`go build -o\`, \`gcc -o\` or \`cargo build\` across the two families; static builds (\`CGO_ENABLED=0\`, \`-static\`, musl targets, Rust on alpine) are fine.

## Bad

\`\`\`dockerfile
FROM golang:1.22 AS build
WORKDIR /src
RUN go build -o /out/server .
FROM alpine:3.20
COPY --from=build /out/server /server
CMD ["/server"]
\`\`\`

## Good

\`\`\`dockerfile
FROM golang:1.22 AS build
WORKDIR /src
RUN CGO_ENABLED=0 go build -o /out/server .
FROM alpine:3.20
COPY --from=build /out/server /server
CMD ["/server"]
\`\`\`

## Quick fix

None: build statically (\`CGO_ENABLED=0\`, \`-static\`, a musl target) or use a runtime base with the same C library.
`;
