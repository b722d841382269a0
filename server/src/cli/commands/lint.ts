import { promises as fs } from 'node:fs';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Command } from '../command';
import { settingsFor } from '../config';
import { expandPaths } from '../files';
import { cliService, inputDocument } from '../service';
import { colour, InputError, oneOf, out, packageVersion, parseCommandArgs, platformOption, readInput, warn } from '../io';
import { ruleId, ruleMatches, severityName, severityRank, SEVERITY_NAMES } from '../rules';
import { LintedFile, toSarif } from '../sarif';

const FORMATS = ['text', 'json', 'sarif'] as const;

export function formatDiagnostic(path: string, d: Diagnostic): string {
  const sev = severityName(d);
  const painted = sev === 'error' ? colour.red(sev) : sev === 'warning' ? colour.yellow(sev) : colour.dim(sev);
  const message = typeof d.message === 'string' ? d.message : String(d.message);
  return `${path}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${painted} ${message} ${colour.dim(`[${ruleId(d)}]`)}`;
}

/** A diagnostic in the JSON output: rule id, severity name, 1-based line/column, and the LSP range (0-based). */
function jsonDiagnostic(d: Diagnostic) {
  return {
    ruleId: ruleId(d),
    severity: severityName(d),
    message: d.message,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    range: d.range,
    source: d.source,
    ...(d.codeDescription ? { helpUri: d.codeDescription.href } : {}),
  };
}

export const lint: Command = {
  summary: 'report diagnostics for Dockerfiles (files, directories, globs, - for stdin)',
  usage: 'dockerfile-stages lint [PATH...] [--format text|json|sarif] [--severity LEVEL] [--rule ID]... [--ignore-rule ID]...',
  options: [
    'PATH                 a Dockerfile, a directory (searched for Dockerfile, Containerfile, *.Dockerfile,',
    '                     Dockerfile.*), a glob (quote it: "**/*.Dockerfile") or - for stdin; default: .',
    '--format FORMAT      text (default), json, or sarif (SARIF 2.1.0 for GitHub code scanning)',
    '--severity LEVEL     report only diagnostics at LEVEL or above: error, warning, info, hint (default)',
    '--rule ID            report only this rule (repeatable)',
    '--ignore-rule ID     do not report this rule (repeatable)',
    '--target STAGE       the stage to treat as the build target (like docker build --target)',
    '--platform P         the target platform TARGETARCH/TARGETOS... resolve from (default: the config\'s, else linux/amd64)',
    '--config FILE        settings file to use instead of the nearest .dockerfile-stages.json',
    '--no-config          ignore .dockerfile-stages.json files',
    '--stdin-filename P   the path to report (and to find the config from) for - (stdin)',
    '--output FILE        write the report to FILE instead of stdout',
    'Exit: 0 no error-level diagnostic, 1 an error-level diagnostic, 2 usage or input error.',
  ],
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      format: { type: 'string', default: 'text' },
      severity: { type: 'string', default: 'hint' },
      rule: { type: 'string', multiple: true, default: [] },
      'ignore-rule': { type: 'string', multiple: true, default: [] },
      target: { type: 'string' },
      platform: { type: 'string' },
      config: { type: 'string' },
      'no-config': { type: 'boolean', default: false },
      'stdin-filename': { type: 'string' },
      output: { type: 'string', short: 'o' },
    });
    const format = oneOf('format', values.format, FORMATS);
    const threshold = severityRank(oneOf('severity', values.severity, [...SEVERITY_NAMES].reverse()));
    const only = values.rule as string[];
    const ignored = values['ignore-rule'] as string[];
    const keep = (d: Diagnostic) =>
      severityRank(severityName(d)) <= threshold && (!only.length || only.some((r) => ruleMatches(d, r))) && !ignored.some((r) => ruleMatches(d, r));

    const { files, errors } = await expandPaths(positionals);
    let inputFailed = errors.length > 0;
    for (const e of errors) warn(e);
    const linted: LintedFile[] = [];
    for (const file of files) {
      const result = await lintFile(file, values);
      if (result === 'failed') inputFailed = true;
      else if (result) linted.push({ path: result.path, diagnostics: result.diagnostics.filter(keep) });
    }
    await writeReport(formatReport(linted, format), values.output);
    if (inputFailed) return 2;
    return linted.some((f) => f.diagnostics.some((d) => (d.severity ?? DiagnosticSeverity.Error) === DiagnosticSeverity.Error)) ? 1 : 0;
  },
};


type LintValues = { target?: string; platform?: string; config?: string; 'no-config'?: boolean; 'stdin-filename'?: string };

/**
 * One file through the language server's path: the service's validate, then validateContext (a missing
 * .dockerignore, a COPY of an ignored file) over the Dockerfile's directory; stdin has one only with
 * --stdin-filename. Undefined: skipped (a discovered file that cannot be read); 'failed': an unreadable input.
 */
async function lintFile(file: { path: string; discovered?: boolean }, values: LintValues): Promise<LintedFile | 'failed' | undefined> {
  let input;
  try {
    input = await readInput(file.path);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    if (file.discovered) warn(`skipped ${e.message}`);
    else warn(e.message);
    return file.discovered ? undefined : 'failed';
  }
  const shownPath = input.stdin ? (values['stdin-filename'] ?? '<stdin>') : input.path;
  const { settings } = await settingsFor(input.stdin ? (values['stdin-filename'] ?? '-') : input.path, { config: values.config, noConfig: values['no-config'] });
  if (values.target !== undefined) settings.target = values.target;
  settings.platform = platformOption(values.platform) ?? settings.platform;
  const service = cliService();
  const located = input.stdin ? values['stdin-filename'] : input.path;
  const doc = inputDocument(input, located);
  service.configureDocument(doc.uri, { target: settings.target || undefined, platform: settings.platform || undefined });
  const diagnostics = service.validate(doc, settings);
  if (located) {
    const results = await service.validateContext(doc, settings, { onError: (rule, e) => warn(`${rule.code} failed on ${shownPath}: ${String(e)}`) });
    diagnostics.push(...results.map((r) => r.diagnostic));
  }
  return { path: shownPath, diagnostics };
}

function formatReport(linted: LintedFile[], format: (typeof FORMATS)[number]): string {
  const all = linted.flatMap((f) => f.diagnostics);
  const count = (s: string) => all.filter((d) => severityName(d) === s).length;
  if (format === 'sarif') return JSON.stringify(toSarif(linted, packageVersion()), null, 2);
  if (format === 'json') {
    const summary = { files: linted.length, errors: count('error'), warnings: count('warning'), infos: count('info'), hints: count('hint') };
    return JSON.stringify({ files: linted.map((f) => ({ path: f.path, diagnostics: f.diagnostics.map(jsonDiagnostic) })), summary }, null, 2);
  }
  const lines: string[] = [];
  for (const f of linted) for (const d of f.diagnostics) lines.push(formatDiagnostic(f.path, d));
  const problems = `${all.length} problem${all.length === 1 ? '' : 's'} (${count('error')} error${count('error') === 1 ? '' : 's'}, ${count('warning')} warning${count('warning') === 1 ? '' : 's'})`;
  const summary = `${problems} in ${linted.length} file${linted.length === 1 ? '' : 's'}`;
  lines.push(count('error') ? colour.red(summary) : all.length ? colour.yellow(summary) : colour.green(summary));
  return lines.join('\n');
}

async function writeReport(report: string, output: string | undefined): Promise<void> {
  if (!output) {
    out(report);
    return;
  }
  try {
    await fs.writeFile(output, `${report}\n`);
  } catch (e) {
    throw new InputError(`${output}: cannot write (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}
