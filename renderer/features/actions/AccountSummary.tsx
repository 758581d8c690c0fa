/** The account a dialog acts on, with its live figures (re-read from the accounts feed every second). */
import { useEffect, useState } from 'react';
import type { AccountRow } from '../../../shared/rows';
import { formatLeverage, formatMarginLevel, formatMoneyCell } from '../../format';
import type { RowFeed } from '../../grids/row-feed';
import { marginTone } from '../accounts/margin-tone';

export function useLiveAccount(feed: RowFeed<AccountRow>, account: AccountRow, everyMs = 1000): AccountRow {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return feed.get(account.id) ?? account;
}

export function AccountSummary({ account }: { account: AccountRow }) {
  const tone = marginTone(account);
  return (
    <div
      className="account-summary"
      data-testid="dialog-account"
      data-server={account.server}
      data-login={account.login}
    >
      <div className="account-summary-head">
        <strong>{account.login}</strong>
        <span>{account.clientName}</span>
        <span className="muted">
          {account.server} · {account.group} · {account.currency} · {formatLeverage(account.leverage)}
        </span>
        {account.tradeDisabled && <span className="error-text">trading disabled</span>}
      </div>
      <dl className="account-figures">
        <dt>Balance</dt>
        <dd data-testid="dialog-balance">{formatMoneyCell(account.balance)}</dd>
        <dt>Credit</dt>
        <dd>{formatMoneyCell(account.credit)}</dd>
        <dt>Equity</dt>
        <dd>{formatMoneyCell(account.equity)}</dd>
        <dt>Free margin</dt>
        <dd>{formatMoneyCell(account.marginFree)}</dd>
        <dt>Margin level</dt>
        <dd className={tone === 'ok' ? '' : `cell-${tone}`}>{formatMarginLevel(account.marginLevel)}</dd>
      </dl>
    </div>
  );
}
