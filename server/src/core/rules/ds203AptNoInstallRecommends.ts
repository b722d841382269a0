import { keywordOf } from '../model';
import { anyWord } from '../commands';
import { fix, insert, reachNote } from './util';
import { hasFlag, installCommands } from './packageManagers';
import type { Finding, Rule } from './types';

/** DS203: `apt-get install` without `--no-install-recommends` in the final image. */
export const aptNoInstallRecommends: Rule = {
  code: 'DS203',
  name: 'apt-no-install-recommends',
  category: 'image size',
  defaultSeverity: 'warning',
  title: 'apt-get install without --no-install-recommends',
  fix: 'suggested',
  tags: ['apt', 'package-cache'],
  description: "apt-get install without --no-install-recommends installs recommended packages you did not ask for.",
  hadolint: ['DL3015'],
  check({ model, analysis }) {
    const out: Finding[] = [];
    const stages = model.stages.filter((s) => analysis.finalChain.has(s.index));
    // APT::Install-Recommends set by a RUN (`echo '…' > /etc/apt/apt.conf.d/…`, `-o APT::Install-Recommends=0`) or in
    // a file another instruction writes (a COPY heredoc: file contents, not commands, so its text is read).
    const configured = stages.some((s) =>
      s.instructions.some((i) => (keywordOf(i) === 'RUN' ? anyWord(analysis.commands(i), /Install-Recommends/i) : keywordOf(i) !== 'FROM' && /Install-Recommends/i.test(analysis.logical(i).text))),
    );
    if (configured) return out;
    for (const c of installCommands(analysis, stages)) {
      if (c.manager !== 'apt' || hasFlag(c.args, '--no-install-recommends') || c.args.some((a) => /Install-Recommends/i.test(a.text))) continue;
      const range = analysis.rangeOf(c.instruction, c.verb.start, c.verb.end);
      out.push({
        range,
        message: `'${c.command.words.map((w) => w.text).slice(0, 3).join(' ')}' installs recommended packages too${reachNote(model, model.stageOf(c.instruction)!)}: add --no-install-recommends`,
        fixes: [fix('Add --no-install-recommends', [insert(range.end, ' --no-install-recommends')], false)],
      });
    }
    return out;
  },
};

/** The body of docs/rules/DS203.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

apt installs "recommended" packages by default, often tens of MB you did not ask for (hadolint DL3015).

## Bad

\`\`\`dockerfile
FROM debian:12-slim
RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
\`\`\`

## Good

\`\`\`dockerfile
FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
\`\`\`

## Quick fix

Inserts \`--no-install-recommends\` after \`install\`.
`;
