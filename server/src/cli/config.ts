/**
 * `.dockerfile-stages.json`: settings in the shape of common/settings.ts `Settings` (any subset), found by
 * walking up from each Dockerfile's directory (stdin: from the working directory); the nearest file wins and
 * is merged over the defaults with resolveSettings, like the editor's settings.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { resolveSettings, Settings } from '../../../common/settings';
import { InputError } from './io';

export const CONFIG_FILE_NAME = '.dockerfile-stages.json';

export interface ResolvedConfig {
  settings: Settings;
  /** The config file used, if any. */
  configPath?: string;
}

const byDirectory = new Map<string, Promise<string | undefined>>();

/** The nearest config file at or above `dir`, if any. */
export function findConfig(dir: string): Promise<string | undefined> {
  const abs = path.resolve(dir);
  let found = byDirectory.get(abs);
  if (!found) {
    found = (async () => {
      const candidate = path.join(abs, CONFIG_FILE_NAME);
      const stat = await fs.stat(candidate).catch(() => undefined);
      if (stat?.isFile()) return candidate;
      const parent = path.dirname(abs);
      return parent === abs ? undefined : findConfig(parent);
    })();
    byDirectory.set(abs, found);
  }
  return found;
}

const parsed = new Map<string, Promise<Settings>>();

/** Reads and resolves one config file; a malformed one is an InputError (exit 2) naming the file. */
export function loadConfigFile(file: string): Promise<Settings> {
  const abs = path.resolve(file);
  let p = parsed.get(abs);
  if (!p) {
    p = (async () => {
      let text: string;
      try {
        text = await fs.readFile(abs, 'utf8');
      } catch (e) {
        throw new InputError(`${file}: cannot read config (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (e) {
        throw new InputError(`${file}: invalid JSON in config (${(e as Error).message})`);
      }
      if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new InputError(`${file}: the config must be a JSON object`);
      return resolveSettings(json);
    })();
    parsed.set(abs, p);
  }
  return p;
}

/**
 * The settings for one Dockerfile: an explicit `--config` file, else the nearest `.dockerfile-stages.json`
 * above it (none with `--no-config`), else the defaults.
 */
export async function settingsFor(filePath: string, options: { config?: string; noConfig?: boolean } = {}): Promise<ResolvedConfig> {
  if (options.config) return { settings: await loadConfigFile(options.config), configPath: options.config };
  if (options.noConfig) return { settings: resolveSettings({}) };
  const dir = filePath === '-' || filePath === '<stdin>' ? process.cwd() : path.dirname(path.resolve(filePath));
  const configPath = await findConfig(dir);
  if (!configPath) return { settings: resolveSettings({}) };
  return { settings: await loadConfigFile(configPath), configPath };
}
