/** Offsets to LSP positions for the build-file readers (lines as core/text.ts counts them). */
import type { Position, Range } from 'vscode-languageserver-types';
import { computeLineStarts } from '../text';
import { partitionPoint } from '../search';

export class Positions {
  private readonly starts: number[];
  constructor(readonly text: string) {
    this.starts = computeLineStarts(text);
  }
  at(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = partitionPoint(this.starts.length, (i) => this.starts[i] <= o) - 1;
    return { line, character: o - this.starts[line] };
  }
  range(start: number, end: number): Range {
    return { start: this.at(start), end: this.at(end) };
  }
  offset(position: Position): number {
    const start = this.starts[position.line];
    if (start === undefined) return this.text.length;
    return Math.min(start + position.character, this.text.length);
  }
}
