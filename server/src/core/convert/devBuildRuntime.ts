/**
 * Split into dev / build / runtime: a `dev` stage with the toolchain and the dependencies (for local work:
 * `docker build --target dev`), a `build` stage FROM dev that builds, and the runtime stage of the
 * multi-stage recipe. Same guarantees: original instructions, comments and runtime config kept.
 */
import { withoutStageName } from '../text';
import type { DockerfileModel } from '../model';
import { joinLines, finish, planMultiStage } from './multiStage';
import { withLeading } from './layout';
import { commandsOf, type Analysis } from './analyze';
import type { ConversionOutcome, ConvertOptions, Item } from './types';
import { dependencyInstallOf, stackLabel } from '../stacks';
import { tooLargeToConvert } from './limits';

/** Instructions that copy the whole build context (`COPY . .`). */
function copiesEverything(args: string): boolean {
  const words = args.split(/\s+/).filter((w) => !w.startsWith('--'));
  return words.slice(0, -1).some((w) => w === '.' || w === './' || w === '*');
}

export function splitDevBuildRuntime(model: DockerfileModel, options: ConvertOptions = {}): ConversionOutcome {
  const tooLarge = tooLargeToConvert(model, 'devBuildRuntime');
  if (tooLarge) return tooLarge;
  const plan = planMultiStage(model, options, 'default');
  if (typeof plan === 'string') return { kind: 'devBuildRuntime', reason: plan };
  const a = plan.analysis;
  const eol = a.layout.eol;
  if (plan.buildStage.toLowerCase() === 'dev') return { kind: 'devBuildRuntime', reason: "the stage is already named 'dev'" };
  // The dev stage ends before the first build step that is not a dependency install (the dev stage has the
  // dependencies: `pip install -r requirements.txt` stays in it); the build stage (FROM dev) runs the rest.
  const builds = plan.detection.buildSteps.filter((p) => !isDependencyInstall(a, a.items.find((i) => i.position === p)!));
  if (!builds.length && plan.recipe.stack === 'node') return { kind: 'devBuildRuntime', reason: 'the Node app has no build step: a dev stage would hold the whole build (the multi-stage conversion applies)' };
  const firstBuild = builds.length ? Math.min(...builds) : Math.max(...plan.detection.buildSteps) + 1;
  const [fromSegment, ...segments] = plan.buildSegments;
  const fromItem = a.items[0];
  const fromLine = `${(a.stage.name ? withoutStageName(fromItem.text) : undefined) ?? fromItem.text.trimEnd()} AS dev`;
  const devLines: string[] = [...fromSegment.lines.slice(0, -1), fromLine, ...segments.filter((x) => x.position < firstBuild).flatMap((x) => x.lines)];
  const stageLines: string[] = ['', '# Build stage: compiles on top of the dev stage.', `FROM dev AS ${plan.buildStage}`, ...segments.filter((x) => x.position >= firstBuild).flatMap((x) => x.lines)];
  const items = a.items.slice(1);
  const everything = items.some((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && i.position < firstBuild && copiesEverything(i.args));
  const notes = [
    '`docker build --target dev` gives the toolchain with the dependencies installed, for local work (mount the sources over the app directory).',
    ...(everything ? [] : ['The sources are copied in the build stage only.']),
    ...plan.recipe.notes,
  ];
  const lines = [...a.layout.header, ...a.globalItems.map((i) => withLeading(i, eol)), '# Dev stage: the toolchain and the dependencies, for local work.', ...devLines, ...stageLines, '', ...plan.finalLines, ...a.layout.trailer];
  return finish(model, options, {
    kind: 'devBuildRuntime',
    title: `Split into dev/build/runtime stages (${stackLabel(plan.recipe.stack)})`,
    stack: plan.recipe.stack,
    text: joinLines(lines, eol, a.layout.finalNewline),
    notes,
    placeholders: plan.recipe.placeholders,
    artifacts: plan.artifacts,
    configChanges: plan.recipe.configChanges,
    ...(plan.droppedLines.length ? { droppedLines: plan.droppedLines } : {}),
  });
}

/** A RUN that installs dependencies (pip -r, poetry/pipenv/uv sync, npm ci) and not the project itself: it belongs to the dev stage. */
function isDependencyInstall(a: Analysis, item: Item): boolean {
  const installs = commandsOf(a, item).map(dependencyInstallOf);
  return installs.includes('dependencies') && !installs.includes('project');
}
