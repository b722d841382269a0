import { DiagnosticTag } from 'vscode-languageserver-types';
import { keywordOf } from '../model';
import { argsOf, programOf } from './analysis';
import { installCommands, type Manager } from './packageManagers';
import type { Finding, Rule } from './types';

const CACHES: { manager: Manager; path: RegExp; label: string }[] = [
  { manager: 'apt', path: /^\/var\/lib\/apt\/lists|^\/var\/cache\/apt/, label: 'apt' },
  { manager: 'apk', path: /^\/var\/cache\/apk/, label: 'apk' },
  { manager: 'pip', path: /\.cache\/pip|^\/root\/\.cache/, label: 'pip' },
  { manager: 'npm', path: /\.npm(\/|$)|\.cache\/npm/, label: 'npm' },
  { manager: 'yum', path: /^\/var\/cache\/(yum|dnf)/, label: 'yum/dnf' },
];

/** DS208: a package cache removed in a later RUN than the one that filled it: the earlier layer keeps it. */
export const cacheRemovedLater: Rule = {
  code: 'DS208',
  name: 'cache-removed-in-later-layer',
  category: 'image size',
  defaultSeverity: 'warning',
  description: 'A package cache is removed in a later layer than the one that created it, which does not make the image smaller.',
  check({ model, analysis }) {
    const out: Finding[] = [];
    const stages = model.stages.filter((s) => analysis.finalChain.has(s.index));
    const installs = installCommands(analysis, stages);
    for (const stage of stages) {
      for (const instruction of stage.instructions) {
        if (keywordOf(instruction) !== 'RUN') continue;
        const line = instruction.getRange().start.line;
        for (const cmd of analysis.commands(instruction)) {
          const program = programOf(cmd);
          const args = argsOf(cmd);
          let manager: Manager | undefined;
          let label = '';
          if (program === 'rm') {
            const target = args.find((a) => !a.text.startsWith('-'));
            const cache = target && CACHES.find((c) => c.path.test(target.text));
            if (cache) [manager, label] = [cache.manager, `rm ${args.map((a) => a.text).join(' ')}`];
          } else if ((program === 'apt-get' || program === 'apt') && args.some((a) => a.text === 'clean')) [manager, label] = ['apt', `${program} clean`];
          else if ((program === 'yum' || program === 'dnf') && args.some((a) => a.text === 'clean')) [manager, label] = ['yum', `${program} clean`];
          else if (program === 'npm' && args[0]?.text === 'cache') [manager, label] = ['npm', 'npm cache clean'];
          else if (/^pip/.test(program) && args[0]?.text === 'cache') [manager, label] = ['pip', 'pip cache purge'];
          if (!manager) continue;
          const sameRun = installs.some((i) => i.instruction === instruction && i.manager === manager);
          if (sameRun) continue;
          const earlier = installs.filter((i) => i.manager === manager && i.instruction.getRange().start.line < line);
          if (!earlier.length) continue;
          const first = cmd.words[0];
          const last = cmd.words[cmd.words.length - 1];
          out.push({
            range: analysis.rangeOf(instruction, first.start, last.end),
            message: `'${label}' in its own RUN does not shrink the image: the files stay in the layer of line ${earlier[earlier.length - 1].instruction.getRange().start.line + 1}; remove them in the RUN that creates them`,
            tags: [DiagnosticTag.Unnecessary],
          });
        }
      }
    }
    return out;
  },
};
