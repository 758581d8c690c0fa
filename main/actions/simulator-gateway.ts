/**
 * The ServerGateway over the embedded simulator: its synchronous DealerBalance and UserUpdate as
 * promises. A reply lost on the way back (the simulator's operation tap throws after the server
 * applied the change) becomes a rejected promise, as a dropped connection would on a real server.
 *
 * The simulator hands its events out on its source's timer, and not at all while paused, so after
 * each operation the events it produced are delivered at once (`deliverNow`): a dealer sees the
 * deal confirm even when the simulation is stopped.
 */
import type { Deal, Login, ServerId } from '../../shared/domain';
import { DealAction } from '../../shared/mt5';
import type { Money } from '../../shared/units';
import type { BalanceReply, ServerGateway, UserChangeRequest } from './server-gateway';
import { commentCarries } from './transaction-ids';

/** What the gateway uses of `Simulator` (main/sources/simulator/simulator.ts). */
export interface SimulatedServer {
  balance(login: Login, action: number, amountCents: Money, comment: string): BalanceReply;
  updateUser(login: Login, change: UserChangeRequest): { retcode: number };
  /** The server's own records: every deal it booked. */
  truth(): { deals: readonly Deal[] };
  /**
   * Re-applies every operation recorded in earlier runs that the restarted stream has not reached
   * yet, so `truth()` holds all the deals the server ever booked (a restarted simulator paused
   * before the point of a recorded operation would not show that operation's deal yet).
   */
  catchUp(): void;
}

export class SimulatorGateway implements ServerGateway {
  constructor(
    readonly server: ServerId,
    /** The current run: a source replaces its simulator when it restarts from the beginning. */
    private readonly simulator: () => SimulatedServer,
    /** Hands the events the operation produced to the desk now (the source's own delivery). */
    private readonly deliverNow: () => void,
    /**
     * How long after its reply an operation's events reach the desk. A real server answers first
     * and pumps the deal a moment later; 0 hands them over before the reply is seen (tests of races).
     */
    private readonly eventDelayMs = 0,
  ) {}

  private deliverEvents(): void {
    if (this.eventDelayMs <= 0) this.deliverNow();
    else setTimeout(this.deliverNow, this.eventDelayMs).unref();
  }

  async balance(login: Login, action: number, amount: Money, comment: string): Promise<BalanceReply> {
    try {
      return this.simulator().balance(login, action, amount, comment);
    } finally {
      // Also when the reply was lost: the server applied it, and its deal must reach the desk.
      this.deliverEvents();
    }
  }

  async updateUser(login: Login, change: UserChangeRequest): Promise<{ retcode: number }> {
    try {
      return this.simulator().updateUser(login, change);
    } finally {
      this.deliverEvents();
    }
  }

  async findBalanceDeal(login: Login, transactionId: string): Promise<{ dealTicket: number } | undefined> {
    const simulator = this.simulator();
    simulator.catchUp();
    // What catching up regenerated must reach the desk too, paused or not: the deal confirms there.
    this.deliverNow();
    const deals = simulator.truth().deals;
    // Newest first: the deal being looked for was booked moments ago.
    for (let i = deals.length - 1; i >= 0; i--) {
      const deal = deals[i] as Deal;
      if (deal.login === login && isDealerBalance(deal.action) && commentCarries(deal.comment, transactionId)) {
        return { dealTicket: deal.ticket };
      }
    }
    return undefined;
  }
}

const isDealerBalance = (action: number): boolean => action >= DealAction.BALANCE && action <= DealAction.BONUS;
