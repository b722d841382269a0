import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { setRuleDocsBase } from '../core';

/**
 * Points rule documentation links at the docs/rules pages shipped beside the bundle (dist/../docs/rules),
 * so a diagnostic's link opens the page offline, from the .vsix or the npm package alike.
 */
export function useShippedRuleDocs(): void {
  setRuleDocsBase(pathToFileURL(path.resolve(__dirname, '..', 'docs', 'rules')).toString());
}
