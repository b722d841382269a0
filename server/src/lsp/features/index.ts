import type { Feature } from './feature';
import { diagnostics } from './diagnostics';
import { standard } from './standard';
import { documentSymbols } from './documentSymbols';
import { foldingRanges } from './foldingRanges';
import { semanticTokens } from './semanticTokens';
import { codeActions } from './codeActions';
import { codeLens } from './codeLens';
import { navigation } from './navigation';
import { quickFixes } from './quickFixes';
import { contextRules } from './contextRules';
import { stageHover } from './stageHover';
import { stageNavigation } from './stageNavigation';
import { convert } from './convert';
import { estimate } from './estimate';
import { buildFiles } from './buildFiles';
import { fromCompletion } from './fromCompletion';
import { buildStageLens } from './buildStageLens';
import { ruleDocs } from './ruleDocs';
import { measuredSize } from './measuredSize';

/**
 * Every feature of the server, in registration order (code actions are listed in this order: the rules' generic fixes last;
 * buildFiles before stageNavigation, so that references and rename of a stage include the Compose and Bake targets).
 */
export const FEATURES: Feature[] = [diagnostics, standard, navigation, documentSymbols, foldingRanges, semanticTokens, codeActions, codeLens, stageHover, buildFiles, stageNavigation, convert, estimate, measuredSize, buildStageLens, fromCompletion, quickFixes, contextRules, ruleDocs];
