/**
 * The effective runtime configuration of each stage: what its instructions set, on top of what it
 * inherits through its parent-stage chain. An external base image's own config is not known here,
 * so `inheritsImage` says when the chain ends in one.
 */
import { Arg, Env, Instruction, JSONInstruction, Label } from 'dockerfile-ast';
import type { Stage } from './model';
import { trimTrailingSlashes } from './text';

export interface ConfigEntry {
  /** The value as written (arguments content, continuation lines joined). */
  value: string;
  /** Index of the stage whose instruction set it. */
  stage: number;
  /** Line of that instruction. */
  line: number;
}

export interface CommandEntry extends ConfigEntry {
  form: 'exec' | 'shell';
  /** Exec-form arguments, when the JSON array could be read. */
  args?: string[];
}

export interface RuntimeConfig {
  /** The chain of parents ends in an external image (not scratch), whose own defaults also apply. */
  inheritsImage: boolean;
  cmd?: CommandEntry;
  entrypoint?: CommandEntry;
  user?: ConfigEntry;
  workdir?: ConfigEntry;
  healthcheck?: ConfigEntry;
  stopsignal?: ConfigEntry;
  shell?: CommandEntry;
  env: Map<string, ConfigEntry>;
  labels: Map<string, ConfigEntry>;
  expose: ConfigEntry[];
  volumes: ConfigEntry[];
  args: Map<string, ConfigEntry>;
  onbuild: ConfigEntry[];
}

export function emptyConfig(inheritsImage: boolean): RuntimeConfig {
  return { inheritsImage, env: new Map(), labels: new Map(), expose: [], volumes: [], args: new Map(), onbuild: [] };
}

function cloneConfig(c: RuntimeConfig): RuntimeConfig {
  return {
    ...c,
    env: new Map(c.env),
    labels: new Map(c.labels),
    expose: [...c.expose],
    volumes: [...c.volumes],
    args: new Map(c.args),
    onbuild: [...c.onbuild],
  };
}

/** Stages are processed in order; a parent always precedes its child, so one pass suffices. */
export function computeRuntimeConfigs(stages: Stage[], _escapeChar: string): void {
  for (const stage of stages) {
    const parent = stage.parent !== undefined ? stages[stage.parent] : undefined;
    const config = parent?.config ? cloneConfig(parent.config) : emptyConfig(stage.base.kind === 'image');
    // ONBUILD triggers of the parent stage run in the child and are not inherited further.
    if (parent) config.onbuild = [];
    for (const instruction of stage.instructions.slice(1)) applyInstruction(config, instruction, stage.index);
    stage.config = config;
  }
}

function entry(instruction: Instruction, stage: number): ConfigEntry {
  return { value: argumentsText(instruction), stage, line: instruction.getRange().start.line };
}

export function argumentsText(instruction: Instruction): string {
  return (instruction.getArgumentsContent() ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * The exec form's arguments, read with JSON.parse from the instruction's own text: dockerfile-ast 0.7.1's
 * getJSONValue() drops the spaces inside a string (`"daemon off;"` reads as `daemonoff;`). Line continuations
 * (the escape character before a newline) are removed first. Undefined when the text is not a JSON array.
 */
export function execArgs(instruction: Instruction): string[] | undefined {
  const raw = instruction.getRawArgumentsContent?.();
  if (!raw) return undefined;
  const text = raw.replace(/[\\`][ \t]*\r?\n/g, '').trim();
  const open = text.indexOf('[');
  const close = text.lastIndexOf(']');
  if (open < 0 || close < open) return undefined;
  try {
    const parsed: unknown = JSON.parse(text.slice(open, close + 1));
    return Array.isArray(parsed) && parsed.every((a) => typeof a === 'string') ? (parsed as string[]) : undefined;
  } catch {
    return undefined;
  }
}

function commandEntry(instruction: Instruction, stage: number): CommandEntry {
  const base = entry(instruction, stage);
  const json = instruction as JSONInstruction;
  if (typeof json.getJSONStrings === 'function' && json.getOpeningBracket() && json.getClosingBracket()) {
    return { ...base, form: 'exec', args: execArgs(instruction) ?? json.getJSONStrings().map((s) => s.getJSONValue()) };
  }
  return { ...base, form: 'shell' };
}

function applyInstruction(config: RuntimeConfig, instruction: Instruction, stage: number): void {
  const line = instruction.getRange().start.line;
  switch (instruction.getKeyword().toUpperCase()) {
    case 'CMD':
      config.cmd = commandEntry(instruction, stage);
      break;
    case 'ENTRYPOINT':
      config.entrypoint = commandEntry(instruction, stage);
      // Setting ENTRYPOINT clears a CMD inherited from the base; a CMD later in this stage sets it again.
      if (config.cmd && config.cmd.stage !== stage) config.cmd = undefined;
      break;
    case 'USER':
      config.user = entry(instruction, stage);
      break;
    case 'WORKDIR': {
      const e = entry(instruction, stage);
      const prev = config.workdir?.value;
      if (prev && !e.value.startsWith('/') && !e.value.startsWith('$') && !/^[A-Za-z]:/.test(e.value)) {
        e.value = `${trimTrailingSlashes(prev)}/${e.value}`;
      }
      config.workdir = e;
      break;
    }
    case 'HEALTHCHECK':
      config.healthcheck = entry(instruction, stage);
      break;
    case 'STOPSIGNAL':
      config.stopsignal = entry(instruction, stage);
      break;
    case 'SHELL':
      config.shell = commandEntry(instruction, stage);
      break;
    case 'ENV':
      for (const p of (instruction as Env).getProperties()) {
        config.env.set(p.getName(), { value: p.getValue() ?? '', stage, line });
      }
      break;
    case 'LABEL':
      for (const p of (instruction as Label).getProperties()) {
        config.labels.set(p.getName(), { value: p.getValue() ?? '', stage, line });
      }
      break;
    case 'EXPOSE':
      for (const a of instruction.getArguments()) config.expose.push({ value: a.getValue(), stage, line });
      break;
    case 'VOLUME': {
      const c = commandEntry(instruction, stage);
      const values = c.args ?? instruction.getArguments().map((a) => a.getValue());
      for (const v of values) config.volumes.push({ value: v, stage, line });
      break;
    }
    case 'ARG':
      for (const p of (instruction as Arg).getProperties()) {
        config.args.set(p.getName(), { value: p.getValue() ?? '', stage, line });
      }
      break;
    case 'ONBUILD':
      config.onbuild.push(entry(instruction, stage));
      break;
  }
}
