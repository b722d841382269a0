/**
 * "Show documentation for DS204": a code action on each of our diagnostics that runs the client's
 * `dockerfileStages.openRuleDocs` command (the bundled page in a Markdown preview: works offline and in remote
 * windows). Offered only to a client that declares the command (initialization option `ruleDocsCommand`); every
 * diagnostic's codeDescription.href is the public page for the others (common/ids.ts RULE_DOCS_BASE).
 */
import { CodeAction, CodeActionKind } from 'vscode-languageserver';
import { Commands, DIAGNOSTIC_SOURCE } from '../../../../common/ids';
import type { Feature } from './feature';

export const ruleDocs: Feature = {
  name: 'ruleDocs',
  register(ctx) {
    if (!ctx.clientOffersRuleDocsCommand) return {};
    ctx.contributions.codeActions.push((_a, params) => {
      const out: CodeAction[] = [];
      const seen = new Set<string>();
      for (const d of params.context.diagnostics) {
        if (d.source !== DIAGNOSTIC_SOURCE || typeof d.code !== 'string' || seen.has(d.code)) continue;
        seen.add(d.code);
        out.push({ title: `Show documentation for ${d.code}`, kind: CodeActionKind.QuickFix, diagnostics: [d], command: { title: `Show documentation for ${d.code}`, command: Commands.openRuleDocs, arguments: [d.code] } });
      }
      return out;
    });
    return {};
  },
};
