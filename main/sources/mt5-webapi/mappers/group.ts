/**
 * A group/get record as the desk's GroupSpec.
 * UNCERTAIN (MT5-PROTOCOL.md §2.5 names the fields, not the tier enums): the desk's single
 * `commissionPerLot` is the first instant commission (ChargeMode 2) tier's Value, in the deposit
 * currency with the desk's sign (negative = charge), as the simulator's server writes it. The
 * desk's `coverage` flag is no MT5 field: groups under `coverage\` are the broker's own hedge
 * accounts (a naming convention the broker configures; the simulator follows it).
 */
import type { GroupSpec } from '../../../../shared/domain';
import { CommissionEntry } from '../../../../shared/mt5';
import { type Mapped, mapped, WireReader, type WireRecord } from './reader';

const INSTANT_CHARGE = 2;
export const COVERAGE_PREFIX = 'coverage\\';

export function groupFromWire(record: WireRecord): Mapped<GroupSpec> {
  const r = new WireReader(record);
  const group = r.str('Group');
  const commission = instantCommission(record.Commissions);
  const c = commission ? new WireReader(commission) : undefined;
  const tier =
    commission && Array.isArray(commission.Tiers) ? (commission.Tiers[0] as WireRecord | undefined) : undefined;
  const t = tier ? new WireReader(tier) : undefined;
  const spec: GroupSpec = {
    group,
    currency: r.str('Currency'),
    currencyDigits: r.int('CurrencyDigits'),
    marginMode: r.int('MarginMode'),
    marginSOMode: r.optionalInt('MarginSOMode') ?? 0,
    marginCall: r.optionalDecimal('MarginCall'),
    marginStopOut: r.optionalDecimal('MarginStopOut'),
    commissionPerLot: t ? t.money('Value') : 0,
    commissionEntry: c ? (c.optionalInt('EntryMode') ?? CommissionEntry.ALL) : CommissionEntry.ALL,
    coverage: typeof group === 'string' && group.toLowerCase().startsWith(COVERAGE_PREFIX),
  };
  for (const inner of [c, t])
    if (inner && !inner.sound) r.problems.push(...inner.problems.map((p) => `commission ${p}`));
  return mapped(r, spec);
}

function instantCommission(commissions: unknown): WireRecord | undefined {
  if (!Array.isArray(commissions)) return undefined;
  return commissions.find(
    (c): c is WireRecord =>
      typeof c === 'object' && c !== null && String((c as WireRecord).ChargeMode) === String(INSTANT_CHARGE),
  );
}
