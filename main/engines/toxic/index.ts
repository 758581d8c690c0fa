/** The toxic-flow engine's public surface (issue 6): the engine, its trades and detectors. */
export type { ToxicProfile, ToxicScore, ToxicSettings, ToxicTradeRef } from '../../../shared/toxic';
export { DETECTOR_NAMES } from '../../../shared/toxic';
export type { Detector, Verdict } from './detector';
export { DETECTORS } from './detectors';
export { isHedgedTrade } from './detectors/hedging';
export { isArbitrageTrade } from './detectors/latency-arb';
export { martingaleSteps } from './detectors/martingale';
export { isNewsTrade } from './detectors/news';
export { isScalpingTrade } from './detectors/scalping';
export { isPositionalTrade } from './detectors/sharp-winner';
export { type AccountKey, type ClientLookup, type ToxicEngineOptions, ToxicFlowEngine } from './engine';
export { buildProfile, counterfactualOf } from './profile';
export type { ClosedTrade, HedgeMatch } from './trade';
