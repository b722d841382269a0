/** Test helpers: fixture files, and cursor markers (`|`) inside inline Dockerfiles. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './lspClient';

export const FIXTURES = path.join(ROOT, 'test', 'fixtures');

export function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

export function fixtureUri(name: string): string {
  return pathToFileURL(path.join(FIXTURES, name)).toString();
}

/** Removes the first `|` marker from text and returns the text with the marker's position. */
export function cursor(marked: string, marker = '|'): { text: string; position: { line: number; character: number } } {
  const offset = marked.indexOf(marker);
  if (offset < 0) throw new Error('no cursor marker in the text');
  const text = marked.slice(0, offset) + marked.slice(offset + marker.length);
  const before = text.slice(0, offset).split('\n');
  return { text, position: { line: before.length - 1, character: before[before.length - 1].length } };
}

/** A Dockerfile written as lines (keeps tests readable). */
export function df(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}
