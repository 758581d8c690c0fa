import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LaunchOptionsError, readLaunchOptions } from './launch-options';

const defaults = { dataDir: '/home/dealer/.dealer-desk' };

describe('launch options', () => {
  it('falls back to a random port, seed 42, real-time speed and the per-user folder', () => {
    expect(readLaunchOptions({}, defaults)).toEqual({
      port: 0,
      core: { dataDir: path.resolve(defaults.dataDir), simulator: { seed: 42, speed: 1 } },
    });
  });

  it('reads every setting', () => {
    const options = readLaunchOptions(
      {
        DESK_PORT: '8123',
        DESK_DATA_DIR: '/tmp/desk',
        DESK_SIM_SEED: '7',
        DESK_SIM_SPEED: '2.5',
        DESK_SIM_CLIENTS: '300',
        DESK_SIM_POSITIONS: '20000',
        DESK_SIM_EVENT_DELAY_MS: '1500',
      },
      defaults,
    );
    expect(options).toEqual({
      port: 8123,
      core: {
        dataDir: path.resolve('/tmp/desk'),
        simulator: { seed: 7, speed: 2.5, clients: 300, initialPositions: 20000, eventDelayMs: 1500 },
      },
    });
  });

  it('names every bad setting at once, with what it should be', () => {
    let error: unknown;
    try {
      readLaunchOptions(
        { DESK_PORT: '80000', DESK_SIM_SPEED: 'fast', DESK_SIM_CLIENTS: '0', DESK_SIM_SEED: '1.5' },
        defaults,
      );
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(LaunchOptionsError);
    const message = (error as Error).message;
    expect(message).toContain('DESK_PORT must be a whole number from 0 to 65535 (got "80000")');
    expect(message).toContain('DESK_SIM_SPEED must be a number from 0 to 1000 (got "fast")');
    expect(message).toContain('DESK_SIM_CLIENTS');
    expect(message).toContain('DESK_SIM_SEED');
  });

  it('treats an empty variable as unset', () => {
    expect(readLaunchOptions({ DESK_PORT: '', DESK_DATA_DIR: ' ' }, defaults).port).toBe(0);
  });
});
