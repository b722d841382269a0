/**
 * The build entries of a Compose file (a service's `build:`) or a Bake file (a `target` block): where the
 * Dockerfile is, which stage it builds, and the ranges of what is written, so that editors can complete,
 * check, navigate and rename the stage names they select.
 */
import type { Range } from 'vscode-languageserver-types';

export type BuildFileKind = 'compose' | 'bake';

/** A string value as written: the value, the range of its text without quotes, and whether it interpolates. */
export interface WrittenValue {
  value: string;
  range: Range;
  /** Written with `${VAR}` (or `$VAR`): its value is known only at build time. */
  variable: boolean;
  /** The value's text is not a plain one-line string (a YAML block scalar, an HCL heredoc or expression). */
  opaque?: boolean;
}

export interface BuildEntry {
  kind: BuildFileKind;
  /** The Compose service or the Bake target. */
  name: string;
  nameRange: Range;
  /** The whole service or target block (for "which entry is the cursor in"). */
  range: Range;
  context?: WrittenValue;
  dockerfile?: WrittenValue;
  target?: WrittenValue;
  /** `dockerfile_inline` (Compose) / `dockerfile-inline` (Bake): no Dockerfile on disk. */
  inline: boolean;
  /** Bake `inherits`: the targets whose attributes this one starts from, in order. */
  inherits: string[];
}

export interface BuildFile {
  kind: BuildFileKind;
  entries: BuildEntry[];
}
