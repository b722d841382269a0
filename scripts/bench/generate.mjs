// Generated Dockerfiles of a given line count for benchmarks: realistic multi-stage content (global ARGs,
// a new stage about every 40 lines, COPY --from the previous stage, RUN --mount, multi-line RUNs with
// continuations, ENV/LABEL/ARG with variables, comments), deterministic for a given size.

const BASES = ['golang:${GO_VERSION}-alpine', 'node:20-bookworm-slim', 'python:3.12-slim', 'debian:bookworm', 'alpine:3.20', 'rust:1.80'];

export function generateDockerfile(lines) {
  const out = ['# syntax=docker/dockerfile:1', 'ARG GO_VERSION=1.22', 'ARG APP_VERSION=1.0.0', ''];
  let stage = 0;
  let sinceFrom = 0;
  let k = 0;
  const startStage = () => {
    const base = stage > 0 && stage % 3 === 0 ? `stage${stage - 1}` : BASES[stage % BASES.length];
    out.push(`FROM ${base} AS stage${stage}`);
    stage++;
    sinceFrom = 0;
  };
  // Leave room for the final stage (4 lines).
  while (out.length < lines - 4) {
    if (stage === 0 || sinceFrom >= 40) {
      startStage();
      continue;
    }
    const room = lines - 4 - out.length;
    const pick = k++ % 10;
    if (pick === 0 && room >= 5) {
      out.push('RUN apt-get update \\', '    && apt-get install -y --no-install-recommends ca-certificates curl git \\', '    && rm -rf /var/lib/apt/lists/*');
      sinceFrom += 3;
    } else if (pick === 1) {
      out.push(`ENV APP_HOME=/srv/app${k} PATH=/srv/app${k}/bin:$PATH`);
      sinceFrom++;
    } else if (pick === 2 && stage > 1) {
      out.push(`COPY --from=stage${stage - 2} /out/bin/ /usr/local/bin/`);
      sinceFrom++;
    } else if (pick === 3) {
      out.push(`# step ${k}: build the ${k % 2 ? 'server' : 'worker'} with version \${APP_VERSION}`);
      sinceFrom++;
    } else if (pick === 4) {
      out.push(`RUN --mount=type=cache,target=/root/.cache go build -ldflags "-X main.version=\${APP_VERSION}" -o /out/bin/app${k} ./cmd/app${k}`);
      sinceFrom++;
    } else if (pick === 5) {
      out.push(`WORKDIR /srv/app${k}`);
      sinceFrom++;
    } else if (pick === 6) {
      out.push(`LABEL org.opencontainers.image.version="\${APP_VERSION}" com.example.step="${k}"`);
      sinceFrom++;
    } else if (pick === 7) {
      out.push(`COPY go.mod go.sum ./`);
      sinceFrom++;
    } else if (pick === 8) {
      out.push(`ARG BUILD_${k}=on`);
      sinceFrom++;
    } else {
      out.push(`RUN echo "step ${k}" > /tmp/step${k}.txt`);
      sinceFrom++;
    }
  }
  out.push(`FROM gcr.io/distroless/static:nonroot AS runtime`, `COPY --from=stage${Math.max(0, stage - 1)} /out/bin/ /usr/local/bin/`, 'USER nonroot', 'ENTRYPOINT ["/usr/local/bin/app"]');
  while (out.length < lines) out.push('');
  return out.slice(0, lines).join('\n') + '\n';
}

/** A position inside the text to hover on: the image of the last FROM (a stage name or an image). */
export function hoverPosition(text) {
  const lines = text.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = /^FROM\s+(\S+)/.exec(lines[i]);
    if (m) return { line: i, character: 5 + Math.floor(m[1].length / 2) };
  }
  return { line: 0, character: 0 };
}

/** Where to ask for completion: after the first letter of the middle instruction keyword (`R|UN`). */
export function completionPosition(text) {
  const lines = text.split('\n');
  const mid = Math.floor(lines.length / 2);
  for (let d = 0; d < lines.length; d++) {
    for (const i of [mid + d, mid - d]) {
      if (i >= 0 && i < lines.length && /^[A-Z]{2,}\s/.test(lines[i])) return { line: i, character: 1 };
    }
  }
  return { line: 0, character: 0 };
}

/** A keystroke: where to insert one character (the end of the middle non-empty line). */
export function keystrokePosition(text) {
  const lines = text.split('\n');
  const mid = Math.floor(lines.length / 2);
  for (let d = 0; d < lines.length; d++) {
    for (const i of [mid + d, mid - d]) {
      if (i >= 0 && i < lines.length && lines[i].trim() && !lines[i].endsWith('\\')) return { line: i, character: lines[i].length };
    }
  }
  return { line: 0, character: 0 };
}
