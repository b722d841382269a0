/**
 * Stage navigation (core/navigation): go to definition, references, document highlight and rename for
 * stage names and numeric stage references. Contributors: elsewhere the standard service answers.
 */
import { ErrorCodes, Location, ResponseError, WorkspaceEdit } from 'vscode-languageserver';
import { prepareStageRename, renameStage, stageDefinition, stageHighlights, stageReferences } from '../../core';
import type { Feature } from './feature';

export const stageNavigation: Feature = {
  name: 'stageNavigation',
  register(ctx) {
    const c = ctx.contributions;
    c.definition.push((a, position) => {
      const range = stageDefinition(a.model, position);
      return range ? Location.create(a.document.uri, range) : undefined;
    });
    c.references.push((a, position) => stageReferences(a.model, position)?.map((r) => Location.create(a.document.uri, r)));
    c.documentHighlight.push((a, position) => stageHighlights(a.model, position));
    c.prepareRename.push((a, position) => prepareStageRename(a.model, position)?.range);
    c.rename.push((a, position, newName) => {
      const result = renameStage(a.model, position, newName);
      if (!result) return undefined;
      // A refused rename is answered with an error the editor shows (the JSON-RPC layer sends a returned
      // ResponseError as the error response); the contributor type has no other way to say it.
      if ('error' in result) return new ResponseError(ErrorCodes.InvalidRequest, `Cannot rename the stage: ${result.error}`) as unknown as WorkspaceEdit;
      return { changes: { [a.document.uri]: result.edits } };
    });
    return {};
  },
};
