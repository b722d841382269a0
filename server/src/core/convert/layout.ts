/**
 * The original file cut into pieces a conversion can move without losing a byte: the header (parser
 * directives and comments before the first instruction), each instruction with the comment lines right
 * before it, and the trailing lines. Also the effective WORKDIR before each instruction.
 */
import { Arg, Env } from 'dockerfile-ast';
import type { DockerfileModel } from '../model';
import { keywordOf, unquote } from '../model';
import { argumentsText } from '../runtimeConfig';
import { expandVariables } from '../variables';
import type { Item } from './types';
import { eolOf, splitLines } from '../text';

export interface Layout {
  eol: string;
  header: string[];
  /** Every instruction of the file, in order (global ARGs included). */
  items: Item[];
  trailer: string[];
  /** Whether the text ends with a line break. */
  finalNewline: boolean;
}

/** Default WORKDIR of well-known base images (their own config, which a runtime base does not share). */
export function defaultWorkdir(repository: string | undefined): string {
  if (!repository) return '/';
  const last = repository.split('/').pop() ?? repository;
  if (last === 'golang') return '/go';
  return '/';
}

export function layout(model: DockerfileModel): Layout {
  const text = model.text;
  const eol = eolOf(text);
  const lines = splitLines(text);
  const finalNewline = text.endsWith('\n') || text.endsWith('\r');
  if (finalNewline) lines.pop();
  const items: Item[] = [];
  let cursor = 0;
  let header: string[] = [];
  const vars = new Map<string, string>();
  for (const [name, g] of model.globalArgs) if (g.value !== undefined) vars.set(name, g.value);
  let workdir = '/';
  model.instructions.forEach((instruction, position) => {
    const range = instruction.getRange();
    const leading = lines.slice(cursor, range.start.line);
    const own = lines.slice(range.start.line, range.end.line + 1);
    cursor = range.end.line + 1;
    const keyword = keywordOf(instruction);
    if (position === 0) {
      header = leading;
    }
    if (keyword === 'FROM') {
      const stage = model.stageOf(instruction);
      const base = stage?.base;
      workdir = base?.kind === 'image' ? defaultWorkdir(base.name?.repository) : '/';
    }
    items.push({ position, instruction, keyword, text: own.join(eol), leading: position === 0 ? [] : leading, args: argumentsText(instruction), workdir });
    if (keyword === 'WORKDIR') {
      const raw = expandVariables(unquote(argumentsText(instruction)), (n) => vars.get(n)).value;
      workdir = raw.startsWith('/') ? normalizePath(raw) : normalizePath(`${workdir}/${raw}`);
    } else if (keyword === 'ENV') {
      for (const p of (instruction as Env).getProperties()) vars.set(p.getName(), expandVariables(unquote(p.getValue() ?? ''), (n) => vars.get(n)).value);
    } else if (keyword === 'ARG') {
      for (const p of (instruction as Arg).getProperties()) {
        const v = p.getValue();
        if (v !== null) vars.set(p.getName(), expandVariables(unquote(v), (n) => vars.get(n)).value);
      }
    }
  });
  const trailer = lines.slice(cursor);
  return { eol, header, items, trailer, finalNewline };
}

export function normalizePath(p: string): string {
  const parts: string[] = [];
  for (const part of p.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** Resolves a path written in an instruction against the WORKDIR in effect. */
export function resolvePath(p: string, workdir: string): string {
  const cleaned = unquote(p.trim());
  if (cleaned.startsWith('/')) return normalizePath(cleaned);
  return normalizePath(`${workdir}/${cleaned}`);
}

/** The text of an instruction with its leading comment lines. */
export function withLeading(item: Item, eol: string): string {
  return [...item.leading, item.text].join(eol);
}
