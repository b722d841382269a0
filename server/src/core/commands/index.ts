export { runCommands, evaluateCommands, logicalOf, type RunCommands, type ShellCommand, type Word } from './runCommands';
export { parseShell, type EvaluatedCommand, type ParsedShell } from './evaluate';
export type { LogicalText } from './logical';
export { programIndex, programOf, argsOf, hasFlag, subcommand } from './query';
export { MAX_PARSED_SCRIPT, warmShellParser } from './parser';
export { anyWord, isCommand } from './query';
export { packageManagerCommand, packageInstallOf, osPackagesOf, commandsOfScript, type PackageManager, type PackageManagerCommand } from './query';
