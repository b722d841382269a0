import type { ClientFeature } from './feature';
import { stageDividers } from './stageDividers';
import { convertCommands } from './convertCommands';
import { sizeStatusBar } from './sizeStatusBar';
import { sizeBreakdown } from './sizeBreakdown';
import { buildStage } from './buildStage';
import { verifyConversion } from './verifyConversion';

/** Every UI feature of the client, activated in this order. */
export const CLIENT_FEATURES: ClientFeature[] = [stageDividers, convertCommands, sizeStatusBar, sizeBreakdown, buildStage, verifyConversion];
