import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// Node has no WebAudio: a stand-in that keeps the state a browser's AudioContext would, and the
// tones scheduled on it. The real one is exercised by the risk e2e test in Chromium.
class FakeAudioContext {
  static made: FakeAudioContext[] = [];
  /** False: the browser refuses to start audio (no gesture seen), as Chromium's autoplay policy does. */
  static allowed = true;
  state: 'running' | 'suspended' | 'closed' = 'running';
  currentTime = 12.5;
  destination = {};
  tones: { frequency: number; start: number; stop: number }[] = [];

  constructor() {
    FakeAudioContext.made.push(this);
  }
  async resume(): Promise<void> {
    // A refused resume stays pending in a browser; it never settles here either.
    if (!FakeAudioContext.allowed) return new Promise(() => undefined);
    this.state = 'running';
  }
  async suspend(): Promise<void> {
    this.state = 'suspended';
  }
  createOscillator() {
    const tone = { frequency: 0, start: Number.NaN, stop: Number.NaN };
    return {
      type: 'sine',
      frequency: {
        set value(hz: number) {
          tone.frequency = hz;
        },
      },
      connect: (node: unknown) => node,
      start: (at: number) => {
        tone.start = at;
        this.tones.push(tone);
      },
      stop: (at: number) => {
        tone.stop = at;
      },
    };
  }
  createGain() {
    return {
      gain: { setValueAtTime: () => undefined, linearRampToValueAtTime: () => undefined },
      connect: (node: unknown) => node,
    };
  }
}

async function freshSound() {
  vi.resetModules();
  return import('./alert-sound');
}

/** A fresh module after the dealer's first click: the sound, and the context the click made. */
async function unlockedSound() {
  const sound = await freshSound();
  sound.unlockAlertSound();
  return { sound, ctx: FakeAudioContext.made[0] as FakeAudioContext };
}

describe('alert sound', () => {
  beforeEach(() => {
    FakeAudioContext.made = [];
    FakeAudioContext.allowed = true;
    vi.stubGlobal('AudioContext', FakeAudioContext);
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('stays silent, and makes no audio context, before the dealer has clicked or typed', async () => {
    const sound = await freshSound();
    sound.playCriticalBeep();
    await vi.runAllTimersAsync();
    expect(FakeAudioContext.made).toHaveLength(0);
  });

  it('keeps the context suspended between beeps, and sounds two tones through it', async () => {
    const sound = await freshSound();
    sound.unlockAlertSound();
    sound.unlockAlertSound();
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeAudioContext.made).toHaveLength(1);
    const ctx = FakeAudioContext.made[0] as FakeAudioContext;
    expect(ctx.state).toBe('suspended');

    sound.playCriticalBeep();
    await vi.advanceTimersByTimeAsync(0);
    expect(ctx.state).toBe('running');
    // Scheduled on the audio clock, in seconds: 880 Hz, a 20 ms gap, then 660 Hz.
    const ms = (seconds: number) => Math.round((seconds - 12.5) * 1000);
    expect(ctx.tones.map((t) => [t.frequency, ms(t.start), ms(t.stop)])).toEqual([
      [880, 0, 160],
      [660, 180, 340],
    ]);
    // Running through the beep's 0.34 s, then quiet again.
    await vi.advanceTimersByTimeAsync(600);
    expect(ctx.state).toBe('running');
    await vi.advanceTimersByTimeAsync(100);
    expect(ctx.state).toBe('suspended');
  });

  it('a second beep during the first keeps the context running until the second is over', async () => {
    const { sound, ctx } = await unlockedSound();
    sound.playCriticalBeep();
    await vi.advanceTimersByTimeAsync(400);
    sound.playCriticalBeep();
    await vi.advanceTimersByTimeAsync(400);
    expect(ctx.state).toBe('running');
    expect(ctx.tones).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(300);
    expect(ctx.state).toBe('suspended');
  });

  it('sounds nothing, and throws nothing, when the browser will not start audio', async () => {
    const { sound, ctx } = await unlockedSound();
    await vi.advanceTimersByTimeAsync(0);
    FakeAudioContext.allowed = false;
    expect(() => sound.playCriticalBeep()).not.toThrow();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(ctx.tones).toHaveLength(0);
    expect(ctx.state).toBe('suspended');
  });
});
