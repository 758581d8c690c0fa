/**
 * A short two-tone beep through WebAudio: no sound file to ship or to allow in the CSP.
 *
 * Browsers let an AudioContext sound only after a user gesture, so `unlockAlertSound()` creates it
 * from the dealer's first click or key press; later beeps may then resume it without one.
 *
 * Between beeps the context is suspended. A running context renders silence without pause: on the
 * 2-core bench machine that was 17 % of a core on the audio service's thread, taken from the desk
 * every second of the day for a beep that sounds a few times an hour.
 */
let context: AudioContext | null = null;
let quietTimer: ReturnType<typeof setTimeout> | null = null;

/** The two tones: [seconds from the start of the beep, pitch in Hz]. Each sounds for 0.16 s. */
const TONES = [
  [0, 880],
  [0.18, 660],
] as const;
const TONE_SECONDS = 0.16;
/** The beep's 0.34 s, and time for the last samples to leave the speaker before the context stops. */
const QUIET_AFTER_MS = 650;

/** Call from a click or key press: makes the audio context that later beeps sound through. */
export function unlockAlertSound(): void {
  if (context || typeof AudioContext === 'undefined') return;
  context = new AudioContext();
  // Created inside a gesture, it starts running: the gesture is what mattered, so go quiet until a beep.
  void context.suspend().catch(() => undefined);
}

export function playCriticalBeep(): void {
  const ctx = context;
  if (!ctx) return;
  if (quietTimer) clearTimeout(quietTimer);
  quietTimer = null;
  void ctx
    .resume()
    .then(() => {
      if (ctx.state !== 'running') return;
      sound(ctx);
      if (quietTimer) clearTimeout(quietTimer);
      quietTimer = setTimeout(() => {
        quietTimer = null;
        void ctx.suspend().catch(() => undefined);
      }, QUIET_AFTER_MS);
    })
    .catch(() => undefined);
}

function sound(ctx: AudioContext): void {
  const start = ctx.currentTime;
  for (const [offset, frequency] of TONES) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'square';
    osc.frequency.value = frequency;
    // A quick fade in and out: a hard start or stop of the wave clicks in the speaker.
    gain.gain.setValueAtTime(0, start + offset);
    gain.gain.linearRampToValueAtTime(0.08, start + offset + 0.01);
    gain.gain.linearRampToValueAtTime(0, start + offset + TONE_SECONDS - 0.01);
    osc.connect(gain).connect(ctx.destination);
    osc.start(start + offset);
    osc.stop(start + offset + TONE_SECONDS);
  }
}
