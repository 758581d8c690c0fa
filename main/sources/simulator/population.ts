/**
 * The simulated clientele: CRM clients, their trading accounts (1-3 each, mixing margin modes and
 * currencies), each account's behaviour, and the broker's coverage accounts. Generated from the
 * seed alone, so every run with the same config has the same people.
 */
import type { Client, ClientAccount, Login } from '../../../shared/domain';
import { UserRights } from '../../../shared/mt5';
import type { Money, TimeMsc } from '../../../shared/units';
import { type Catalog, COVERAGE_HEDGING_GROUP, COVERAGE_NETTING_GROUP, type GroupInfo } from './catalog';
import { type BehaviourShares, HEDGER_SHARE, SCALPER_SHARE } from './config';
import { COMPANY_SUFFIXES, COUNTRIES, FIRST_NAMES, INTRODUCING_BROKERS, LAST_NAMES } from './names';
import type { Rng } from './rng';

/** How an account trades; exposed so the desk's toxic-flow scoring can be checked against it. */
export type Behaviour =
  | 'ordinary'
  | 'scalper'
  | 'hedger'
  | 'latency-arb'
  | 'news'
  | 'martingale'
  | 'sharp-winner'
  | 'coverage';
/** The behaviours of clients (every behaviour but the broker's own coverage). */
export type ClientBehaviour = Exclude<Behaviour, 'coverage'>;

export interface SimulatedAccount {
  login: Login;
  clientId: string | null;
  group: GroupInfo;
  name: string;
  country: string;
  leverage: number;
  rights: number;
  registrationMsc: TimeMsc;
  behaviour: Behaviour;
  /** Share of equity a new position commits as margin: a few gamblers commit far more. */
  appetite: number;
  initialDeposit: Money;
  /** For hedgers: the linked account of the same client that takes the other side. */
  partner?: Login;
}

export interface Population {
  clients: Client[];
  clientAccounts: ClientAccount[];
  accounts: SimulatedAccount[];
}

export const FIRST_CLIENT_LOGIN = 100_001;
export const FIRST_COVERAGE_LOGIN = 900_001;
const DAY = 86_400_000;

const CLIENT_GROUPS = ['real\\standard-usd', 'real\\ecn-usd', 'real\\vip-eur', 'real\\raw-eur'];
const CLIENT_GROUP_WEIGHTS = [40, 25, 15, 20];
const LEVERAGES = [30, 50, 100, 200, 300, 500];
const LEVERAGE_WEIGHTS = [10, 10, 30, 20, 10, 20];

export function populate(
  config: { clients: number; server: string; startTimeMsc: TimeMsc; behaviourShares: BehaviourShares },
  catalog: Catalog,
  rng: Rng,
): Population {
  const shares = config.behaviourShares;
  const styles: ClientBehaviour[] = [
    'ordinary',
    'scalper',
    'hedger',
    'latency-arb',
    'news',
    'martingale',
    'sharp-winner',
  ];
  const specialist = [shares.latencyArbitrage, shares.news, shares.martingale, shares.sharpWinner];
  const ordinary = 1 - SCALPER_SHARE - HEDGER_SHARE - specialist.reduce((a, b) => a + b, 0);
  const styleWeights = [ordinary, SCALPER_SHARE, HEDGER_SHARE, ...specialist];
  const clients: Client[] = [];
  const clientAccounts: ClientAccount[] = [];
  const accounts: SimulatedAccount[] = [];
  let login = FIRST_CLIENT_LOGIN;
  const countryWeights = COUNTRIES.map((c) => c.weight);

  for (let i = 0; i < config.clients; i++) {
    const clientId = `C${String(i + 1).padStart(6, '0')}`;
    const place = rng.weighted(COUNTRIES, countryWeights);
    const isCompany = rng.chance(0.08);
    const name = isCompany
      ? `${rng.pick(LAST_NAMES)} ${rng.pick(COMPANY_SUFFIXES)}`
      : `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
    clients.push({
      clientId,
      name,
      country: place.country,
      region: place.region,
      kycStatus: rng.weighted(['approved', 'pending', 'rejected'] as const, [85, 10, 5]),
      introducingBroker: rng.chance(0.3) ? rng.pick(INTRODUCING_BROKERS) : null,
    });

    const style = rng.weighted(styles, styleWeights);
    const accountCount = style === 'hedger' ? rng.weighted([2, 3], [80, 20]) : rng.weighted([1, 2, 3], [60, 28, 12]);
    const registered = config.startTimeMsc - Math.floor(rng.logUniform(DAY, 5 * 365 * DAY));
    const first = login;
    for (let k = 0; k < accountCount; k++) {
      const behaviour = style === 'hedger' && k >= 2 ? 'ordinary' : style;
      const account: SimulatedAccount = {
        login,
        clientId,
        group: clientGroup(catalog, rng),
        name,
        country: place.country,
        leverage: rng.weighted(LEVERAGES, LEVERAGE_WEIGHTS),
        rights: UserRights.DEFAULT,
        registrationMsc: registered + k * Math.floor(rng.range(0, 30 * DAY)),
        behaviour,
        appetite: appetite(behaviour, rng),
        initialDeposit: deposit(behaviour, rng),
      };
      if (behaviour === 'hedger') account.partner = k === 0 ? first + 1 : first;
      accounts.push(account);
      clientAccounts.push({ clientId, server: config.server, login });
      login++;
    }
  }

  const coverage: [string, string][] = [
    [COVERAGE_NETTING_GROUP, 'LP1 coverage A'],
    [COVERAGE_NETTING_GROUP, 'LP1 coverage B'],
    [COVERAGE_HEDGING_GROUP, 'LP2 coverage'],
  ];
  coverage.forEach(([groupName, name], k) => {
    accounts.push({
      login: FIRST_COVERAGE_LOGIN + k,
      clientId: null,
      group: catalog.group(groupName) as GroupInfo,
      name,
      country: 'CY',
      leverage: 100,
      rights: UserRights.DEFAULT,
      registrationMsc: config.startTimeMsc - 400 * DAY,
      behaviour: 'coverage',
      appetite: 0,
      initialDeposit: 50_000_000_00,
    });
  });
  return { clients, clientAccounts, accounts };
}

/** Mostly B-book; about one account in eight already sits in its group's A-book twin. */
function clientGroup(catalog: Catalog, rng: Rng): GroupInfo {
  const name = rng.weighted(CLIENT_GROUPS, CLIENT_GROUP_WEIGHTS);
  const routed = rng.chance(0.12) ? name.replace('real\\', 'real\\a-book\\') : name;
  return catalog.group(routed) as GroupInfo;
}

function appetite(behaviour: Behaviour, rng: Rng): number {
  if (behaviour === 'scalper') return rng.range(0.04, 0.12);
  if (behaviour === 'hedger') return rng.range(0.03, 0.08);
  if (behaviour === 'latency-arb' || behaviour === 'sharp-winner') return rng.range(0.05, 0.15);
  if (behaviour === 'news') return rng.range(0.03, 0.1);
  // A martingale's first step: small, since each step after a loss doubles it.
  if (behaviour === 'martingale') return rng.range(0.004, 0.012);
  // About one ordinary trader in fourteen over-leverages (one client in twenty-three, as before the
  // specialists took their share of the population); they are the ones the stop-out catches.
  return rng.chance(0.07) ? rng.range(0.1, 0.3) : rng.range(0.01, 0.06);
}

/** Whole currency units, spread over orders of magnitude. */
function deposit(behaviour: Behaviour, rng: Rng): Money {
  const units =
    behaviour === 'scalper' || behaviour === 'latency-arb'
      ? rng.logUniform(1_000, 50_000)
      : behaviour === 'sharp-winner'
        ? rng.logUniform(5_000, 200_000)
        : rng.logUniform(300, 150_000);
  return Math.round(units) * 100;
}
