/** Image size estimates: base-image table, RUN/COPY estimators, context measurement, the estimator. */
export * from './types';
export { lookupBaseImage, familyOf, uncompressedRatioFor } from './baseImages';
export type { Family } from './baseImages';
export { estimateImage, createEstimateMemo } from './estimate';
export type { EstimateMemo } from './estimate';
export type { EstimateOptions } from './estimate';
export { measureContext, copySources } from './context';
export type { ContextMeasurement, ContextMeasurements, MeasureOptions } from './context';
export { parseShell } from '../commands';
export type { EvaluatedCommand as ShellCommand, ParsedShell } from '../commands';
export { estimateRun, aptInstall, apkAdd } from './runLayer';
export type { Manifests, RunContext } from './runLayer';
export { formatBytes as formatSize, MB } from './figures';
export { lensTitles, stageSizeText } from './lens';
export { imageCompletionSite, baseImageCompletions } from './imageCompletion';
export type { ImageCompletionSite, ImageCompletion } from './imageCompletion';
