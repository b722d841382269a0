/**
 * Single-stage -> multi-stage: the build stage keeps the original instructions on the original base,
 * the final stage starts from the recipe's small base, copies exactly the artifacts, and repeats the
 * original runtime config in order. Every original instruction and comment is kept; nothing is offered
 * unless the validator accepts the result.
 */
import type { DockerfileModel } from '../model';
import { Analysis, analyse, commandsOf, installsWithStaleLists, isCleanupOnly, isRuntimeSetup } from './analyze';
import { Detection, detectStack } from './detect';
import { defaultWorkdir, resolvePath, withLeading } from './layout';
import { RECIPES } from './recipes';
import type { Recipe, RecipeInput, RecipePlan } from './recipes/recipe';
import { nodeInstallSteps, nodeServer } from './recipes/node';
import { installLine } from './recipes/common';
import { contextHoldsOnlySources, contextCopies, lineOf, lostWritesReason, runtimeContextCopies, runtimePackages, safeDestination, superseded, toolImageReason, userReason, within } from './soundness';
import { runArtifact } from './recipes/runArtifact';
import type { Artifact, Conversion, ConversionKind, ConversionOutcome, ConvertOptions, Item } from './types';
import { profileOfStack, PROFILES, stackLabel, type StackId } from '../stacks';
import { logicalOf, programIndex, runCommands } from '../commands';
import { validateConversion, ValidateOptions } from './validate';
import { escapeRegExp } from '../text';
import { tooLargeToConvert } from './limits';

/** Keywords that only configure the image at run time: they go to the final stage. */
const FINAL_ONLY = new Set(['CMD', 'ENTRYPOINT', 'EXPOSE', 'HEALTHCHECK', 'VOLUME', 'STOPSIGNAL', 'LABEL', 'MAINTAINER', 'ONBUILD']);
/** Keywords that matter to the build and to the runtime: kept in the build stage and repeated in the final one. */
const BOTH = new Set(['WORKDIR', 'ENV', 'ARG', 'SHELL', 'USER']);
/** Keywords the nginx variant replaces. */
const NGINX_REPLACED = new Set(['CMD', 'ENTRYPOINT', 'EXPOSE', 'USER', 'WORKDIR', 'HEALTHCHECK', 'STOPSIGNAL', 'SHELL']);

export type Variant = 'default' | 'nginx' | 'runArtifact';

export interface Plan {
  analysis: Analysis;
  detection: Detection;
  recipe: RecipePlan;
  buildStage: string;
  /** Items of the single stage in the build stage, with insertions, in order. */
  buildLines: string[];
  /** The same lines grouped by the original instruction they come with (FROM first). */
  buildSegments: { position: number; lines: string[] }[];
  /** Lines of the final stage (FROM included). */
  finalLines: string[];
  artifacts: Artifact[];
  /** Original instructions (0-based start lines) left out on purpose. */
  droppedLines: number[];
}

export function convertToMultiStage(model: DockerfileModel, options: ConvertOptions = {}): ConversionOutcome {
  return convert(model, options, 'default');
}

/**
 * The labelled variant for images that run the toolchain itself (`cargo run`, `mvn spring-boot:run`,
 * `dotnet run`, `go run`, `ng serve`, `yarn dev`): builds a release artifact once and runs it, which
 * changes CMD/ENTRYPOINT; the title and notes say so, and the validator accepts exactly that change.
 */
export function convertToRunArtifact(model: DockerfileModel, options: ConvertOptions = {}): ConversionOutcome {
  return convert(model, options, 'runArtifact');
}

/** The SPA variant that serves the build output with nginx of the build's libc family (changes CMD/EXPOSE, and says so). */
export function convertToNginx(model: DockerfileModel, options: ConvertOptions = {}): ConversionOutcome {
  return convert(model, options, 'nginx');
}

function convert(model: DockerfileModel, options: ConvertOptions, variant: Variant): ConversionOutcome {
  const kind: ConversionKind = variant === 'nginx' ? 'multiStageNginx' : variant === 'runArtifact' ? 'multiStageRunArtifact' : 'multiStage';
  const tooLarge = tooLargeToConvert(model, kind);
  if (tooLarge) return tooLarge;
  const plan = planMultiStage(model, options, variant);
  if (typeof plan === 'string') return { kind, reason: plan };
  const { analysis: a } = plan;
  const lines = [...a.layout.header, ...a.globalItems.map((i) => withLeading(i, a.layout.eol)), ...plan.buildLines, '', ...plan.finalLines, ...a.layout.trailer];
  return finish(model, options, {
    kind,
    title:
      variant === 'nginx'
        ? `Convert to a multi-stage build served by ${plan.recipe.runtimeBase} (changes CMD/EXPOSE)`
        : variant === 'runArtifact'
          ? runArtifactTitle(plan)
          : `Convert to a multi-stage build (${stackLabel(plan.recipe.stack)}: runtime on ${plan.recipe.runtimeBase})`,
    stack: plan.recipe.stack,
    text: joinLines(lines, a.layout.eol, a.layout.finalNewline),
    notes: plan.recipe.notes,
    placeholders: plan.recipe.placeholders,
    artifacts: plan.artifacts,
    configChanges: plan.recipe.configChanges,
    ...(plan.recipe.commandChange ? { commandChange: plan.recipe.commandChange } : {}),
    ...(plan.droppedLines.length ? { droppedLines: plan.droppedLines } : {}),
  });
}

function runArtifactTitle(plan: Plan): string {
  const change = plan.recipe.commandChange!;
  const key = change.entrypoint ? 'ENTRYPOINT' : 'CMD';
  const label = plan.recipe.artifactLabel ?? 'artifact';
  return `Convert to a multi-stage build that builds once and runs the built ${label} (${stackLabel(plan.recipe.stack)}: runtime on ${plan.recipe.runtimeBase}; changes ${key}: runs the built ${label} instead of \`${change.from}\`)`;
}

export function joinLines(lines: string[], eol: string, finalNewline = true): string {
  return lines.join(eol) + (finalNewline ? eol : '');
}

/** Substitutes confirmed placeholder values and validates; a conversion that fails is returned as a reason. */
export function finish(model: DockerfileModel, options: ConvertOptions, c: Omit<Conversion, 'validation'>, validateOptions: ValidateOptions = {}): ConversionOutcome {
  let text = c.text;
  let placeholders = c.placeholders;
  let artifacts = c.artifacts;
  let commandChange = c.commandChange;
  let notes = c.notes;
  for (const p of c.placeholders) {
    const value = options.values?.[p.token];
    if (value === undefined) continue;
    if (/["\\\r\n]/.test(value) || !value.trim()) return { kind: c.kind, reason: `the value given for the ${p.name} is empty or holds a quote, backslash or line break` };
    text = text.split(p.token).join(value);
    notes = notes.map((n) => n.split(p.token).join(value));
    artifacts = artifacts.map((x) => ({ ...x, source: x.source.split(p.token).join(value), destination: x.destination.split(p.token).join(value) }));
    if (commandChange) {
      const sub = (xs?: string[]) => xs?.map((w) => w.split(p.token).join(value));
      commandChange = { ...commandChange, cmd: sub(commandChange.cmd), entrypoint: sub(commandChange.entrypoint) };
      if (!commandChange.cmd) delete commandChange.cmd;
      if (!commandChange.entrypoint) delete commandChange.entrypoint;
    }
    placeholders = placeholders.filter((q) => q !== p);
  }
  const conversion: Conversion = { ...c, text, notes, placeholders, artifacts, ...(commandChange ? { commandChange } : {}), validation: { valid: true, issues: [], unverified: [] } };
  conversion.validation = validateConversion(model, conversion, validateOptions);
  if (!conversion.validation.valid) {
    return { kind: c.kind, reason: `the conversion failed validation: ${conversion.validation.issues.map((i) => i.message).join('; ')}` };
  }
  return conversion;
}

export function planMultiStage(model: DockerfileModel, options: ConvertOptions, variant: Variant): Plan | string {
  const a = analyse(model, options.context);
  if (typeof a === 'string') return a;
  const detection = detectStack(a);
  if (variant === 'nginx' && detection.stack !== 'spa') return 'the nginx variant is for front-end apps that serve static files';
  const tool = toolImageReason(a, variant === 'nginx' ? 'spa' : detection.stack);
  if (tool) return tool;
  if (variant === 'runArtifact') return planRunArtifact(a, detection);
  let recipeOf: Recipe | undefined;
  let buildSteps = detection.buildSteps;
  if (!buildSteps.length) {
    // A Node server without a build step still sheds the full image: its dependencies install is the build.
    const installs = a.base.short === 'node' && detection.stack === 'node' && variant === 'default' ? nodeInstallSteps(a) : [];
    if (!installs.length) {
      const variantOffered = typeof planRunArtifact(a, detection) !== 'string';
      return `no build step found (${detection.stack === 'generic' ? 'no compiler or package build in a RUN' : `no ${stackLabel(detection.stack)} build command`}): ${notAnApp(a, variantOffered)}`;
    }
    buildSteps = installs;
    recipeOf = nodeServer;
  }
  const stack = variant === 'nginx' ? 'spa' : detection.stack;
  const buildStage = a.stage.name ?? 'build';
  const packages = stack === 'spa' ? { packages: [] } : runtimePackages(a, buildSteps);
  const input: RecipeInput = { analysis: a, buildSteps, buildStage, variant, needsShell: needsShell(a, { ...detection, buildSteps }) || packages.packages.length > 0 };
  const recipe = (recipeOf ?? RECIPES[stack])(input);
  if (typeof recipe === 'string') return recipe;
  return layoutPlan(a, { ...detection, buildSteps }, recipe, input);
}

/** The run-artifact variant: the recipe builds the artifact (or reuses the Dockerfile's own build step). */
function planRunArtifact(a: Analysis, detection: Detection): Plan | string {
  const buildStage = a.stage.name ?? 'build';
  const input: RecipeInput = { analysis: a, buildSteps: detection.buildSteps, buildStage, variant: 'runArtifact', needsShell: needsShell(a, detection, true) };
  const recipe = runArtifact(input);
  if (typeof recipe === 'string') return recipe;
  return layoutPlan(a, detection, recipe, input);
}

/** Stacks whose runtime stage copies a built program, not the app directory: assets next to the sources may be lost (a generic build too). */
const COMPILED = new Set<string>(['generic', ...PROFILES.flatMap((p) => p.compiled)]);
/** Programs of the stacks' toolchains: a container that starts one builds or runs the sources at start. */
const TOOLCHAIN_PROGRAMS = new Set(PROFILES.flatMap((p) => p.programs));
/** Keywords after the last build step that only configure the runtime: they go to the final stage alone. */
const CONFIG_AFTER_BUILD = new Set(['ENV', 'USER', 'ARG', 'WORKDIR', 'SHELL']);

/** What the layout of a plan shares between its steps. */
interface LayoutContext {
  a: Analysis;
  detection: Detection;
  recipe: RecipePlan;
  variant: Variant;
  buildStage: string;
  /** Original instructions the recipe leaves out. */
  dropped: Set<number>;
  /** The runtime serves the build output as files (nginx): nothing of the app's runtime moves. */
  servesFiles: boolean;
  /** Position of the last build step: what comes after it only feeds the runtime. */
  lastBuild: number;
}

function layoutPlan(a: Analysis, detection: Detection, recipe: RecipePlan, input: RecipeInput): Plan | string {
  const variant = input.variant;
  if (recipe.runtimeShell === 'none' && input.needsShell) return 'the runtime needs a shell but the recipe chose a base without one';
  const dropped = new Set(recipe.dropped ?? []);
  const servesFiles = recipe.stack === 'spa' && (variant === 'nginx' || recipe.runtimeBase.startsWith('nginx'));
  // The build ends with the last RUN that is neither runtime setup nor cleanup (tests, collectstatic ...
  // run where the sources are); COPY/ADD after it only feed the runtime.
  const lastBuild = Math.max(
    ...detection.buildSteps,
    ...recipe.buildAdditions.filter((x) => variant === 'runArtifact' && x.after).map((x) => x.position),
    ...a.items.filter((i) => i.keyword === 'RUN' && !dropped.has(i.position) && !isRuntimeSetup(a, i) && !isCleanupOnly(a, i)).map((i) => i.position),
  );
  const c: LayoutContext = { a, detection, recipe, variant, buildStage: input.buildStage, dropped, servesFiles, lastBuild };
  const moved = movedRuns(c);
  if (typeof moved === 'string') return moved;
  const contextToFinal = contextToFinalStage(c);
  // Globs are expanded in the source only: a destination is a plain path.
  const artifacts: Artifact[] = [];
  for (const x of recipe.artifacts) {
    const destination = safeDestination(x.destination);
    if (destination === undefined) return `the artifact ${x.source} is named by a pattern whose directory is not fixed: the runtime stage's destination cannot be written`;
    artifacts.push({ ...x, destination, stage: c.buildStage });
  }
  // A RUN that stays behind must not write what the runtime needs.
  const kept = [
    ...artifacts.map((x) => x.source.replace(/\/[^/]*[*?[].*$/, '')),
    ...a.items.filter((i) => contextToFinal.has(i.position)).map((i) => contextCopies(a).find((x) => x.item === i)!.destination),
    ...(recipe.keepContextCopies ? [a.finalWorkdir] : []),
  ];
  if (!servesFiles) {
    const lost = lostWritesReason(a, moved, kept, dropped);
    if (lost) return lost;
  }
  const split = splitItems(c, moved, contextToFinal);
  const finalLines = finalStageLines(c, artifacts, split.finalItems, split.userAtBuild);
  const buildLines = split.buildSegments.flatMap((x) => x.lines);
  return { analysis: a, detection, recipe, buildStage: c.buildStage, buildLines, buildSegments: split.buildSegments, finalLines, artifacts, droppedLines: split.droppedLines };
}

/**
 * RUNs that set up the runtime (users, directories, runtime packages) move with it; packages installed for run
 * time next to the build tools are installed again there. A reason when the runtime base cannot do that.
 */
function movedRuns(c: LayoutContext): Set<number> | string {
  const { a, recipe, variant, servesFiles } = c;
  const notes = recipe.notes;
  const moved = new Set(
    a.items
      .filter((i) => i.keyword === 'RUN' && !c.dropped.has(i.position) && !c.detection.buildSteps.includes(i.position) && isRuntimeSetup(a, i) && recipe.runtimeShell !== 'none' && variant !== 'nginx' && !servesFiles)
      .map((i) => i.position),
  );
  // Packages installed for run time by RUNs that stay in the build stage: installed again in the runtime.
  if (!servesFiles && recipe.stack !== 'spa') {
    const rp = runtimePackages(a, c.detection.buildSteps);
    if (rp.packages.length) {
      if (recipe.runtimeShell === 'none' || rp.manager === 'yum' || rp.manager !== recipe.runtimeShell) {
        return `the Dockerfile installs ${rp.packages.join(', ')} for the app to use at run time, and the runtime base ${recipe.runtimeBase} cannot install them the same way`;
      }
      recipe.runtimeSetup.push(installLine(recipe.runtimeShell, rp.packages));
      notes.push(`The runtime installs ${rp.packages.join(', ')}: the Dockerfile installs them next to the build tools, and the app may use them at run time.`);
    }
  }
  // A moved RUN that installs packages relies on package lists an earlier RUN fetched.
  const runs = a.items.filter((i) => moved.has(i.position));
  if (runs.length) notes.push(`Repeated in the runtime stage, which needs what they set up (packages, users, directories): the RUN on ${runs.map((i) => `line ${lineOf(i)}`).join(', ')}.`);
  if (recipe.runtimeShell === 'apt' && runs.some((i) => installsWithStaleLists(a, i, 'apt'))) {
    recipe.runtimeSetup.push('RUN apt-get update');
    notes.push('`apt-get update` runs first in the runtime stage: a RUN moved there installs packages with the lists an earlier RUN fetched.');
  } else if (recipe.runtimeShell === 'apk' && runs.some((i) => installsWithStaleLists(a, i, 'apk'))) {
    recipe.runtimeSetup.push('RUN apk update');
    notes.push('`apk update` runs first in the runtime stage: a RUN moved there installs packages with the index an earlier RUN fetched.');
  }
  if (variant !== 'nginx') {
    const who = userReason(a, moved, recipe.runtimeBase, recipe.runtimeShell);
    if (who) return who;
  }
  return moved;
}

/** Context files the runtime may read: copied outside the build directories, or (for compiled apps) into the app directory. */
function contextToFinalStage(c: LayoutContext): Set<number> {
  const { a, recipe, variant, lastBuild } = c;
  const contextToFinal = new Set<number>();
  if (c.servesFiles || recipe.keepContextCopies) return contextToFinal;
  const buildPlaces = [...c.detection.buildSteps, ...recipe.buildAdditions.map((x) => x.position).filter((p) => a.items.find((i) => i.position === p)?.keyword === 'RUN' || variant === 'runArtifact')];
  for (const item of runtimeContextCopies(a, buildPlaces)) if (item.position < lastBuild && !c.dropped.has(item.position)) contextToFinal.add(item.position);
  if (contextToFinal.size) recipe.notes.push(`Copied again from the build context into the runtime stage (the build does not use them, the app may): ${a.items.filter((i) => contextToFinal.has(i.position)).map((i) => `line ${lineOf(i)}`).join(', ')}.`);
  const app = a.finalWorkdir;
  const appCopied = recipe.artifacts.some((x) => within(app, x.source));
  if (COMPILED.has(recipe.stack) && variant === 'default' && !appCopied && !contextHoldsOnlySources(a)) {
    const later = superseded(a);
    const intoApp = contextCopies(a).filter((x) => x.item.position < lastBuild && !later.has(x.item.position) && !contextToFinal.has(x.item.position) && (within(x.destination, app) || within(app, x.destination)));
    for (const x of intoApp) contextToFinal.add(x.item.position);
    if (intoApp.length) recipe.notes.push(`The files copied into the app directory ${app} are copied again from the build context (${intoApp.map((x) => `line ${lineOf(x.item)}`).join(', ')}): the program may read them at run time (templates, static files, configuration)${a.facts ? '' : '; the build context was not read to rule that out'}.`);
  }
  return contextToFinal;
}

/** Where each original instruction goes: the build stage (with the recipe's additions), the final stage, both, or neither. */
function splitItems(c: LayoutContext, moved: Set<number>, contextToFinal: Set<number>): { buildSegments: { position: number; lines: string[] }[]; finalItems: Item[]; droppedLines: number[]; userAtBuild?: string } {
  const { a, recipe, variant, lastBuild, dropped } = c;
  // The run-artifact variant replaces the instruction that starts the toolchain; it stays in the build stage.
  const replaced = new Set(recipe.commandChange ? (['cmd', 'entrypoint'] as const).filter((k) => recipe.commandChange![k]).map((k) => k.toUpperCase()) : []);
  const buildSegments: { position: number; lines: string[] }[] = [];
  const finalItems: Item[] = [];
  const droppedLines: number[] = [];
  const additions = (position: number, after: boolean) => recipe.buildAdditions.filter((x) => x.position === position && !!x.after === after).flatMap((x) => x.lines);
  let userAtBuild: string | undefined;
  // The run-artifact variant adds its build after the last source step: the original order stays (no manifest-first move).
  const reorder = variant === 'runArtifact' || dropped.size ? undefined : manifestFirst(a, recipe.stack);
  if (reorder) recipe.notes.push(`The dependency manifest (${reorder.manifest}) is copied and \`${reorder.install}\` runs before the sources, so a source change does not re-run it.`);
  const movedSegments: { position: number; lines: string[] }[] = [];
  if (reorder) {
    const run = a.items.find((i) => i.position === reorder.run)!;
    movedSegments.push({ position: run.position, lines: [...run.leading, ...additions(run.position, false), run.text, ...additions(run.position, true)] });
  }
  for (const item of a.items) {
    const k = item.keyword;
    if (k === 'FROM') {
      buildSegments.push({ position: item.position, lines: [...item.leading, a.stage.name ? item.text : `${item.text.trimEnd()} AS ${c.buildStage}`] });
      continue;
    }
    if (dropped.has(item.position) || (variant === 'nginx' && FINAL_ONLY.has(k) && NGINX_REPLACED.has(k))) {
      droppedLines.push(item.instruction.getRange().start.line);
      // Its comments stay, in the build stage.
      if (item.leading.length) buildSegments.push({ position: item.position, lines: item.leading });
      continue;
    }
    const { toBuild, toFinal } = placeOf(c, item, replaced, moved, contextToFinal);
    if (k === 'USER' && item.position < lastBuild) userAtBuild = item.args;
    if (toBuild) {
      const segment = { position: item.position, lines: [...item.leading, ...additions(item.position, false), item.text, ...additions(item.position, true)] };
      if (reorder && item.position === reorder.copy) {
        buildSegments.push({ position: item.position, lines: [reorder.line] }, ...movedSegments);
      }
      if (reorder && item.position === reorder.run) {
        // Already emitted before the sources.
      } else buildSegments.push(segment);
      if (toFinal) finalItems.push({ ...item, leading: [] });
    } else finalItems.push(item);
  }
  return { buildSegments, finalItems, droppedLines, userAtBuild };
}

/** Whether an instruction (not FROM, not dropped) goes to the build stage, the final stage, or both. */
function placeOf(c: LayoutContext, item: Item, replaced: Set<string>, moved: Set<number>, contextToFinal: Set<number>): { toBuild: boolean; toFinal: boolean } {
  const k = item.keyword;
  const after = item.position > c.lastBuild;
  if (c.variant === 'nginx' && k === 'WORKDIR') return { toBuild: true, toFinal: true }; // nginx does not care where it starts; the image keeps the original WorkingDir.
  if ((c.variant === 'nginx' && NGINX_REPLACED.has(k)) || replaced.has(k)) return { toBuild: true, toFinal: false };
  if (FINAL_ONLY.has(k)) return { toBuild: false, toFinal: true };
  if (BOTH.has(k)) return { toBuild: !(after && CONFIG_AFTER_BUILD.has(k)), toFinal: true };
  if (k === 'COPY' || k === 'ADD') {
    if (c.recipe.keepContextCopies || contextToFinal.has(item.position)) return { toBuild: true, toFinal: true };
    return after ? { toBuild: false, toFinal: true } : { toBuild: true, toFinal: false };
  }
  if (k === 'RUN' && moved.has(item.position)) return after ? { toBuild: false, toFinal: true } : { toBuild: true, toFinal: true };
  return { toBuild: true, toFinal: false };
}

/** The final stage: the runtime base, the recipe's setup, the artifacts, and the runtime config in its original order. */
function finalStageLines(c: LayoutContext, artifacts: Artifact[], finalItems: Item[], userAtBuild: string | undefined): string[] {
  const { a, recipe, variant } = c;
  const notes = recipe.notes;
  pruneFinal(finalItems);
  const chown = userAtBuild && !/^(root|0)(:.*)?$/.test(userAtBuild) ? ` --chown=${userAtBuild}` : '';
  const copyLines = [...artifacts.map((x) => copyLine(c.buildStage, x.source, x.destination, chown)), ...(recipe.runtimeChecks ?? [])];
  const finalLines: string[] = [`# Runtime stage: only what the app needs to run (converted from a single-stage build).`, `FROM ${recipe.runtimeBase}`];
  // A HEALTHCHECK that calls curl/wget needs it in the runtime image (the small bases do not have curl).
  const probe = /\b(curl|wget)\b/.exec(a.stage.config.healthcheck?.value ?? '')?.[1];
  if (probe && recipe.runtimeShell !== 'none' && variant !== 'nginx' && !(probe === 'wget' && recipe.runtimeShell === 'apk') && !recipe.runtimeSetup.some((l) => new RegExp(`\\b${probe}\\b`).test(l))) {
    recipe.runtimeSetup.push(recipe.runtimeShell === 'apk' ? `RUN apk add --no-cache ${probe}` : `RUN apt-get update && apt-get install -y --no-install-recommends ${probe} && rm -rf /var/lib/apt/lists/*`);
    notes.push(`The HEALTHCHECK calls ${probe}, so the runtime stage installs it.`);
  }
  finalLines.push(...recipe.runtimeSetup);
  const implicitWorkdir = defaultWorkdir(a.base.repository);
  if (implicitWorkdir !== '/' && !a.items.some((i) => i.keyword === 'WORKDIR') && variant !== 'nginx') {
    finalLines.push(`WORKDIR ${implicitWorkdir}`);
    notes.push(`WORKDIR ${implicitWorkdir} is set explicitly: ${a.base.short} images default to it, the runtime base does not.`);
  }
  let copied = false;
  for (const item of finalItems) {
    if (!copied && item.position > c.lastBuild) {
      finalLines.push(...copyLines);
      copied = true;
    }
    finalLines.push(withLeading(item, a.layout.eol));
  }
  if (!copied) finalLines.push(...copyLines);
  finalLines.push(...(recipe.runConfigOverride ?? []));
  return finalLines;
}

/**
 * The final stage needs the last WORKDIR (runtime config) and those its own RUN/COPY lines depend on, and
 * only the ARGs its instructions use: intermediate build directories and build ARGs stay in the build stage.
 */
function pruneFinal(items: Item[]): void {
  const relative = items.some((i) => i.keyword === 'WORKDIR' && !/^["']?(\/|\$)/.test(i.args));
  for (let k = items.length - 1; k >= 0; k--) {
    const item = items[k];
    if (item.keyword === 'WORKDIR' && !relative) {
      const later = items.slice(k + 1);
      const next = later.findIndex((i) => i.keyword === 'WORKDIR');
      const between = next < 0 ? later : later.slice(0, next);
      const used = next < 0 || between.some((i) => ['RUN', 'COPY', 'ADD'].includes(i.keyword));
      if (!used) items.splice(k, 1);
    } else if (item.keyword === 'ARG') {
      const names = item.args.split(/\s+/).map((w) => w.split('=')[0]).filter(Boolean);
      const rest = items.slice(k + 1).map((i) => i.text).join('\n');
      if (!names.some((n) => new RegExp(`\\$\\{?${escapeRegExp(n)}\\b`).test(rest))) items.splice(k, 1);
    }
  }
}

export function copyLine(stage: string, source: string, destination: string, chown = ''): string {
  if (/\s/.test(source) || /\s/.test(destination)) return `COPY --from=${stage}${chown} ${JSON.stringify([source, destination])}`;
  return `COPY --from=${stage}${chown} ${source} ${destination}`;
}

/**
 * Dependencies before sources: when a whole-context COPY is followed by a plain dependency install with
 * nothing in between that changes where or as whom it runs, copy the manifest first and install before the
 * sources (the install layer then survives source changes).
 */
function manifestFirst(a: Analysis, stack: StackId): { copy: number; run: number; line: string; manifest: string; install: string } | undefined {
  const installs = profileOfStack(stack)?.manifestInstall;
  if (!installs) return undefined;
  const items = a.items;
  for (let k = 1; k < items.length; k++) {
    const copy = items[k];
    if (copy.keyword !== 'COPY' && copy.keyword !== 'ADD') continue;
    const words = copy.args.split(/\s+/);
    const flags = words.filter((w) => w.startsWith('--'));
    const rest = words.filter((w) => !w.startsWith('--'));
    if (rest.length !== 2 || !['.', './'].includes(rest[0]) || flags.some((f) => /^--(from|link|parents|exclude)/.test(f))) continue;
    for (let j = k + 1; j < items.length; j++) {
      const next = items[j];
      if (['WORKDIR', 'USER', 'ENV', 'ARG', 'SHELL', 'COPY', 'ADD'].includes(next.keyword)) return undefined;
      if (next.keyword !== 'RUN') continue;
      // The RUN is the install alone, its program first (no sudo, no VAR=value).
      const commands = commandsOf(a, next);
      const manifest = commands.length === 1 && programIndex(commands[0]) === 0 ? installs(commands[0]) : undefined;
      if (!manifest) return undefined;
      // The install as written (exec form: its words), for the note.
      const words = commands[0].words;
      const read = runCommands(a.model, next.instruction);
      const run = read.form === 'exec' && !read.shell.length ? words.map((w) => w.text).join(' ') : logicalOf(a.model, next.instruction).text.slice(words[0].start, words[words.length - 1].end).replace(/\s+/g, ' ');
      if (next.workdir !== resolvePath(rest[1], copy.workdir) && !(rest[1].endsWith('/') && resolvePath(rest[1], copy.workdir) === next.workdir)) return undefined;
      const dest = rest[1].endsWith('/') ? rest[1] : `${rest[1]}/`;
      return { copy: copy.position, run: next.position, line: `${copy.keyword} ${[...flags, manifest, dest].join(' ')}`, manifest, install: run };
    }
  }
  return undefined;
}

/** Why a file without a build step has nothing to split, in the words that fit it. */
function notAnApp(a: Analysis, variantOffered: boolean): string {
  const copies = a.items.some((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && !/--from[= ]/.test(i.args));
  const packages = [...new Set(a.packages.filter((p) => !p.startsWith('.')))];
  const tool = TOOLCHAIN_PROGRAMS.has((a.command[0] ?? '').split('/').pop() ?? '');
  if (tool) return `the container builds and runs the sources with the toolchain at start (\`${a.command.join(' ')}\`): the default conversion keeps that, so there is nothing to split${variantOffered ? ' (the labelled run-artifact variant changes it)' : ''}`;
  const list = packages.length > 4 ? `${packages.slice(0, 4).join(', ')} ...` : packages.join(', ');
  if (!a.command.length) {
    if (copies) return 'it sets no CMD or ENTRYPOINT and copies files built outside the image: there is no build inside it to split off';
    return `it sets no CMD or ENTRYPOINT${packages.length ? ` and only installs packages (${list})` : ''}: a tool or base image, not an app build`;
  }
  if (copies) return `the image runs \`${a.command.join(' ')}\` from what it copies (built outside the image): there is no build inside it to split off`;
  if (packages.length) return `the image installs packages (${list}) and runs \`${a.command.join(' ')}\`: nothing is built inside it`;
  return 'the image already runs what it copies';
}

function needsShell(a: Analysis, d: Detection, commandReplaced = false): boolean {
  if (!commandReplaced && !a.execForm && a.command.length) return true;
  if (/\b(curl|wget)\b/.test(a.stage.config.healthcheck?.value ?? '')) return true;
  if (a.stage.config.healthcheck && !/^(NONE|.*\[)/i.test(a.stage.config.healthcheck.value.replace(/^(--\S+\s+)*CMD\s+/i, '').trim())) return true;
  if (a.user && !/^\d+(:\d+)?$/.test(a.user) && a.user !== 'root') return true;
  return a.items.some((i) => i.keyword === 'RUN' && !d.buildSteps.includes(i.position) && isRuntimeSetup(a, i));
}
