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

/** Install commands (apt-get/apt install, apk add, pip install, npm install/ci, yum/dnf install). */
export function installCommands(analysis: Analysis, stages: Stage[]): PackageCommand[] {
  const out: PackageCommand[] = [];
  for (const stage of stages) {
    for (const instruction of stage.instructions) {
      if (keywordOf(instruction) !== 'RUN') continue;
      for (const command of analysis.commands(instruction)) {
        const found = classify(command);
        if (found) out.push({ ...found, instruction, stage, command });
      }
    }
  }
  return out;
}

function classify(command: ShellCommand): { manager: Manager; verb: Word; args: Word[] } | undefined {
  const install = packageInstallOf(command);
  if (!install) return undefined;
  return { manager: install.manager, verb: install.verb, args: install.manager === 'npm' ? install.rest : install.args };
}

/** Whether a RUN has a cache mount on one of the paths. */
export function hasCacheMount(instruction: Instruction, pathPattern: RegExp): boolean {
  if (keywordOf(instruction) !== 'RUN') return false;
  return (instruction as Run).getFlags().some((f) => f.getName().toLowerCase() === 'mount' && /type=cache/.test(f.getValue() ?? '') && pathPattern.test(f.getValue() ?? ''));
}

export { hasFlag };
