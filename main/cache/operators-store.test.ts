import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type OperatorsStore, openOperatorsStore, operatorKey, type StoredOperator } from './operators-store';
import { tempFolder } from './test-events';

const T = 1_700_000_000_000;
const operator = (name: string, over: Partial<StoredOperator> = {}): StoredOperator => ({
  name,
  role: 'dealer',
  disabled: false,
  createdAtMsc: T,
  createdBy: 'admin',
  passwordHash: `$scrypt$hash-of-${name}`,
  ...over,
});

describe('operators store', () => {
  let folder: ReturnType<typeof tempFolder>;
  let file: string;
  let store: OperatorsStore;
  beforeEach(() => {
    folder = tempFolder();
    file = join(folder.path, 'desk.db');
    store = openOperatorsStore(file);
  });
  afterEach(() => {
    store.close();
    folder.remove();
  });

  it('creates the first operator only while none exists', () => {
    expect(store.any()).toBe(false);
    expect(store.createFirst(operator('Admin', { role: 'admin', createdBy: 'setup' }))).toBe(true);
    expect(store.createFirst(operator('Second', { role: 'admin' }))).toBe(false);
    expect(store.any()).toBe(true);
    expect(store.list().map((o) => o.name)).toEqual(['Admin']);
  });

  it('keeps names unique regardless of case, in any script, and finds them the same way', () => {
    expect(store.create(operator('Dana'))).toBe(true);
    expect(store.create(operator('DANA'))).toBe(false);
    expect(store.create(operator(' dana '))).toBe(false);
    expect(store.create(operator('Élodie'))).toBe(true);
    expect(store.create(operator('éLODIE'))).toBe(false);
    expect(store.get('dAnA')).toMatchObject({ name: 'Dana', passwordHash: '$scrypt$hash-of-Dana' });
    expect(store.get('ÉLODIE')?.name).toBe('Élodie');
    expect(store.get('nobody')).toBeUndefined();
    expect(operatorKey(' Ｄａｎａ ')).toBe('dana'); // full-width letters fold too (NFKC)
  });

  it('lists operators by name without their password hashes, and survives a reopen', () => {
    store.create(operator('zed', { role: 'risk' }));
    store.create(operator('Anna', { role: 'admin', disabled: true }));
    store.close();
    store = openOperatorsStore(file);
    expect(store.list()).toEqual([
      { name: 'Anna', role: 'admin', disabled: true, createdAtMsc: T, createdBy: 'admin' },
      { name: 'zed', role: 'risk', disabled: false, createdAtMsc: T, createdBy: 'admin' },
    ]);
  });

  it('updates only what it is given', () => {
    store.create(operator('dana'));
    expect(store.update('DANA', { role: 'risk' }, T + 1)).toMatchObject({ role: 'risk', disabled: false });
    expect(store.update('dana', { disabled: true }, T + 2)).toMatchObject({ role: 'risk', disabled: true });
    expect(store.update('dana', { passwordHash: 'new' }, T + 3)).toMatchObject({
      role: 'risk',
      disabled: true,
      passwordHash: 'new',
      createdAtMsc: T,
    });
    expect(store.update('nobody', { role: 'admin' }, T)).toBeUndefined();
  });

  it('counts the admins who may sign in', () => {
    store.create(operator('a', { role: 'admin' }));
    store.create(operator('b', { role: 'admin', disabled: true }));
    store.create(operator('c', { role: 'dealer' }));
    expect(store.enabledAdmins()).toBe(1);
    store.update('b', { disabled: false }, T);
    expect(store.enabledAdmins()).toBe(2);
  });
});
