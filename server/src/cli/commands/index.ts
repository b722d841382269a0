import type { Command } from '../command';
import { explain } from './explain';
import { lint } from './lint';
import { convert } from './convert';
import { estimate } from './estimate';
import { verify } from './verify';

/** Every CLI command by name, in the order `--help` lists them. */
export const COMMANDS: Record<string, Command> = { lint, explain, convert, estimate, verify };
