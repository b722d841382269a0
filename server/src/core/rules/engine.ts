/**
 * The rule engine: runs every rule over a model, applies the per-rule severity settings and the suppression
 * comments, and turns findings into diagnostics (source `dockerfile-stages`, code `DSnnn`, a link to
 * docs/rules/<code>.md). Fixes stay with the results so the code-action layer can offer them.
 */
import { inferContextDir } from './buildContext';
import { Diagnostic, DiagnosticSeverity, TextEdit } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DIAGNOSTIC_SOURCE, RULE_DOCS_BASE } from '../../../../common/ids';
import type { RuleSeverity, Settings, Severity } from '../../../../common/settings';
import { comparePosition, type DockerfileModel } from '../model';
import { analysisOf, type Analysis } from './analysis';
import { createModelMemo } from '../modelMemo';
import { CONTEXT_RULES, RULES, compareRuleCodes } from './registry';
import { Suppressions } from './suppression';
import type { ContextInfo, ContextRule, Finding, Rule, RuleFix } from './types';

export interface RuleResult {
  rule: Rule;
  finding: Finding;
  severity: Exclude<Severity, 'off'>;
  diagnostic: Diagnostic;
}

export interface RunOptions {
  /** Rules to run (default: all). */
  rules?: readonly Rule[];
  /** Called when a rule throws; the rule's findings are dropped and the others still run. */
  onError?: (rule: Rule, error: unknown) => void;
}

const LSP_SEVERITY: Record<Exclude<Severity, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** A rule's public page (the diagnostic's codeDescription; VS Code opens the bundled copy instead: lsp/features/ruleDocs.ts). */
export function ruleDocsUrl(code: string): string {
  return `${RULE_DOCS_BASE}${code}.md`;
}

/** The severity a rule runs with under the settings, or 'off'. */
export function effectiveSeverity(rule: Rule, settings: Settings): Severity {
  const configured = (settings.rules as Record<string, RuleSeverity> | undefined)?.[rule.code];
  return !configured || configured === 'default' ? rule.defaultSeverity : configured;
}

const cache = createModelMemo<{ settings: Settings; results: RuleResult[] }>();

/** All rule results for a model (cached per model and settings object). */
export function runRules(model: DockerfileModel, settings: Settings, options: RunOptions = {}): RuleResult[] {
  const cacheable = !options.rules && !options.onError;
  if (cacheable) {
    const hit = cache.get(model);
    if (hit && hit.settings === settings) return hit.results;
  }
  const results: RuleResult[] = [];
  if (!model.binary) {
    const analysis = analysisOf(model);
    const add = collector(model, analysis, results);
    for (const rule of options.rules ?? RULES) {
      const severity = effectiveSeverity(rule, settings);
      if (severity === 'off') continue;
      let findings: Finding[];
      try {
        findings = rule.check({ model, settings, analysis });
      } catch (e) {
        options.onError?.(rule, e);
        continue;
      }
      add(rule, severity, findings);
    }
    results.sort((a, b) => comparePosition(a.finding.range.start, b.finding.range.start) || compareRuleCodes(a.rule.code, b.rule.code));
  }
  if (cacheable) cache.set(model, { settings, results });
  return results;
}

/** The context rules' results (they read the files next to the Dockerfile through the host). */
export async function runContextRules(model: DockerfileModel, settings: Settings, context: ContextInfo, options: { rules?: readonly ContextRule[]; onError?: RunOptions['onError'] } = {}): Promise<RuleResult[]> {
  const results: RuleResult[] = [];
  if (model.binary) return results;
  const analysis = analysisOf(model);
  const add = collector(model, analysis, results);
  context = { ...context, contextDir: context.contextDir ?? (await inferContextDir(model, context.host, context.dockerfilePath)) };
  for (const rule of options.rules ?? CONTEXT_RULES) {
    const severity = effectiveSeverity(rule, settings);
    if (severity === 'off') continue;
    let findings: Finding[];
    try {
      findings = await rule.checkContext({ model, settings, analysis }, context);
    } catch (e) {
      options.onError?.(rule, e);
      continue;
    }
    add(rule, severity, findings);
  }
  return results;
}

/** Adds a rule's findings to `results` as diagnostics, but those a suppression comment silences (read when first needed). */
function collector(model: DockerfileModel, analysis: Analysis, results: RuleResult[]): (rule: Rule, severity: Exclude<Severity, 'off'>, findings: Finding[]) => void {
  let suppressions: Suppressions | undefined;
  return (rule, severity, findings) => {
    for (const finding of findings) {
      suppressions ??= new Suppressions(model, analysis);
      if (suppressions.isSuppressed(rule, finding.range.start.line)) continue;
      results.push({ rule, finding, severity, diagnostic: toDiagnostic(rule, finding, severity) });
    }
  };
}

export function ruleDiagnostics(model: DockerfileModel, settings: Settings): Diagnostic[] {
  return runRules(model, settings).map((r) => r.diagnostic);
}

function toDiagnostic(rule: Rule, finding: Finding, severity: Exclude<Severity, 'off'>): Diagnostic {
  const d: Diagnostic = {
    range: finding.range,
    severity: LSP_SEVERITY[severity],
    source: DIAGNOSTIC_SOURCE,
    code: rule.code,
    codeDescription: { href: ruleDocsUrl(rule.code) },
    message: finding.message,
    data: { rule: rule.name, ...(finding.data ?? {}), fixable: !!finding.fixes?.length },
  };
  if (finding.tags?.length) d.tags = finding.tags;
  return d;
}

/** Whether a result is the one a diagnostic (as the client sent it back) stands for. */
export function sameDiagnostic(result: RuleResult, d: Diagnostic): boolean {
  return (
    d.code === result.rule.code &&
    comparePosition(d.range.start, result.finding.range.start) === 0 &&
    comparePosition(d.range.end, result.finding.range.end) === 0 &&
    d.message === result.finding.message
  );
}

/** Applies edits to a text (edits must not overlap). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'dockerfile', 0, text), edits);
}

/** The safe fixes of all results, with overlapping edits dropped (the earlier fix in the document wins). */
export function fixAllEdits(results: RuleResult[]): { edits: TextEdit[]; fixes: RuleFix[] } {
  const taken: TextEdit[] = [];
  const fixes: RuleFix[] = [];
  for (const r of results) {
    const fix = r.finding.fixes?.find((f) => f.safe);
    if (!fix) continue;
    if (fix.edits.some((e) => taken.some((t) => overlaps(t, e)))) continue;
    taken.push(...fix.edits);
    fixes.push(fix);
  }
  return { edits: taken, fixes };
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  // Two inserts at the same point also conflict (their order would be arbitrary).
  return comparePosition(a.range.start, b.range.end) <= 0 && comparePosition(b.range.start, a.range.end) <= 0;
}
