import type { Instruction } from 'dockerfile-ast';
import type { Range } from 'vscode-languageserver-types';
import type { Analysis } from './analysis';
import { fix, replace } from './util';
import type { Finding, Rule } from './types';

/** DS508: `EXPOSE 80/TCP` (BuildKit ExposeProtoCasing): protocols are lowercase. */
export const exposeProtoCasing: Rule = {
  code: 'DS508',
  name: 'expose-proto-casing',
  category: 'buildkit',
  defaultSeverity: 'warning',
  title: 'EXPOSE protocol casing',
  fix: 'safe',
  tags: ['style'],
  description: 'The protocol in EXPOSE should be lowercase.',
  buildkit: 'ExposeProtoCasing',
  check({ model, analysis }) {
    const out: Finding[] = [];
    for (const instruction of analysis.instructionsWith('EXPOSE')) {
      for (const a of instruction.getArguments()) {
        const v = a.getValue();
        const m = /\/([A-Za-z]+)$/.exec(v);
        if (!m || m[1] === m[1].toLowerCase()) continue;
        const protoRange = protocolRange(analysis, instruction, a.getRange(), v, m[1].length);
        out.push({
          range: protoRange,
          message: `EXPOSE ${v}: write the protocol in lowercase ('${m[1].toLowerCase()}')`,
          fixes: protoRange.start.line === protoRange.end.line && analysis.textOf(protoRange) === m[1] ? [fix(`Write '${m[1].toLowerCase()}'`, [replace(protoRange, m[1].toLowerCase())], true)] : [],
        });
      }
    }
    return out;
  },
};

/**
 * Where the last `length` characters of an argument's value are in the document. The value may run over a
 * line continuation, so count in the instruction's logical text (continuations removed, each character
 * mapped back); when the argument cannot be found there, the whole argument.
 */
function protocolRange(analysis: Analysis, instruction: Instruction, argRange: Range, value: string, length: number): Range {
  const logical = analysis.logical(instruction);
  // Offsets increase: binary search for the argument's first character.
  const target = analysis.offsetAt(argRange.start);
  const first = logical.firstAtOrAfter(target);
  const start = first >= 0 && logical.offset(first) === target ? first : -1;
  if (start < 0 || logical.text.slice(start, start + value.length) !== value) return argRange;
  const end = start + value.length;
  return analysis.rangeOf(instruction, end - length, end);
}

/** The body of docs/rules/DS508.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

EXPOSE protocols are lowercase (BuildKit check ExposeProtoCasing).

## Bad

\`\`\`dockerfile
FROM alpine:3.20
EXPOSE 80/TCP
\`\`\`

## Good

\`\`\`dockerfile
FROM alpine:3.20
EXPOSE 80/tcp
\`\`\`

## Quick fix

Lowercases the protocol.
`;
