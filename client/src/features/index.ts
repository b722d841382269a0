import type { ClientFeature } from './feature';

/** Every UI feature of the client, activated in this order. */
export const CLIENT_FEATURES: ClientFeature[] = [];
