import { describe, expect, it } from 'vitest';
import { requestNames, streamNames } from '../shared/contract';
import { preloadRequestNames, preloadStreamNames } from './channels';

describe('preload channel lists', () => {
  it('are exactly the contract’s requests and streams', () => {
    expect([...preloadRequestNames].sort()).toEqual([...requestNames].sort());
    expect([...preloadStreamNames].sort()).toEqual([...streamNames].sort());
  });
});
