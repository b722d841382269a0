/** Package-manager commands in RUN instructions, found once for DS203–DS208. */
import type { Instruction } from 'dockerfile-ast';
import type { Run } from 'dockerfile-ast';
import { keywordOf, type Stage } from '../model';
import { hasFlag, type Analysis, type ShellCommand, type Word } from './analysis';
import { packageInstallOf, type PackageManager } from '../commands';

export type Manager = PackageManager;

export interface PackageCommand {
  manager: Manager;
  instruction: Instruction;
  stage: Stage;
  command: ShellCommand;
  /** The subcommand word (`install`, `add`). */
  verb: Word;
  args: Word[];
}

/**
 * Install commands (apt-get/apt install, apk add, pip install, npm install/ci, yum/dnf install) of the stages, in
 * stage and document order. Six rules ask (DS203–DS208): the commands of every stage are classified once per
 * model and each rule takes its stages' share (the list is shared: do not change it or its items).
 */
export function installCommands(analysis: Analysis, stages: readonly Stage[]): PackageCommand[] {
  const all = analysis.memo('installCommands', () => classifyStages(analysis, analysis.model.stages));
  if (stages === analysis.model.stages) return all;
  // The share keeps the memo's order only for stages given in index order (every caller's).
  if (!stages.every((s, k) => k === 0 || stages[k - 1].index < s.index)) return classifyStages(analysis, stages);
  const wanted = new Set(stages);
  return all.filter((c) => wanted.has(c.stage));
}

function classifyStages(analysis: Analysis, stages: readonly Stage[]): PackageCommand[] {
  const out: PackageCommand[] = [];
  for (const stage of stages) {
    for (const instruction of analysis.instructionsOf(stage, 'RUN')) {
      for (const command of analysis.commands(instruction)) {
        const found = classify(command, instruction, stage);
        if (found) out.push(found);
      }
    }
  }
  return out;
}

function classify(command: ShellCommand, instruction: Instruction, stage: Stage): PackageCommand | undefined {
  const install = packageInstallOf(command);
  if (!install) return undefined;
  return { manager: install.manager, verb: install.verb, args: install.manager === 'npm' ? install.rest : install.args, instruction, stage, command };
}

/** Whether a RUN has a cache mount on one of the paths. */
export function hasCacheMount(instruction: Instruction, pathPattern: RegExp): boolean {
  if (keywordOf(instruction) !== 'RUN') return false;
  return (instruction as Run).getFlags().some((f) => f.getName().toLowerCase() === 'mount' && /type=cache/.test(f.getValue() ?? '') && pathPattern.test(f.getValue() ?? ''));
}

export { hasFlag };
