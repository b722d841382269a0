import type { Finding, Rule } from './types';

/** DS505: with the ARG defaults, FROM's image reference is invalid (BuildKit InvalidDefaultArgInFrom). */
export const invalidDefaultArgInFrom: Rule = {
  code: 'DS505',
  name: 'invalid-default-arg-in-from',
  category: 'buildkit',
  defaultSeverity: 'warning',
  description: 'With the default values of its ARGs, a FROM image reference is empty or invalid.',
  buildkit: 'InvalidDefaultArgInFrom',
  check({ model }) {
    const out: Finding[] = [];
    for (const stage of model.stages) {
      const base = stage.base;
      if (base.kind !== 'image' || !base.text.includes('$')) continue;
      const empty = base.unresolved.filter((n) => model.globalArgs.has(n));
      if (!empty.length || empty.length !== base.unresolved.length) continue;
      const r = base.resolvedText;
      const invalid = !r || /(^[:@/])|([:@/]$)|\/\/|:\//.test(r) || /\s/.test(r) || r !== r.trim();
      if (!invalid) continue;
      out.push({
        range: base.range,
        message: `FROM ${base.text}: with the defaults of ARG ${empty.join(', ')} (empty), the image is '${r}', which is not a valid reference; give ${empty.length === 1 ? 'the ARG' : 'the ARGs'} a default`,
      });
    }
    return out;
  },
};
