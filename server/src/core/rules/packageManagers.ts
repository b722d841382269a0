/** Package-manager commands in RUN instructions, found once for DS203–DS208. */
import type { Instruction } from 'dockerfile-ast';
import type { Run } from 'dockerfile-ast';
import { keywordOf, type Stage } from '../model';
import { argsOf, hasFlag, programOf, subcommand, type Analysis, type ShellCommand, type Word } from './analysis';

export type Manager = 'apt' | 'apk' | 'pip' | 'npm' | 'yum';

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
  const program = programOf(command);
  let args = argsOf(command);
  if (/^python[0-9.]*$/.test(program) && args[0]?.text === '-m' && /^pip[0-9.]*$/.test(args[1]?.text ?? '')) args = args.slice(2);
  else if (!/^pip[0-9.]*$/.test(program) && !['apt-get', 'apt', 'apk', 'npm', 'yum', 'dnf', 'microdnf'].includes(program)) return undefined;
  const verb = program === 'apt-get' || program === 'apt' ? args.find((a) => !a.text.startsWith('-') && !/^[A-Za-z]+::/.test(a.text)) : subcommand(args);
  if (!verb) return undefined;
  const rest = args.slice(args.indexOf(verb) + 1);
  const all = args.filter((a) => a !== verb);
  if ((program === 'apt-get' || program === 'apt') && verb.text === 'install') return { manager: 'apt', verb, args: all };
  if (program === 'apk' && verb.text === 'add') return { manager: 'apk', verb, args: all };
  if ((program.startsWith('pip') || program.startsWith('python')) && verb.text === 'install') return { manager: 'pip', verb, args: all };
  if (program === 'npm' && ['install', 'i', 'ci', 'add'].includes(verb.text)) return { manager: 'npm', verb, args: rest };
  if (['yum', 'dnf', 'microdnf'].includes(program) && verb.text === 'install') return { manager: 'yum', verb, args: all };
  return undefined;
}

/** Whether a RUN has a cache mount on one of the paths. */
export function hasCacheMount(instruction: Instruction, pathPattern: RegExp): boolean {
  if (keywordOf(instruction) !== 'RUN') return false;
  return (instruction as Run).getFlags().some((f) => f.getName().toLowerCase() === 'mount' && /type=cache/.test(f.getValue() ?? '') && pathPattern.test(f.getValue() ?? ''));
}

export { hasFlag };

/** The install a command runs (apt-get/apt install, apk add, pip install, npm install/ci, yum/dnf install), or undefined: `installCommands` for one command. */
export function packageInstallOf(command: ShellCommand): { manager: Manager; verb: Word; args: Word[] } | undefined {
  return classify(command);
}
