/**
 * The conversions `convert` and `verify` name with --to, and the per-stage options (--stage, --variant): one
 * table and one reader for both commands.
 */
import type { ConversionKind } from '../core';
import { UsageError } from './io';

export const CONVERSION_TARGETS: Readonly<Record<string, ConversionKind>> = {
  'multi-stage': 'multiStage',
  'dev-build-runtime': 'devBuildRuntime',
  nginx: 'multiStageNginx',
  'run-artifact': 'multiStageRunArtifact',
  'switch-base': 'switchBase',
  'name-stage': 'nameStage',
  'extract-base': 'extractBase',
};

/** The help lines of --to, --stage and --variant. */
export const TARGET_OPTIONS = [
  '--to KIND        multi-stage (default), dev-build-runtime, nginx (SPAs: serve the build with nginx, Debian- or alpine-based like the build; changes CMD/EXPOSE),',
  '                 run-artifact (images that run the toolchain, like `cargo run`: build once, run the built artifact; changes CMD/ENTRYPOINT),',
  '                 switch-base (a smaller variant of a stage\'s base image: -slim, -alpine, -jre), name-stage (AS <name> on an',
  '                 unnamed stage, numeric --from references updated) or extract-base (the first instructions the stages repeat, in one base stage)',
  '--stage N        switch-base and name-stage: the stage (0 is the first FROM; default 0)',
  '--variant IMAGE  switch-base: the image to switch to (default: the first smaller variant, slim before alpine)',
];

export const TARGET_OPTION_SPECS = {
  to: { type: 'string', default: 'multi-stage' },
  stage: { type: 'string' },
  variant: { type: 'string' },
} as const;

/** The conversion kind and query the options ask for; a UsageError for an unknown kind or a bad stage. */
export function conversionTarget(values: { to?: unknown; stage?: unknown; variant?: unknown }): { kind: ConversionKind; kindName: string; stage?: number; variant?: string } {
  const kindName = String(values.to ?? 'multi-stage');
  const kind = CONVERSION_TARGETS[kindName];
  if (!kind) throw new UsageError(`unknown --to '${kindName}' (${Object.keys(CONVERSION_TARGETS).join(', ')})`);
  if (values.variant !== undefined && kind !== 'switchBase') throw new UsageError('--variant goes with --to switch-base');
  if (values.stage !== undefined && kind !== 'switchBase' && kind !== 'nameStage') throw new UsageError('--stage goes with --to switch-base or name-stage');
  let stage: number | undefined;
  if (values.stage !== undefined) {
    if (!/^\d+$/.test(String(values.stage))) throw new UsageError(`--stage wants a stage number (0 is the first FROM), got '${values.stage}'`);
    stage = Number(values.stage);
  }
  return { kind, kindName, stage, variant: values.variant === undefined ? undefined : String(values.variant) };
}
