/** Every diagnostic the core produces for a model: the standard validator's, then the rules'. */
import { Diagnostic } from 'vscode-languageserver-types';
import type { Settings } from '../../../common/settings';
import type { DockerfileModel } from './model';
import { standardDiagnostics } from './validate';
import { ruleDiagnostics } from './rules';

export function diagnose(model: DockerfileModel, settings: Settings): Diagnostic[] {
  return [...standardDiagnostics(model, settings), ...ruleDiagnostics(model, settings)];
}
