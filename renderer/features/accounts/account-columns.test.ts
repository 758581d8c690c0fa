import { describe, expect, it } from 'vitest';
import { accountColumns } from './account-columns';

describe('account columns', () => {
  it('flash where money moved (balance, credit), not the figures that move with every price', () => {
    const flashing = accountColumns.filter((c) => c.enableCellChangeFlash).map((c) => c.field);
    expect(flashing).toEqual(['balance', 'credit']);
  });
});
