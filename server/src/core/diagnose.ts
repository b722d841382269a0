/** Every diagnostic the core produces for a model: the standard validator's, then the rules'. */
import { Diagnostic } from 'vscode-languageserver-types';
import type { Settings } from '../../../common/settings';
import { clampRange, lineLengthsOf, type DockerfileModel } from './model';
import { standardDiagnostics } from './validate';
import { ruleDiagnostics } from './rules';

export function diagnose(model: DockerfileModel, settings: Settings): Diagnostic[] {
  const all = [...standardDiagnostics(model, settings), ...ruleDiagnostics(model, settings)];
  // No range past the document's end (the standard validator's "empty continuation line" at the end of a
  // file ends on the line after the last, and \r-only line ends shift some offsets).
  const lengths = lineLengthsOf(model);
  return all.map((d) => {
    const range = clampRange(d.range, lengths);
    return range === d.range ? d : { ...d, range };
  });
}
