/**
 * "Build this stage" (issue 21): the `dockerfileStages.buildStage` command, run from the server's
 * "Build stage 'name'" CodeLens (server/src/lsp/features/buildStageLens.ts) or the palette. It runs the
 * user's docker, podman or buildah (`dockerfileStages.verify.builder`, shared with Verify conversion) as
 * `build --target <stage> -f <Dockerfile> -t dockerfile-stages/<stage>:latest <context>` in a VS Code task, so
 * the progress is in the terminal; when the task succeeds, it reads the image's size, shows it next to the
 * estimate and tells the server (`dockerfileStages/measuredSize`). Nothing runs without a click, and never
 * in an untrusted workspace.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { BUILD_TASK_TYPE, Commands, LANGUAGE_ID, SETTINGS_SECTION } from '../../../common/ids';
import { formatBytes } from '../../../common/format';
import { EstimateRequest, MeasuredSizeNotification, type BuildStageCommandArgs, type EstimateResult, type MeasuredSizeParams } from '../../../common/protocol';
import { defaultClientSettings, type VerifyBuilder } from '../../../common/settings';
import { buildCommandLine, chooseBuilder, imageTagFor, inspectCommandLine, parseImageSize, type ConcreteBuilder } from './buildInvocation';
import type { ClientContext, ClientFeature } from './feature';

function onPath(name: string): boolean {
  const exts = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && exts.some((e) => existsSync(path.join(dir, name + e))));
}

function run(command: string, args: string[], timeout = 30_000): Promise<string> {
  return new Promise((resolve, reject) => execFile(command, args, { encoding: 'utf8', timeout }, (err, stdout, stderr) => (err ? reject(new Error(stderr.trim() || err.message)) : resolve(stdout))));
}

/** Whether a builder can run here: on the PATH, and for docker, its daemon answers (`docker info`). */
async function usable(name: ConcreteBuilder): Promise<boolean> {
  if (!onPath(name)) return false;
  if (name !== 'docker') return true;
  return run('docker', ['info', '--format', '{{.ServerVersion}}'], 5_000).then(
    () => true,
    () => false,
  );
}

/** The lens arguments for the active Dockerfile: from the server's lenses (one per named stage). */
async function pickStage(): Promise<BuildStageCommandArgs | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== LANGUAGE_ID) {
    void vscode.window.showErrorMessage('Build this stage: open a Dockerfile first.');
    return undefined;
  }
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri)) ?? [];
  const stages = lenses.map((l) => l.command).filter((c) => c?.command === Commands.buildStage).map((c) => c!.arguments![0] as BuildStageCommandArgs);
  if (!stages.length) {
    void vscode.window.showErrorMessage(`Build this stage: ${path.basename(editor.document.uri.fsPath)} has no named stage (FROM … AS name), or it is not a file on disk.`);
    return undefined;
  }
  const cursor = editor.selection.active.line;
  const current = [...stages].reverse().find((s) => s.line <= cursor) ?? stages[0];
  if (stages.length === 1) return stages[0];
  const items = stages.map((s) => ({ label: s.stage, description: `line ${s.line + 1}`, args: s }));
  const picked = await vscode.window.showQuickPick(
    items.sort((a, b) => (a.args === current ? -1 : b.args === current ? 1 : 0)),
    { title: 'Build which stage?', placeHolder: `Stages of ${path.basename(editor.document.uri.fsPath)}` },
  );
  return picked?.args;
}

/** Runs the build as a task and resolves with its exit code (undefined when it could not be told). */
async function runBuildTask(args: BuildStageCommandArgs, builder: ConcreteBuilder, dockerfile: string, context: string, image: string): Promise<number | undefined> {
  const line = buildCommandLine(builder, args.stage, dockerfile, context, image);
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(args.uri));
  const task = new vscode.Task(
    { type: BUILD_TASK_TYPE, stage: args.stage, dockerfile, context },
    folder ?? vscode.TaskScope.Workspace,
    `Build stage '${args.stage}'${args.contextSource ? ` (context from ${args.contextSource})` : ''}`,
    'Dockerfile Stages',
    new vscode.ShellExecution(line.command, line.args, { cwd: context }),
  );
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, panel: vscode.TaskPanelKind.Dedicated, clear: true };
  const ended = new Promise<number | undefined>((resolve) => {
    const sub = vscode.tasks.onDidEndTaskProcess((e) => {
      const d = e.execution.task.definition;
      if (d.type === BUILD_TASK_TYPE && d.stage === args.stage && d.dockerfile === dockerfile) {
        sub.dispose();
        resolve(e.exitCode);
      }
    });
  });
  await vscode.tasks.executeTask(task);
  return ended;
}

export const buildStage: ClientFeature = {
  name: 'buildStage',
  activate(ctx: ClientContext) {
    const command = vscode.commands.registerCommand(Commands.buildStage, async (given?: BuildStageCommandArgs) => {
      if (!vscode.workspace.isTrusted) {
        void vscode.window.showErrorMessage('Build this stage runs a container builder, so it is disabled in an untrusted workspace. Trust the workspace to use it.');
        return;
      }
      const args = given && typeof given.stage === 'string' && typeof given.uri === 'string' ? given : await pickStage();
      if (!args) return;
      const uri = vscode.Uri.parse(args.uri);
      if (uri.scheme !== 'file') {
        void vscode.window.showErrorMessage(`Build this stage: ${uri.toString()} is not a file on disk.`);
        return;
      }
      const dockerfile = uri.fsPath;
      const context = args.context ? path.normalize(args.context) : path.dirname(dockerfile);
      const setting = vscode.workspace.getConfiguration(SETTINGS_SECTION, uri).get<VerifyBuilder>('verify.builder', defaultClientSettings.verify.builder);
      const builder = await chooseBuilder(setting, usable);
      if (!builder) {
        void vscode.window.showErrorMessage('Build this stage: no builder found (docker with a running daemon, podman or buildah on the PATH). Install one, or set dockerfileStages.verify.builder.');
        return;
      }
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (document?.isDirty && !(await document.save())) return;
      const image = imageTagFor(args.stage);
      ctx.log.info(`building stage '${args.stage}' of ${dockerfile} with ${builder} (context ${context}) as ${image}`);
      const exitCode = await runBuildTask(args, builder, dockerfile, context, image);
      if (exitCode !== 0) {
        void vscode.window.showErrorMessage(`Building stage '${args.stage}' of ${path.basename(dockerfile)} failed${exitCode === undefined ? '' : ` (${builder} exited with ${exitCode})`}: see the terminal.`);
        return;
      }
      const inspect = inspectCommandLine(builder, image);
      let bytes: number | undefined;
      try {
        bytes = parseImageSize(builder, await run(inspect.command, inspect.args));
      } catch (e) {
        ctx.log.warn(`reading the size of ${image}: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (bytes === undefined) {
        void vscode.window.showWarningMessage(`Stage '${args.stage}' built as ${image}, but its size could not be read from ${builder}.`);
        return;
      }
      const params: MeasuredSizeParams = { uri: args.uri, stage: args.stage, bytes, image, builtAt: new Date().toISOString() };
      const client = ctx.client();
      let estimateText = '';
      if (client) {
        void client.sendNotification(MeasuredSizeNotification, params).catch(() => undefined);
        try {
          const est = await client.sendRequest<EstimateResult>(EstimateRequest, { textDocument: { uri: args.uri } });
          const stage = est.stages.find((s) => s.name?.toLowerCase() === args.stage.toLowerCase());
          if (stage) estimateText = ` The estimate was \u2248 ${formatBytes(stage.uncompressedBytes)} (${formatBytes(stage.uncompressedLow)}\u2013${formatBytes(stage.uncompressedHigh)}).`;
        } catch (e) {
          ctx.log.warn(`estimate for the comparison: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      void vscode.window.showInformationMessage(`Stage '${args.stage}' built as ${image}: ${formatBytes(bytes)} (measured by ${builder}).${estimateText}`);
    });
    return [command];
  },
};
