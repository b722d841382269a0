/**
 * "Build stage 'name'" above each `FROM … AS name`: a CodeLens that runs the client's
 * `dockerfileStages.buildStage` command (client/src/features/buildStage.ts) with the stage, the Dockerfile and
 * the build context (a Compose or Bake entry's that builds this Dockerfile, else the Dockerfile's folder).
 * Offered only to a client that declared the command (initializationOptions.commands), only in a trusted
 * workspace, only for files on disk: nothing runs without a click.
 */
import { CodeLens } from 'vscode-languageserver';
import { Commands } from '../../../../common/ids';
import type { BuildStageCommandArgs } from '../../../../common/protocol';
import { buildFileIndex } from './buildFiles';
import { uriToPath } from './contextRules';
import type { Feature } from './feature';

export const buildStageLens: Feature = {
  name: 'buildStageLens',
  register(ctx) {
    ctx.contributions.codeLenses.push(async (a) => {
      if (!ctx.trusted || !ctx.clientCommands.includes(Commands.buildStage)) return [];
      const path = uriToPath(a.document.uri);
      const named = a.model.stages.filter((s) => s.name);
      if (!path || !named.length) return [];
      const fromBuildFile = await buildFileIndex(ctx).contextFor(path);
      const context = fromBuildFile?.context ?? path.slice(0, Math.max(1, path.lastIndexOf('/')));
      return named.map((s): CodeLens => {
        const line = s.from.getRange().start.line;
        const args: BuildStageCommandArgs = { uri: a.document.uri, stage: s.name!, line, context, contextSource: fromBuildFile?.source };
        return {
          range: { start: { line, character: 0 }, end: { line, character: 0 } },
          command: { title: `$(tools) Build stage '${s.name}'`, command: Commands.buildStage, arguments: [args] },
        };
      });
    });
    return {};
  },
};
