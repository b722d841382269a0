/**
 * Stage navigation (the service's definition, references, highlights, prepareRename, rename) for stage names
 * and numeric stage references. Contributors: elsewhere the standard service answers.
 */
import { ErrorCodes, Location, ResponseError, WorkspaceEdit } from 'vscode-languageserver';
import type { Feature } from './feature';

export const stageNavigation: Feature = {
  name: 'stageNavigation',
  register(ctx) {
    const c = ctx.contributions;
    const { stages } = ctx;
    c.definition.push((a, position) => {
      const range = stages.definition(a.document, position);
      return range ? Location.create(a.document.uri, range) : undefined;
    });
    c.references.push((a, position) => stages.references(a.document, position)?.map((r) => Location.create(a.document.uri, r)));
    c.documentHighlight.push((a, position) => stages.highlights(a.document, position));
    c.prepareRename.push((a, position) => stages.prepareRename(a.document, position));
    c.rename.push((a, position, newName) => {
      const result = stages.rename(a.document, position, newName);
      if (!result) return undefined;
      // A refused rename is answered with an error the editor shows (the JSON-RPC layer sends a returned
      // ResponseError as the error response); the contributor type has no other way to say it.
      if ('error' in result) return new ResponseError(ErrorCodes.InvalidRequest, `Cannot rename the stage: ${result.error}`) as unknown as WorkspaceEdit;
      return { changes: { [a.document.uri]: result.edits } };
    });
    return {};
  },
};
