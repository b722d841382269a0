/**
 * Every rule, in code order. The list itself is generated from the rule files (`registry.generated.ts`, written by
 * `npm run gen`): adding a rule is adding its file `dsNNN<Name>.ts` and its test (see CONTRIBUTING.md).
 */
import { CONTEXT_RULES, RULES } from './registry.generated';
import type { Rule } from './types';

export { CONTEXT_RULES, RULES };

/**
 * Rule codes (`DS101`) in code-unit order: the same order as localeCompare for these ASCII codes, without the
 * first localeCompare of the process setting up ICU's collation (about 5 ms of the server's start).
 */
export function compareRuleCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const ALL_RULES: readonly Rule[] = [...RULES, ...CONTEXT_RULES].sort((a, b) => compareRuleCodes(a.code, b.code));

export function ruleByCode(code: string): Rule | undefined {
  return ALL_RULES.find((r) => r.code === code);
}
