/**
 * What dockerfile-ast, dockerfile-utils' validator and dockerfile-language-service answer for a text, as plain
 * JSON: the parse (instructions, keywords, ranges, arguments, flags, variables with their resolution, heredocs,
 * FROMs, comments, directives) and the standard outputs that read it (diagnostics, symbols, folding, semantic
 * tokens). A part that throws is recorded as `{ error }`.
 *
 * Run as a program (`node out/test/support/astDump.js <dir>`) it dumps every `*.Dockerfile` of a directory and
 * the extra texts given on stdin (a JSON list) in a process that never loads this server's core, so never
 * applies its dockerfile-ast patches: test/unit/astPatches.test.ts compares that with the patched process.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DockerfileParser, type Dockerfile, type Instruction } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';

type R = { start: { line: number; character: number }; end: { line: number; character: number } } | null | undefined;
const r = (range: R) => (range ? [range.start.line, range.start.character, range.end.line, range.end.character] : null);

function guard<T>(f: () => T): T | { error: string } {
  try {
    return f();
  } catch (e) {
    const err = e as Error;
    return { error: `${err?.name ?? 'Error'}: ${String(err?.message ?? e).split('\n')[0]}` };
  }
}

type Leaf = { getValue(): string; getRange(): R };
type Doc = { getName(): string; getStartRange(): R; getNameRange(): R; getContentRange(): R; getDelimiterRange(): R };

function instructionDump(df: Dockerfile, instruction: Instruction): unknown {
  const i = instruction;
  const hidden = instruction as unknown as { getRawArguments(): Leaf[]; getHeredocs(): Doc[] };
  const anyI = i as Instruction & { getFlags?: () => { getName(): string; getValue(): string | null; getRange(): R; getNameRange(): R; getValueRange(): R }[] };
  return {
    keyword: guard(() => i.getKeyword()),
    instruction: guard(() => [i.getInstruction(), r(i.getInstructionRange())]),
    range: r(i.getRange()),
    argumentsRange: guard(() => r(i.getArgumentsRange())),
    argumentsContent: guard(() => i.getArgumentsContent()),
    arguments: guard(() => i.getArguments().map((a) => [a.getValue(), r(a.getRange())])),
    rawArguments: guard(() => hidden.getRawArguments().map((a: Leaf) => [a.getValue(), r(a.getRange())])),
    flags: guard(() => (anyI.getFlags ? anyI.getFlags().map((f) => [f.getName(), f.getValue(), r(f.getRange()), r(f.getNameRange()), r(f.getValueRange())]) : null)),
    variables: guard(() =>
      i.getVariables().map((v) => ({
        name: v.getName(),
        range: r(v.getRange()),
        nameRange: r(v.getNameRange()),
        modifier: [v.getModifier(), r(v.getModifierRange())],
        substitution: [v.getSubstitutionParameter(), r(v.getSubstitutionRange())],
        defined: v.isDefined(),
        build: v.isBuildVariable(),
        resolved: guard(() => df.resolveVariable(v.getName(), v.getRange().start.line) ?? null),
      })),
    ),
    heredocs: guard(() => hidden.getHeredocs().map((h) => [h.getName(), r(h.getStartRange()), r(h.getNameRange()), r(h.getContentRange()), r(h.getDelimiterRange())])),
  };
}

export function dumpText(text: string): unknown {
  const df = DockerfileParser.parse(text);
  const service = DockerfileLanguageServiceFactory.createLanguageService();
  const doc = { uri: 'file:///dump/Dockerfile' };
  return {
    escape: guard(() => df.getEscapeCharacter()),
    directives: guard(() => df.getDirectives().map((d) => [d.getName(), d.getValue(), r(d.getRange())])),
    instructions: df.getInstructions().map((i) => instructionDump(df, i)),
    froms: guard(() => df.getFROMs().map((f) => [f.getImageName(), f.getImageTag(), f.getImageDigest(), f.getRegistry(), f.getBuildStage(), r(f.getImageNameRange()), r(f.getBuildStageRange())])),
    comments: guard(() => df.getComments().map((c) => [c.getContent(), r(c.getRange()), r(c.getContentRange())])),
    diagnostics: guard(() => validate(text).map((d) => [d.code, d.severity, d.message, r(d.range)])),
    symbols: guard(() => service.computeSymbols(doc, text).map((s) => [s.name, s.kind, r(s.location.range)])),
    folding: guard(() => service.computeFoldingRanges(text).map((f) => [f.startLine, f.endLine, f.kind ?? null])),
    semanticTokens: guard(() => service.computeSemanticTokens(text).data),
  };
}

/** Whether dockerfile-ast in this process carries this server's patches (core/astPatches.ts). */
export const patchedHere = () => !!(DockerfileParser as unknown as Record<symbol, unknown>)[Symbol.for('dockerfile-stages.ast-patches')];

if (require.main === module) {
  const dir = process.argv[2];
  const extra = JSON.parse(readFileSync(0, 'utf8') || '[]') as string[];
  const files = readdirSync(dir).filter((f) => f.endsWith('.Dockerfile')).sort();
  const out = {
    patched: patchedHere(),
    files: Object.fromEntries(files.map((f) => [f, dumpText(readFileSync(path.join(dir, f), 'utf8'))])),
    extra: extra.map(dumpText),
  };
  process.stdout.write(JSON.stringify(out));
}
