// BENCHMARKS.md is partly generated: `npm run bench` and `npm run fuzz --report` each rewrite the text between
// their own `<!-- name:start -->` and `<!-- name:end -->` markers and leave the hand-written rest alone.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export function writeSection(file, marker, body) {
  const start = `<!-- ${marker}:start -->`;
  const end = `<!-- ${marker}:end -->`;
  let doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\n';
  const block = `${start}\n${body}\n${end}`;
  const i = doc.indexOf(start);
  const j = doc.indexOf(end);
  if (i >= 0 && j > i) doc = doc.slice(0, i) + block + doc.slice(j + end.length);
  else doc = `${doc.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, doc);
}
