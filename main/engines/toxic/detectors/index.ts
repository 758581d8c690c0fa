/** The detectors, in the order a profile lists them. */
import type { Detector } from '../detector';
import { hedging } from './hedging';
import { latencyArbitrage } from './latency-arb';
import { martingale } from './martingale';
import { news } from './news';
import { scalping } from './scalping';
import { sharpWinner } from './sharp-winner';

export const DETECTORS: readonly Detector[] = [latencyArbitrage, scalping, news, hedging, martingale, sharpWinner];
