/**
 * A short two-tone beep through WebAudio: no sound file to ship or to allow in the CSP.
 * Browsers start an AudioContext suspended until a user gesture; `unlock()` is called from the
 * notifications control's click so later alerts can sound without one.
 */
let context: AudioContext | null = null;

function audio(): AudioContext | null {
  if (typeof AudioContext === 'undefined') return null;
  context ??= new AudioContext();
  return context;
}

/** Call from a click or key press: resumes the audio context for later beeps. */
export function unlockAlertSound(): void {
  const ctx = audio();
  if (ctx && ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
}

export function playCriticalBeep(): void {
  const ctx = audio();
  if (ctx?.state !== 'running') return;
  const start = ctx.currentTime;
  for (const [offset, frequency] of [
    [0, 880],
    [0.18, 660],
  ] as const) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'square';
    osc.frequency.value = frequency;
    // A quick fade in and out: a hard start or stop of the wave clicks in the speaker.
    gain.gain.setValueAtTime(0, start + offset);
    gain.gain.linearRampToValueAtTime(0.08, start + offset + 0.01);
    gain.gain.linearRampToValueAtTime(0, start + offset + 0.15);
    osc.connect(gain).connect(ctx.destination);
    osc.start(start + offset);
    osc.stop(start + offset + 0.16);
  }
}
