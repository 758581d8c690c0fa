/**
 * What the core needs from the cache and the simulator, as narrow interfaces. The concrete
 * classes (main/cache, main/sources/simulator) satisfy them; tests can hand in their own.
 */
import type {
  Account,
  Client,
  ClientAccount,
  Deal,
  GroupSpec,
  Position,
  ServerId,
  SymbolSpec,
  Tick,
} from '../../shared/domain';
import type { SourceCursor, SyncEvent } from '../../shared/events';

export interface ApplyResult {
  applied: SyncEvent[];
  duplicates: number;
  stale: number;
  deadLettered: number;
}

export interface MirrorPort {
  applyBatch(server: ServerId, rawEvents: readonly unknown[], cursor: SourceCursor): ApplyResult;
  cursor(server: ServerId): SourceCursor;
  symbols(server: ServerId): SymbolSpec[];
  groups(server: ServerId): GroupSpec[];
  latestTicks(server: ServerId): Tick[];
  accounts(filter: { server?: ServerId }): Array<{ server: ServerId; account: Account }>;
  openPositions(filter: { server?: ServerId }): Array<{ server: ServerId; position: Position; commission: number }>;
  deals(query: { server?: ServerId; login?: number; fromMsc: number; toMsc: number; limit: number }): Array<{
    server: ServerId;
    deal: Deal;
  }>;
  close(): void;
}

export interface RecordPort {
  clients(): Client[];
  clientAccounts(): ClientAccount[];
  importClients(clients: readonly Client[], accounts: readonly ClientAccount[]): void;
  getSetting(key: string): unknown;
  setSetting(key: string, value: unknown): void;
  close(): void;
}
