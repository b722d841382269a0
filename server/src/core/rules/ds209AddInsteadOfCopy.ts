import type { Add } from 'dockerfile-ast';
import { fix, replace } from './util';
import type { Finding, Rule } from './types';

const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|gz|bz2|xz)$/i;
const REMOTE = /^(https?:\/\/|git@|git:\/\/)/i;

/** DS209: ADD where COPY (local files) or a verified download (remote URL) fits. */
export const addInsteadOfCopy: Rule = {
  code: 'DS209',
  name: 'add-instead-of-copy',
  category: 'image size',
  defaultSeverity: 'info',
  title: 'ADD instead of COPY',
  fix: 'safe',
  tags: ['copy'],
  description: 'ADD of local files (COPY is explicit) or of a remote URL without --checksum.',
  hadolint: ['DL3020'],
  check({ model, analysis }) {
    const out: Finding[] = [];
    for (const stage of model.stages) {
      for (const instruction of analysis.instructionsOf(stage, 'ADD')) {
        const sources = analysis.sources(instruction);
        if (!sources.length || sources.some((s) => s.getValue().includes('$') || s.getValue().startsWith('<<'))) continue;
        const flags = (instruction as Add).getFlags().map((f) => f.getName().toLowerCase());
        const remote = sources.filter((s) => REMOTE.test(s.getValue()));
        if (remote.length) {
          if (flags.includes('checksum')) continue;
          out.push({
            range: remote[0].getRange(),
            message: `ADD ${remote[0].getValue()} downloads without verification and keeps the file in a layer: use ADD --checksum=sha256:… or RUN curl with a checksum check (and clean up in the same RUN)`,
          });
          continue;
        }
        if (sources.some((s) => ARCHIVE.test(s.getValue()))) continue; // ADD extracts local archives: that is its use
        const keyword = instruction.getInstruction();
        const copy = keyword === keyword.toLowerCase() ? 'copy' : 'COPY';
        const onlyCopyFlags = flags.every((f) => ['chown', 'chmod', 'link', 'exclude'].includes(f));
        // A pattern may match archives (`ADD vendor/* /opt/` extracts each tarball it matches): COPY would not.
        const pattern = sources.some((s) => /[*?[]/.test(s.getValue()));
        out.push({
          range: instruction.getInstructionRange(),
          message: `ADD ${sources.map((s) => s.getValue()).join(' ')} copies local files: use COPY (ADD also fetches URLs and extracts archives, which is easy to trigger by accident)`,
          fixes: onlyCopyFlags && !pattern ? [fix('Use COPY', [replace(instruction.getInstructionRange(), copy)], true)] : [],
        });
      }
    }
    return out;
  },
};

/** The body of docs/rules/DS209.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

ADD also downloads URLs and extracts local archives, which is easy to trigger by accident; COPY says what it does (hadolint DL3020). A remote URL without \`--checksum\` is downloaded unverified.

## Bad

\`\`\`dockerfile
FROM alpine:3.20
ADD app.py /app/
\`\`\`

## Good

\`\`\`dockerfile
FROM alpine:3.20
COPY app.py /app/
\`\`\`

## Quick fix

Replaces ADD with COPY for local, non-archive sources. Not offered for a pattern (\`ADD vendor/* /opt/\`): ADD extracts every archive it matches, COPY would not.
`;
