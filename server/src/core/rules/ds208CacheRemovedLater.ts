import { DiagnosticTag } from 'vscode-languageserver-types';
import { installCommands, type Manager } from './packageManagers';
import type { Finding, Rule } from './types';

const CACHES: { manager: Manager; path: RegExp; label: string }[] = [
  { manager: 'apt', path: /^\/var\/lib\/apt\/lists|^\/var\/cache\/apt/, label: 'apt' },
  { manager: 'apk', path: /^\/var\/cache\/apk/, label: 'apk' },
  { manager: 'pip', path: /\.cache\/pip|^\/root\/\.cache/, label: 'pip' },
  { manager: 'npm', path: /\.npm(\/|$)|\.cache\/npm/, label: 'npm' },
  { manager: 'yum', path: /^\/var\/cache\/(yum|dnf)/, label: 'yum/dnf' },
];

/** The package cache a command removes, and how to name that command. */
function cleanupOf(program: string, args: string[]): { manager: Manager; label: string } | undefined {
  if (program === 'rm') {
    const target = args.find((a) => !a.startsWith('-'));
    const cache = target !== undefined ? CACHES.find((c) => c.path.test(target)) : undefined;
    return cache && { manager: cache.manager, label: `rm ${args.join(' ')}` };
  }
  if ((program === 'apt-get' || program === 'apt') && args.includes('clean')) return { manager: 'apt', label: `${program} clean` };
  if ((program === 'yum' || program === 'dnf') && args.includes('clean')) return { manager: 'yum', label: `${program} clean` };
  if (program === 'npm' && args[0] === 'cache') return { manager: 'npm', label: 'npm cache clean' };
  if (/^pip/.test(program) && args[0] === 'cache') return { manager: 'pip', label: 'pip cache purge' };
  return undefined;
}

/** DS208: a package cache removed in a later RUN than the one that filled it: the earlier layer keeps it. */
export const cacheRemovedLater: Rule = {
  code: 'DS208',
  name: 'cache-removed-in-later-layer',
  category: 'image size',
  defaultSeverity: 'warning',
  title: 'Cache removed in a later layer',
  fix: 'none',
  tags: ['package-cache', 'layers'],
  description: 'A package cache is removed in a later layer than the one that created it, which does not make the image smaller.',
  check({ model, analysis }) {
    const out: Finding[] = [];
    const stages = model.stages.filter((s) => analysis.finalChain.has(s.index));
    const installs = installCommands(analysis, stages);
    // Each RUN's cache cleanups, by manager: first all of them, so an install whose own RUN already cleans is not blamed.
    const cleanups: { instruction: (typeof installs)[number]['instruction']; manager: Manager; label: string; range: Finding['range'] }[] = [];
    for (const stage of stages) {
      for (const instruction of analysis.instructionsOf(stage, 'RUN')) {
        for (const cmd of analysis.commands(instruction)) {
          const found = cleanupOf(analysis.program(cmd), analysis.argTexts(cmd));
          if (!found) continue;
          const first = cmd.words[0];
          const last = cmd.words[cmd.words.length - 1];
          cleanups.push({ instruction, ...found, range: analysis.rangeOf(instruction, first.start, last.end) });
        }
      }
    }
    const cleaned = (instruction: unknown, manager: Manager) => cleanups.some((c) => c.instruction === instruction && c.manager === manager);
    for (const { instruction, manager, label, range } of cleanups) {
      const line = instruction.getRange().start.line;
      if (installs.some((i) => i.instruction === instruction && i.manager === manager)) continue;
      const earlier = installs.filter((i) => i.manager === manager && i.instruction.getRange().start.line < line && !cleaned(i.instruction, manager));
      if (!earlier.length) continue;
      out.push({
        range,
        message: `'${label}' in its own RUN does not shrink the image: the files stay in the layer of line ${earlier[earlier.length - 1].instruction.getRange().start.line + 1}; remove them in the RUN that creates them`,
        tags: [DiagnosticTag.Unnecessary],
      });
    }
    return out;
  },
};

/** The body of docs/rules/DS208.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

Each RUN is a layer. Deleting files in a later layer hides them but the earlier layer still carries them, so the image is not smaller. Clean up in the RUN that creates the files.

## Bad

\`\`\`dockerfile
FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl
RUN rm -rf /var/lib/apt/lists/*
\`\`\`

## Good

\`\`\`dockerfile
FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl \\
    && rm -rf /var/lib/apt/lists/*
\`\`\`

## Quick fix

None (tagged Unnecessary): move the cleanup into the installing RUN.
`;
