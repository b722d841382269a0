/**
 * Every rule, in code order. The list itself is generated from the rule files (`registry.generated.ts`, written by
 * `npm run gen`): adding a rule is adding its file `dsNNN<Name>.ts` and its test (see CONTRIBUTING.md).
 */
import { CONTEXT_RULES, RULES } from './registry.generated';
import type { Rule } from './types';

export { CONTEXT_RULES, RULES };

export const ALL_RULES: readonly Rule[] = [...RULES, ...CONTEXT_RULES].sort((a, b) => a.code.localeCompare(b.code));

export function ruleByCode(code: string): Rule | undefined {
  return ALL_RULES.find((r) => r.code === code);
}
