import { describe, expect, it } from 'vitest';
import { commentCarries, dealComment, MAX_DEAL_COMMENT, noteRoom } from './transaction-ids';

describe('transaction ids in deal comments', () => {
  it('finds the id only as a whole token', () => {
    expect(commentCarries('K7QX2-12 wire', 'K7QX2-12')).toBe(true);
    expect(commentCarries('paid K7QX2-12', 'K7QX2-12')).toBe(true);
    expect(commentCarries('K7QX2-123 wire', 'K7QX2-12')).toBe(false);
    expect(commentCarries('K7QX2-12 wire', 'K7QX2-123')).toBe(false);
    expect(commentCarries('XK7QX2-12', 'K7QX2-12')).toBe(false);
    expect(commentCarries('K7QX2-12/2', 'K7QX2-12')).toBe(false);
  });

  it('builds `<id> <note>` within 31 characters', () => {
    expect(dealComment('K7QX2-12', '')).toBe('K7QX2-12');
    expect(dealComment('K7QX2-12', 'wire 42')).toBe('K7QX2-12 wire 42');
    expect(noteRoom('K7QX2-12')).toBe(22);
    expect(dealComment('K7QX2-12', 'x'.repeat(noteRoom('K7QX2-12')))).toHaveLength(MAX_DEAL_COMMENT);
  });
});
