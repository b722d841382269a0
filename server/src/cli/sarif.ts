/**
 * SARIF 2.1.0 output of `lint --format sarif`, in the shape GitHub code scanning accepts: one run, the tool's
 * rules with helpUri, results with ruleId/ruleIndex/level/message and a physical location whose artifact uri
 * is relative to the working directory (uriBaseId %SRCROOT%) and whose region is 1-based.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Diagnostic } from 'vscode-languageserver-types';
import { collectRules, ruleId, severityName, SeverityName, PROJECT_URI } from './rules';

export interface LintedFile {
  /** Display path (or the name given for stdin). */
  path: string;
  diagnostics: Diagnostic[];
}

const LEVEL: Record<SeverityName, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** The artifact location of a file: relative to cwd (with %SRCROOT%) when inside it, else an absolute file URI. */
export function artifactLocation(file: string, cwd = process.cwd()): { uri: string; uriBaseId?: string } {
  const abs = path.resolve(cwd, file);
  const rel = path.relative(cwd, abs);
  if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) {
    return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
  }
  return { uri: pathToFileURL(abs).href };
}

export function toSarif(files: LintedFile[], toolVersion: string, cwd = process.cwd()): object {
  const all = files.flatMap((f) => f.diagnostics);
  const rules = collectRules(all);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results = files.flatMap((f) =>
    f.diagnostics.map((d) => {
      const id = ruleId(d);
      const { start, end } = d.range;
      return {
        ruleId: id,
        ruleIndex: ruleIndex.get(id),
        level: LEVEL[severityName(d)],
        message: { text: typeof d.message === 'string' ? d.message : String(d.message) },
        locations: [
          {
            physicalLocation: {
              artifactLocation: artifactLocation(f.path, cwd),
              region: {
                startLine: start.line + 1,
                startColumn: start.character + 1,
                endLine: end.line + 1,
                endColumn: end.character + 1,
              },
            },
          },
        ],
      };
    }),
  );
  const srcRoot = pathToFileURL(cwd).href.replace(/\/?$/, '/');
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'dockerfile-stages',
            version: toolVersion,
            informationUri: PROJECT_URI,
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id,
              shortDescription: { text: r.description },
              helpUri: r.helpUri,
              help: { text: `${r.description}\nSee ${r.helpUri}` },
              defaultConfiguration: { level: LEVEL[r.severity] },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: srcRoot } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}
