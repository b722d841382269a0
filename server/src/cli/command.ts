/** One CLI command: `dockerfile-stages <name> ...`. */
export interface Command {
  summary: string;
  usage: string;
  /** Option lines shown by `<command> --help` under the usage (optional). */
  options?: string[];
  /** Returns the exit code. Throws UsageError (exit 2) or InputError (exit 2). */
  run(args: string[]): Promise<number>;
}
