/** Document symbols, hierarchical by stage: each FROM is a symbol whose children are the stage's instructions. */
import { Arg, Instruction } from 'dockerfile-ast';
import { DocumentSymbol, Range, SymbolKind } from 'vscode-languageserver-types';
import { argumentsText } from './runtimeConfig';
import { DockerfileModel, keywordOf, Stage } from './model';

const KINDS: Record<string, SymbolKind> = {
  ARG: SymbolKind.Variable,
  ENV: SymbolKind.Variable,
  LABEL: SymbolKind.Property,
  RUN: SymbolKind.Function,
  COPY: SymbolKind.File,
  ADD: SymbolKind.File,
  CMD: SymbolKind.Event,
  ENTRYPOINT: SymbolKind.Event,
  EXPOSE: SymbolKind.Number,
  USER: SymbolKind.Key,
  WORKDIR: SymbolKind.Field,
  VOLUME: SymbolKind.Field,
  HEALTHCHECK: SymbolKind.Event,
  SHELL: SymbolKind.Function,
  STOPSIGNAL: SymbolKind.Constant,
  ONBUILD: SymbolKind.Event,
  MAINTAINER: SymbolKind.String,
};

const MAX_DETAIL = 80;

export function stageLabel(stage: Stage): string {
  return stage.name ?? `stage ${stage.index}`;
}

export function documentSymbols(model: DockerfileModel): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  // ARGs before the first FROM are global: top-level symbols.
  for (const instruction of model.instructions) {
    if (keywordOf(instruction) === 'FROM') break;
    out.push(instructionSymbol(instruction));
  }
  for (const stage of model.stages) {
    const roles: string[] = [];
    if (stage.isFinal) roles.push('final');
    else if (!stage.reachable) roles.push('unused');
    const detail = [`FROM ${stage.base.text || '?'}`, ...roles].join(' · ');
    out.push({
      name: stageLabel(stage),
      detail,
      kind: SymbolKind.Class,
      range: stage.range,
      selectionRange: stage.nameRange ?? stage.from.getInstructionRange(),
      children: stage.instructions.slice(1).map(instructionSymbol),
    });
  }
  return out;
}

function instructionSymbol(instruction: Instruction): DocumentSymbol {
  const keyword = keywordOf(instruction);
  const range = instruction.getRange();
  let name = keyword;
  if (keyword === 'ARG' || keyword === 'ENV') {
    const names = (instruction as Arg).getProperties().map((p) => p.getName());
    if (names.length) name = `${keyword} ${names.join(' ')}`;
  }
  const args = argumentsText(instruction);
  return {
    name,
    detail: args.length > MAX_DETAIL ? `${args.slice(0, MAX_DETAIL - 1)}…` : args,
    kind: KINDS[keyword] ?? SymbolKind.Field,
    range,
    selectionRange: clampTo(instruction.getInstructionRange(), range),
  };
}

function clampTo(inner: Range, outer: Range): Range {
  return inner.start.line >= outer.start.line && inner.end.line <= outer.end.line ? inner : outer;
}
