/**
 * The command model: each RUN of a model read once (per model, that is per document version) into the simple
 * commands it runs, with their words, positions and operators. Shell form, exec form (`["sh", "-c", "…"]`
 * included), heredocs, flags, continuations and SHELL changes are handled here; rules and the size estimator
 * query the result and never read RUN text themselves.
 */
import type { Instruction, Run } from 'dockerfile-ast';
import type { Position } from 'vscode-languageserver-types';
import { keywordOf, lineStartsOf, type DockerfileModel } from '../model';
import { logicalText, type LogicalText } from './logical';
import { evaluate, type EvaluatedCommand } from './evaluate';
import { parseScript, type ParsedCommand, type Piece } from './parser';
import { createModelMemo, memoized } from '../modelMemo';

export interface Word {
  /** The word with quotes removed; an expansion left as `$NAME`, `$(...)`. */
  text: string;
  /** Offsets in the instruction's logical text. */
  start: number;
  end: number;
}

export interface ShellCommand {
  /** `NAME=value` prefixes first, then the command's words (`sudo` and `env` kept: see programIndex). */
  words: Word[];
  /** How many of `words` are `NAME=value` prefixes. */
  assignCount: number;
  /** The operator that ends the command (`&&`, `||`, `|`, `|&`, `&`) or ''. */
  next: string;
  /** The operator that precedes it ('' for the first of a statement). */
  prev: string;
  /** Inside an if/case/loop/|| branch: may or may not run. */
  conditional: boolean;
  /** Files its standard output is redirected to (`> f`, `>> f`), quotes removed. */
  writes?: Word[];
  /** The parsed form, for evaluation with variables (the size estimator). */
  readonly parsed: ParsedCommand;
}

export interface RunCommands {
  form: 'shell' | 'exec';
  /** The shell the script runs with (SHELL, or /bin/sh -c); empty for exec form. */
  shell: string[];
  /** The script after the flags (exec form `sh -c`: the script argument), and its start in the logical text. */
  script: string;
  start: number;
  commands: ShellCommand[];
  /** False when the commands could not be read: a non-POSIX SHELL (PowerShell, cmd). */
  readable: boolean;
  /** The shell parser rejected the script: commands come from a plain split. */
  parseError?: string;
}

interface ModelCommands {
  lineStarts: readonly number[];
  logical: Map<Instruction, LogicalText>;
  runs: Map<Instruction, RunCommands>;
  shells?: Map<Instruction, string[]>;
}

/** Per model, computed lazily: a model is one document version, so nothing here is read twice. */
const perModel = createModelMemo<ModelCommands>();

function state(model: DockerfileModel): ModelCommands {
  return memoized(perModel, model, () => ({ lineStarts: lineStartsOf(model), logical: new Map(), runs: new Map() }));
}

export function offsetIn(model: DockerfileModel, p: Position): number {
  const starts = state(model).lineStarts;
  const start = starts[Math.min(p.line, starts.length - 1)] ?? 0;
  return Math.min(start + p.character, model.text.length);
}

/** The arguments of an instruction as one logical line (heredoc bodies keep their newlines). */
export function logicalOf(model: DockerfileModel, instruction: Instruction): LogicalText {
  const s = state(model);
  let l = s.logical.get(instruction);
  if (!l) s.logical.set(instruction, (l = logicalText(model.text, model.escapeChar, instruction, (p) => offsetIn(model, p))));
  return l;
}

const DEFAULT_SHELL = ['/bin/sh', '-c'];
const POSIX_SHELL = /^(sh|bash|ash|dash|zsh|ksh|mksh|busybox)(\.exe)?$/i;

/** The commands a RUN runs; an empty model for any other instruction. */
export function runCommands(model: DockerfileModel, instruction: Instruction): RunCommands {
  const s = state(model);
  let r = s.runs.get(instruction);
  if (!r) s.runs.set(instruction, (r = readRun(model, instruction)));
  return r;
}

function readRun(model: DockerfileModel, instruction: Instruction): RunCommands {
  const l = logicalOf(model, instruction);
  const none = (start: number, form: RunCommands['form'] = 'shell'): RunCommands => ({ form, shell: [], script: l.text.slice(start), start, commands: [], readable: false });
  if (keywordOf(instruction) !== 'RUN') return none(l.text.length);
  let from = 0;
  const flags = (instruction as Run).getFlags();
  if (flags.length) {
    const lastEnd = offsetIn(model, flags[flags.length - 1].getRange().end);
    from = l.firstAtOrAfter(lastEnd);
    if (from < 0) from = l.text.length;
  }
  while (from < l.text.length && /\s/.test(l.text[from])) from++;
  if (l.text[from] === '[') {
    const exec = execForm(l.text, from);
    if (exec) return exec;
  }
  const shell = shellOf(model, instruction);
  const program = (shell[0] ?? '').replace(/^.*[/\\]/, '');
  if (!POSIX_SHELL.test(program)) return { ...none(from), shell };
  return { form: 'shell', shell, ...fromScript(l.text.slice(from), from) };
}

/** Commands of a script at a logical offset. */
function fromScript(script: string, start: number, clampTo?: number): Pick<RunCommands, 'script' | 'start' | 'commands' | 'readable' | 'parseError'> {
  const parsed = parseScript(script);
  const at = (o: number) => (clampTo === undefined ? start + o : Math.min(start + o, clampTo));
  const commands = parsed.commands.map((c): ShellCommand => ({
    words: [...c.assigns.map((a) => ({ text: `${a.name}=${a.value ? literal(a.value) : ''}`, start: at(a.start), end: at(a.end) })), ...c.args.map((w) => ({ text: literal(w.pieces), start: at(w.start), end: at(w.end) }))],
    assignCount: c.assigns.length,
    writes: c.writes?.map((w) => ({ text: literal(w.pieces), start: at(w.start), end: at(w.end) })),
    next: c.next,
    prev: c.prev,
    conditional: c.conditional,
    parsed: c,
  }));
  return { script, start, commands, readable: true, parseError: parsed.parseError };
}

function literal(pieces: Piece[]): string {
  let out = '';
  for (const p of pieces) out += typeof p === 'string' ? p : `$${p.v}`;
  return out;
}

/** `RUN ["prog", "arg"]`: one command without a shell, or the script of `["sh", "-c", "…"]`. */
function execForm(text: string, from: number): RunCommands | undefined {
  let argv: unknown;
  try {
    argv = JSON.parse(text.slice(from));
  } catch {
    return undefined;
  }
  if (!Array.isArray(argv) || argv.length === 0) return undefined;
  const strings = [...text.slice(from).matchAll(/"((?:[^"\\]|\\.)*)"/g)];
  const words: Word[] = argv.map((a, i) => {
    const m = strings[i];
    const start = m ? from + m.index! + 1 : from;
    return { text: String(a), start, end: m ? start + m[1].length : from };
  });
  const program = words[0].text.replace(/^.*[/\\]/, '');
  if (POSIX_SHELL.test(program) && words[1]?.text === '-c' && words[2]) {
    // Offsets inside the script are exact when the JSON string has no escapes; clamped to the string otherwise.
    return { form: 'exec', shell: [words[0].text, '-c'], ...fromScript(words.slice(2).map((w) => w.text).join(' '), words[2].start, words[words.length - 1].end) };
  }
  const parsed: ParsedCommand = { assigns: [], args: words.map((w) => ({ pieces: [w.text], start: w.start, end: w.end })), conditional: false, next: '', prev: '' };
  return { form: 'exec', shell: [], script: text.slice(from), start: from, commands: [{ words, assignCount: 0, next: '', prev: '', conditional: false, parsed }], readable: true };
}

/** The shell of each RUN: SHELL changes it for the rest of the stage and for stages built FROM it. */
function shellOf(model: DockerfileModel, instruction: Instruction): string[] {
  const s = state(model);
  if (!s.shells) {
    const shells = new Map<Instruction, string[]>();
    const stageEnd: string[][] = [];
    for (const stage of model.stages) {
      let shell = stage.base.kind === 'stage' ? (stageEnd[stage.base.stage] ?? DEFAULT_SHELL) : DEFAULT_SHELL;
      for (const ins of stage.instructions) {
        const kw = keywordOf(ins);
        if (kw === 'SHELL') shell = shellArgs(model, ins) ?? shell;
        else if (kw === 'RUN') shells.set(ins, shell);
      }
      stageEnd[stage.index] = shell;
    }
    s.shells = shells;
  }
  return s.shells.get(instruction) ?? DEFAULT_SHELL;
}

function shellArgs(model: DockerfileModel, instruction: Instruction): string[] | undefined {
  try {
    const v = JSON.parse(logicalOf(model, instruction).text.trim());
    return Array.isArray(v) && v.length && v.every((x) => typeof x === 'string') ? v : undefined;
  } catch {
    return undefined;
  }
}

/** The commands of a RUN with variables resolved (`$NAME` where unknown), assignments and `export`s applied in order. */
export function evaluateCommands(run: RunCommands, vars?: (name: string) => string | undefined): EvaluatedCommand[] {
  return evaluate(run.commands.map((c) => c.parsed), vars);
}
