/**
 * A hand-driven trade server for deal-semantics tests: the real catalog, quotes set by the test,
 * a clock the test moves. Not used by the simulator itself.
 */
import type { SyncEvent } from '../../../shared/events';
import { DealAction, UserRights } from '../../../shared/mt5';
import { lotsToVolume, type Money, type Volume } from '../../../shared/units';
import { buildCatalog, type GroupInfo, type SymbolInfo } from './catalog';
import { DealerOperations } from './dealer-operations';
import { Journal } from './journal';
import { QuoteBook } from './quotes';
import type { LiveAccount } from './state';
import { TradeServer } from './trade-server';

export function tradeDesk() {
  const catalog = buildCatalog();
  const quotes = new QuoteBook(catalog.symbols);
  const journal = new Journal('test');
  let now = 1_736_150_400_000;
  const server = new TradeServer({ catalog, quotes, journal, clock: () => now });
  const operations = new DealerOperations(server, catalog);
  let nextLogin = 1001;

  const symbol = (name: string): SymbolInfo => {
    const found = catalog.symbol(name);
    if (found === undefined) throw new Error(`no symbol ${name}`);
    return found;
  };
  const group = (name: string): GroupInfo => {
    const found = catalog.group(name);
    if (found === undefined) throw new Error(`no group ${name}`);
    return found;
  };
  const quote = (name: string, bid: number, ask: number): void => {
    quotes.set(symbol(name), { symbol: name, timeMsc: now, bid, ask });
  };
  // Every conversion route the catalog needs has a quote from the start.
  for (const s of catalog.symbols) {
    const price = s.startPrice;
    quotes.set(s, { symbol: s.spec.symbol, timeMsc: now, bid: price, ask: price });
  }
  quote('EURUSD', 1.1, 1.1001);

  return {
    catalog,
    quotes,
    journal,
    server,
    operations,
    symbol,
    quote,
    advance: (ms: number) => {
      now += ms;
    },
    /** A funded account in `groupName`; its creation events are drained. */
    account(groupName: string, deposit: Money = 100_000_00, leverage = 100): LiveAccount {
      const account = server.openAccount({
        login: nextLogin++,
        group: group(groupName),
        name: 'Test Trader',
        leverage,
        rights: UserRights.DEFAULT,
        country: 'DE',
        registrationMsc: now,
      });
      server.bookBalance(account, DealAction.BALANCE, deposit, 'initial deposit');
      journal.take(Number.POSITIVE_INFINITY);
      return account;
    },
    /** The events since the last call. */
    events: (): SyncEvent[] => journal.take(Number.POSITIVE_INFINITY),
  };
}

export const lots = (n: number): Volume => lotsToVolume(n);
