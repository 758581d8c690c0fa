import { describe, expect, it } from 'vitest';
import { marginTone } from './margin-tone';

const levels = { marginCallLevel: 100, stopOutLevel: 50 };

describe('marginTone', () => {
  it('is ok with no margin or a healthy level', () => {
    expect(marginTone({ ...levels, marginLevel: null, marginState: 'ok' })).toBe('ok');
    expect(marginTone({ ...levels, marginLevel: 350, marginState: 'ok' })).toBe('ok');
  });
  it('warns near and at the margin call', () => {
    expect(marginTone({ ...levels, marginLevel: 109, marginState: 'ok' })).toBe('warn');
    expect(marginTone({ ...levels, marginLevel: 80, marginState: 'margin_call' })).toBe('warn');
  });
  it('is red at or under stop-out, or when the server says so', () => {
    expect(marginTone({ ...levels, marginLevel: 50, marginState: 'margin_call' })).toBe('danger');
    expect(marginTone({ ...levels, marginLevel: 70, marginState: 'stop_out' })).toBe('danger');
  });
});
