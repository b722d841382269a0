import type { ClientFeature } from './feature';
import { stageDividers } from './stageDividers';
import { convertCommands } from './convertCommands';

/** Every UI feature of the client, activated in this order. */
export const CLIENT_FEATURES: ClientFeature[] = [stageDividers, convertCommands];
