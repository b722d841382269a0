import { parseArgs } from 'node:util';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { defaultSettings } from '../../../../common/settings';
import { buildModel, diagnose } from '../../core';
import type { Command } from '../command';
import { colour, readInput, single, UsageError } from '../io';

const SEVERITY_NAMES: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

export function formatDiagnostic(path: string, d: Diagnostic): string {
  const sev = SEVERITY_NAMES[d.severity ?? 1];
  const painted = sev === 'error' ? colour.red(sev) : sev === 'warning' ? colour.yellow(sev) : colour.dim(sev);
  const code = d.code !== undefined ? ` ${colour.dim(String(d.code))}` : '';
  const message = typeof d.message === 'string' ? d.message : String(d.message);
  return `${path}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${painted} ${message}${code}`;
}

export const lint: Command = {
  summary: 'report diagnostics',
  usage: 'dockerfile-stages lint FILE [--format text|json]',
  async run(args) {
    const { values, positionals } = parseArgs({ args, options: { format: { type: 'string', default: 'text' } }, allowPositionals: true });
    const input = await readInput(single(positionals));
    const diagnostics = diagnose(buildModel(input.text), defaultSettings);
    if (values.format === 'json') {
      process.stdout.write(`${JSON.stringify({ file: input.path, diagnostics }, null, 2)}\n`);
    } else if (values.format === 'text') {
      for (const d of diagnostics) process.stdout.write(`${formatDiagnostic(input.path, d)}\n`);
      process.stdout.write(`${input.path}: ${diagnostics.length} problem${diagnostics.length === 1 ? '' : 's'}\n`);
    } else throw new UsageError(`unknown format '${values.format}' (text, json)`);
    return diagnostics.some((d) => d.severity === DiagnosticSeverity.Error) ? 1 : 0;
  },
};
