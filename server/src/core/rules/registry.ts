/** Every rule, in code order. Adding a rule: its file, a line here, its code in common/settings.ts RULE_CODES,
 * its severity setting in package.json, docs/rules/<code>.md and test/unit/rules/<code>.test.ts. */
import { unknownStage } from './ds101UnknownStage';
import { selfOrLaterStage } from './ds102SelfOrLaterStage';
import { stageCycle } from './ds103StageCycle';
import { unusedStage } from './ds104UnusedStage';
import { reservedStageName } from './ds105ReservedStageName';
import { stageNameCasing } from './ds106StageNameCasing';
import { fromAsCasing } from './ds107FromAsCasing';
import { numericStageReference } from './ds108NumericStageReference';
import { copyWholeFilesystem } from './ds109CopyWholeFilesystem';
import { toolchainInFinalImage } from './ds201ToolchainInFinalImage';
import { fullBaseImage } from './ds202FullBaseImage';
import { aptNoInstallRecommends } from './ds203AptNoInstallRecommends';
import { aptListsNotRemoved } from './ds204AptListsNotRemoved';
import { apkNoCache } from './ds205ApkNoCache';
import { pipNoCacheDir } from './ds206PipNoCacheDir';
import { npmInstall } from './ds207NpmInstall';
import { cacheRemovedLater } from './ds208CacheRemovedLater';
import { addInsteadOfCopy } from './ds209AddInsteadOfCopy';
import { copyContextBeforeInstall } from './ds301CopyContextBeforeInstall';
import { consecutiveRuns } from './ds302ConsecutiveRuns';
import { missingDockerignore } from './ds303MissingDockerignore';
import { secretInArgEnv } from './ds401SecretInArgEnv';
import { rootUser } from './ds402RootUser';
import { unpinnedBaseImage } from './ds403UnpinnedBaseImage';
import { curlPipeShell } from './ds404CurlPipeShell';
import { sudo } from './ds405Sudo';
import { sourceInFinalStage } from './ds406SourceInFinalStage';
import { jsonArgsRecommended } from './ds501JsonArgsRecommended';
import { legacyKeyValue } from './ds502LegacyKeyValue';
import { undefinedVar } from './ds503UndefinedVar';
import { undefinedArgInFrom } from './ds504UndefinedArgInFrom';
import { invalidDefaultArgInFrom } from './ds505InvalidDefaultArgInFrom';
import { fromPlatformConst } from './ds506FromPlatformConst';
import { redundantTargetPlatform } from './ds507RedundantTargetPlatform';
import { exposeProtoCasing } from './ds508ExposeProtoCasing';
import { exposeInvalidFormat } from './ds509ExposeInvalidFormat';
import { invalidDefinitionDescription } from './ds510InvalidDefinitionDescription';
import { copyIgnoredFile } from './ds511CopyIgnoredFile';
import { copyFromImageName } from './ds110CopyFromImageName';
import { libcMismatch } from './ds111LibcMismatch';
import { toolchainFinalStage } from './ds210ToolchainFinalStage';
import { aptUpdateAlone } from './ds304AptUpdateAlone';
import { argSecretInEnv } from './ds407ArgSecretInEnv';
import { credentialsInUrl } from './ds408CredentialsInUrl';
import { sensitiveFileCopied } from './ds409SensitiveFileCopied';
import { npmBuild } from './ds601NpmBuild';
import { serverInRun } from './ds602ServerInRun';
import { runWithoutEffect } from './ds603RunWithoutEffect';
import { ambiguousGlob } from './ds604AmbiguousGlob';
import type { ContextRule, Rule } from './types';

/** Rules over the Dockerfile alone. */
export const RULES: readonly Rule[] = [
  unknownStage, selfOrLaterStage, stageCycle, unusedStage, reservedStageName, stageNameCasing, fromAsCasing, numericStageReference, copyWholeFilesystem, copyFromImageName, libcMismatch,
  toolchainInFinalImage, fullBaseImage, aptNoInstallRecommends, aptListsNotRemoved, apkNoCache, pipNoCacheDir, npmInstall, cacheRemovedLater, addInsteadOfCopy, toolchainFinalStage,
  copyContextBeforeInstall, consecutiveRuns, aptUpdateAlone,
  secretInArgEnv, rootUser, unpinnedBaseImage, curlPipeShell, sudo, sourceInFinalStage, argSecretInEnv, credentialsInUrl, sensitiveFileCopied,
  jsonArgsRecommended, legacyKeyValue, undefinedVar, undefinedArgInFrom, invalidDefaultArgInFrom, fromPlatformConst, redundantTargetPlatform,
  exposeProtoCasing, exposeInvalidFormat, invalidDefinitionDescription,
  npmBuild, serverInRun, runWithoutEffect, ambiguousGlob,
];

/** Rules that need the build context through a FileSystemHost (run by the language server, the CLI). */
export const CONTEXT_RULES: readonly ContextRule[] = [missingDockerignore, copyIgnoredFile];

export const ALL_RULES: readonly Rule[] = [...RULES, ...CONTEXT_RULES].sort((a, b) => a.code.localeCompare(b.code));

export function ruleByCode(code: string): Rule | undefined {
  return ALL_RULES.find((r) => r.code === code);
}
