/*
 * The alert tone: two short notes made with the Web Audio API, so there is no audio file to serve.
 * Browsers start an AudioContext suspended until the page has had a click or key press (autoplay
 * policy); a blocked or missing context is silently skipped — a tone is never worth an error.
 */
let context = null;

function audioContext() {
  const Context = window.AudioContext || window.webkitAudioContext;
  if (!Context) return null;
  if (!context) context = new Context();
  // Resuming is refused until the page has had a user gesture: the next tone tries again.
  if (context.state === 'suspended') context.resume().catch(() => {});
  return context;
}

/** Called from a click (sign-in, a toggle): creating the context there lets later tones play. */
export function unlockSound() {
  try { audioContext(); } catch { /* no audio here */ }
}

export function playTone() {
  try {
    const ctx = audioContext();
    if (!ctx) return;
    const start = ctx.currentTime + 0.01;
    for (const [offset, frequency] of [[0, 880], [0.14, 1175]]) {
      const oscillator = ctx.createOscillator();
      const gain = ctx.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency;
      // A quick fade in and out: a plain start/stop clicks.
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.2, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.12);
      oscillator.connect(gain).connect(ctx.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + 0.13);
    }
  } catch { /* audio blocked or unavailable: the desktop notification and the title still tell */ }
}
