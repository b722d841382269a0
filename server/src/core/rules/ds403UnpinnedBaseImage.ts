import { formatImageName } from '../imageRef';
import { NameMatcher, namedCountBefore } from './util';
import type { Finding, Rule } from './types';

/** DS403: FROM without a tag (means `latest`) or with `latest`: the build changes when the tag moves. */
export const unpinnedBaseImage: Rule = {
  code: 'DS403',
  name: 'unpinned-base-image',
  category: 'security',
  defaultSeverity: 'warning',
  title: 'Unpinned base image',
  fix: 'none',
  tags: ['base-image'],
  description: "A base image has no tag or the 'latest' tag, so the build changes when the tag moves.",
  hadolint: ['DL3006', 'DL3007'],
  check({ model }) {
    const out: Finding[] = [];
    const matcher = new NameMatcher(model.stages.filter((s) => s.name).map((s) => s.name!));
    const namedBefore = namedCountBefore(model.stages);
    for (const stage of model.stages) {
      const base = stage.base;
      if (base.kind !== 'image' || !base.name || base.name.digest || base.unresolved.length) continue;
      // A bare word close to a stage name is DS101's; a later stage's name is DS102's.
      if (model.stagesByKey.has(base.resolvedText.toLowerCase())) continue;
      if (!/[:/@.]/.test(base.resolvedText) && matcher.closest(base.resolvedText, { before: namedBefore[stage.index] })) continue;
      const tag = base.name.tag;
      if (tag && tag !== 'latest') continue;
      // The tag is written with build arguments (`:${GO_VERSION}-${PLAT}`): it is chosen at build time, even where
      // a placeholder default or a `${VAR/pattern/replacement}` makes the resolved text unreadable.
      if (!tag && /:[^/@]*\$/.test(base.text.replace(/^.*?\/(?=[^/]*$)/, ''))) continue;
      out.push({
        range: base.range,
        message: tag
          ? `'${formatImageName(base.name)}' moves with every release: pin a version tag (or a digest)`
          : `'${formatImageName(base.name)}' has no tag, which means 'latest' and moves with every release: pin a version tag (or a digest)`,
      });
    }
    return out;
  },
};

/** The body of docs/rules/DS403.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

No tag means \`latest\`; \`latest\` moves with every release, so the same Dockerfile builds different images over time (hadolint DL3006, DL3007).

## Bad

\`\`\`dockerfile
FROM ubuntu
USER nobody
\`\`\`

## Good

\`\`\`dockerfile
FROM ubuntu:24.04
USER nobody
\`\`\`

## Quick fix

None: choose the version.
`;
