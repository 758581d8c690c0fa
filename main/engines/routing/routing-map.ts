/**
 * Which groups are A-book and which B-book group each one twins, per server. Routing an account
 * is moving it to its group's twin; a group in no pair cannot be routed (a dealer maps it first).
 */
import type { ServerId } from '../../../shared/domain';
import type { RoutingBook, RoutingPair } from '../../../shared/routing';

interface GroupRoute {
  book: RoutingBook;
  twin: string;
}

const keyOf = (server: ServerId, group: string): string => `${server}\u001f${group}`;

export class RoutingMap {
  private routes = new Map<string, GroupRoute>();
  private list: RoutingPair[] = [];

  constructor(pairs: readonly RoutingPair[] = []) {
    this.replace(pairs);
  }

  /** Swaps in a new map (validated by `routingMapSchema` at the boundary). */
  replace(pairs: readonly RoutingPair[]): void {
    const routes = new Map<string, GroupRoute>();
    for (const { server, bBook, aBook } of pairs) {
      routes.set(keyOf(server, bBook), { book: 'B', twin: aBook });
      routes.set(keyOf(server, aBook), { book: 'A', twin: bBook });
    }
    this.routes = routes;
    this.list = pairs.map((p) => ({ ...p }));
  }

  pairs(): RoutingPair[] {
    return this.list.map((p) => ({ ...p }));
  }

  /** The flag of an account in `group`: A for an A-book twin, B otherwise (unmapped groups are the broker's risk). */
  bookOf(server: ServerId, group: string): RoutingBook {
    return this.routes.get(keyOf(server, group))?.book ?? 'B';
  }

  /** Whether the group is in a pair, i.e. whether its accounts can be routed. */
  isMapped(server: ServerId, group: string): boolean {
    return this.routes.has(keyOf(server, group));
  }

  /** The group an account in `group` must move to for `book`; the same group when it is there already. */
  groupFor(server: ServerId, group: string, book: RoutingBook): string | undefined {
    const route = this.routes.get(keyOf(server, group));
    if (route === undefined) return undefined;
    return route.book === book ? group : route.twin;
  }
}
