import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { applyDockerfileAstPatches, DOCKERFILE_AST_PATCHES, dockerfileAstPatched } from '../../server/src/core/astPatches';
import { dumpText, patchedHere } from '../support/astDump';

const CORPUS = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'corpus');
const DUMP = path.resolve(__dirname, '..', 'support', 'astDump.js');

/**
 * Inputs where a patch is meant to change an answer: the original throws. An indented instruction before the
 * first FROM ('resolveVariable re-entry'), an escaped newline then a comment in a RUN ('getHeredocs crash').
 */
const INTENDED = [' ARG a=$b\nFROM alpine\n', '  RUN echo $x\nFROM alpine\n', 'FROM alpine\nRUN \\\n# comment\\comment\n'];
/**
 * Inputs the corpus has few of, where the patched parse must answer exactly as the original: line ends (CRLF, CR
 * alone), heredocs (which move an instruction's end), ONBUILD triggers, the backtick escape, escaped whitespace
 * before a newline, comments inside continuations, a file without a final newline, a BOM.
 */
const EDGES = [
  'FROM alpine\r\nRUN echo a \\\r\n  && echo b\r\nCOPY --from=x a b\r\n',
  'FROM alpine\rRUN echo a \\\r  && echo b\rENV A=1 \\\r B=2\r',
  'FROM alpine\nRUN <<EOF\necho one\nEOF\nCOPY <<A <<-B /dst/\nx\nA\n\ty\n\tB\nRUN cat <<EOF > /f && echo done\nhi\nEOF\n',
  'FROM alpine\nONBUILD RUN <<EOF\necho x\nEOF\nONBUILD COPY --chown=1 a b\nONBUILD\n',
  '# escape=`\nFROM mcr.microsoft.com/windows\nRUN echo a `\n    b `  \n    c\nCOPY --from=x `\n a b\n',
  'FROM alpine\nRUN echo a \\  \n  b \\\t\n  c\nRUN a\\ b \\\n# note\n  c\n',
  'FROM alpine AS a\nARG X=1 Y\nENV P=$X Q="${Y:-z}" \\\n  R=\'$P\'\nRUN echo $P ${Q} \\$R\nFROM a\nLABEL a=b "c d"=e\nEXPOSE 80/tcp 443',
  '\ufeffFROM alpine\nRUN x',
  'FROM alpine\n\n  \t RUN   \\\n\n  echo  \n HEALTHCHECK --interval=5s CMD [ "a", "b" ]\nCMD ["x" , \\\n "y"]\nSHELL ["/bin/sh", "-c"]\n',
  // getFlags' scan stops at the first argument without '--' anywhere (RUN, COPY, FROM), or at CMD/NONE (HEALTHCHECK).
  'FROM --platform=$BUILDPLATFORM a--b AS x\nRUN --mount=type=cache,target=/x foo--bar --network=none qux --late\nCOPY --chown=1 a--b --from=x c d\nHEALTHCHECK --interval=1s --timeout=2s NONE\nHEALTHCHECK --retries=3 cmd --x\nADD --checksum=sha256:0 --keep-git-dir http://x/y--z /z\n',
];

/** The only differences allowed: where the original failed in one of these ways, the patched parse answers. */
const ALLOWED_FAILURES = [
  { patch: 'resolveVariable re-entry', error: /^RangeError: Maximum call stack size exceeded/ },
  { patch: 'getHeredocs crash', error: /^TypeError: Cannot read properties of undefined \(reading 'getRange'\)/ },
];

const isError = (v: unknown): v is { error: string } => !!v && typeof v === 'object' && typeof (v as { error?: unknown }).error === 'string';

/** Paths where two dumps differ, with both sides. */
function differences(a: unknown, b: unknown, at = ''): { at: string; unpatched: unknown; patched: unknown }[] {
  if (a && b && typeof a === 'object' && typeof b === 'object' && !isError(a) && !isError(b) && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) => differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ at, unpatched: a, patched: b }];
}

const allowed = (d: { unpatched: unknown; patched: unknown }) => isError(d.unpatched) && !isError(d.patched) && ALLOWED_FAILURES.some((f) => f.error.test((d.unpatched as { error: string }).error));

describe('dockerfile-ast patches (core/astPatches.ts)', () => {
  it('are applied only by the explicit call, once', () => {
    assert.equal(dockerfileAstPatched(), false, 'importing core/astPatches changes nothing');
    const parse = DockerfileParser.parse;
    applyDockerfileAstPatches();
    assert.ok(dockerfileAstPatched() && patchedHere());
    const patchedParse = DockerfileParser.parse;
    assert.notEqual(patchedParse, parse);
    applyDockerfileAstPatches();
    assert.equal(DockerfileParser.parse, patchedParse, 'idempotent');
    for (const f of ALLOWED_FAILURES) assert.ok(DOCKERFILE_AST_PATCHES.some((p) => p.name === f.patch), f.patch);
  });

  it('change the parse and the standard outputs of every corpus file only where a patch intends it', (t) => {
    if (!existsSync(CORPUS)) return t.skip('no ../shared/corpus');
    // The original: a process that never loads the core, so never applies the patches.
    const original = JSON.parse(execFileSync(process.execPath, [DUMP, CORPUS], { input: JSON.stringify([...INTENDED, ...EDGES]), maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' })) as {
      patched: boolean;
      files: Record<string, unknown>;
      extra: unknown[];
    };
    assert.equal(original.patched, false);
    applyDockerfileAstPatches();
    const files = readdirSync(CORPUS).filter((f) => f.endsWith('.Dockerfile')).sort();
    assert.ok(files.length >= 100, `${files.length} corpus files`);
    const unexpected: string[] = [];
    for (const f of files) {
      const patched = JSON.parse(JSON.stringify(dumpText(readFileSync(path.join(CORPUS, f), 'utf8'))));
      for (const d of differences(original.files[f], patched)) if (!allowed(d)) unexpected.push(`${f}${d.at}: ${JSON.stringify(d.unpatched).slice(0, 200)} → ${JSON.stringify(d.patched).slice(0, 200)}`);
    }
    assert.deepEqual(unexpected.slice(0, 20), []);
    // The intended changes happen: the original fails on each of these inputs, the patched parse answers.
    for (const [i, text] of INTENDED.entries()) {
      const patched = JSON.parse(JSON.stringify(dumpText(text)));
      const diffs = differences(original.extra[i], patched);
      assert.ok(diffs.length > 0, `the original does not fail on ${JSON.stringify(text)}`);
      for (const d of diffs) assert.ok(allowed(d), `${JSON.stringify(text)}${d.at}: ${JSON.stringify(d.unpatched)} → ${JSON.stringify(d.patched)}`);
      assert.ok(!JSON.stringify(patched).includes('"error"'), `the patched parse fails on ${JSON.stringify(text)}`);
    }
    for (const [i, text] of EDGES.entries()) {
      const patched = JSON.parse(JSON.stringify(dumpText(text)));
      assert.deepEqual(differences(original.extra[INTENDED.length + i], patched), [], JSON.stringify(text));
    }
  });

  it('hand out copies: a caller changing an argument, a range, a variable, a heredoc or the comment list changes nothing shared', () => {
    applyDockerfileAstPatches();
    const text = '# one\nFROM golang:1.22 AS build\n# two\nRUN --mount=type=cache,target=/c echo $HOME <<EOF\nx\nEOF\nCOPY --from=build /a /b\n';
    const df = DockerfileParser.parse(text);
    assert.equal(DockerfileParser.parse(text), df, 'one parse per text');
    const snapshot = () => JSON.stringify(dumpText(text));
    const before = snapshot();
    const hidden = (i: Instruction) => i as unknown as { getRawArguments(): { getRange(): { start: { character: number } } }[]; getHeredocs(): { getNameRange(): { end: { character: number } } }[] };
    for (const i of df.getInstructions()) {
      const args = i.getArguments();
      for (const a of args) a.getRange().start.character += 5;
      args.shift();
      hidden(i).getRawArguments().forEach((a) => (a.getRange().start.character += 1));
      for (const v of i.getVariables()) v.getRange().end.character = 0;
      for (const h of hidden(i).getHeredocs()) h.getNameRange().end.character = 99;
    }
    df.getComments().splice(0);
    assert.equal(snapshot(), before);
    // A flag keeps its own range: changing it changes no argument.
    const run = DockerfileParser.parse('FROM alpine\nRUN --network=none --mount=type=cache,target=/c make\n').getInstructions()[1] as unknown as {
      getFlags(): { getRange(): { start: { character: number } }; getNameRange(): { start: { character: number } } }[];
      getRawArguments(): { getRange(): unknown }[];
    };
    const args = JSON.stringify(run.getRawArguments().map((a) => a.getRange()));
    for (const f of run.getFlags()) {
      f.getRange().start.character += 3;
      f.getNameRange().start.character += 3;
    }
    assert.equal(JSON.stringify(run.getRawArguments().map((a) => a.getRange())), args);
  });
});
