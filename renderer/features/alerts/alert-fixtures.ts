import type { AlertRow } from '../../../shared/contract';

/** An alert row for tests, open at warn unless told otherwise. */
export function alertRow(over: Partial<AlertRow> = {}): AlertRow {
  const key = over.key ?? 'concentration:sim-1:EURUSD';
  return {
    id: key,
    key,
    rule: 'concentration',
    server: 'sim-1',
    subject: 'EURUSD',
    level: 'warn',
    state: 'open',
    firstMsc: 1_000,
    lastMsc: 1_000,
    value: 600_000_000,
    threshold: 500_000_000,
    unit: 'money',
    message: 'EURUSD on sim-1: broker net is beyond the limit.',
    brokerNetNotional: -600_000_000,
    acknowledgedBy: null,
    acknowledgedMsc: null,
    snoozedBy: null,
    snoozedUntilMsc: null,
    resolvedBy: null,
    resolvedMsc: null,
    ...over,
  };
}
