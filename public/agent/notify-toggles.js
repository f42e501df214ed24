/*
 * The header's notification toggles (issue 15): Sound (on unless turned off) and Desktop (off until
 * turned on). Both are kept in this browser. Desktop permission is asked only from the click that
 * turns it on, and never again once the browser says denied: the agent is told where to allow it.
 * In the Teams tab the Desktop toggle is hidden: Teams shows its own activity for the app.
 */
import { state } from './state.js';
import { showStatus } from './status.js';
import { playTone, unlockSound } from './sound.js';

const SOUND_KEY = 'giftbot-agent-sound';
const DESKTOP_KEY = 'giftbot-agent-desktop';
const BLOCKED = 'Desktop notifications are blocked for this site. Allow them in the browser\'s site settings, then turn them on here.';
const soundButton = () => document.getElementById('notify-sound');
const desktopButton = () => document.getElementById('notify-desktop');

function read(key) {
  try { return localStorage.getItem(key); } catch { return null; } // storage blocked: defaults
}

function write(key, value) {
  try { localStorage.setItem(key, value); } catch { /* not kept: chosen again next time */ }
}

const permission = () => ('Notification' in window ? Notification.permission : 'unsupported');

export const soundOn = () => read(SOUND_KEY) !== 'off';

/** Desktop notifications go out only when turned on here, allowed by the browser, and not in Teams. */
export const desktopOn = () => !state.inTeams && read(DESKTOP_KEY) === 'on' && permission() === 'granted';

function show() {
  const sound = soundButton();
  const desktop = desktopButton();
  if (sound) sound.setAttribute('aria-pressed', String(soundOn()));
  if (desktop) {
    desktop.hidden = state.inTeams || permission() === 'unsupported';
    desktop.setAttribute('aria-pressed', String(desktopOn()));
  }
}

async function toggleDesktop() {
  unlockSound();
  if (desktopOn()) {
    write(DESKTOP_KEY, 'off');
    return show();
  }
  let answer = permission();
  if (answer === 'default') {
    // The one place permission is asked: this click. A dismissed prompt leaves 'default'.
    try { answer = await Notification.requestPermission(); } catch { answer = 'denied'; }
  }
  if (answer === 'granted') write(DESKTOP_KEY, 'on');
  else if (answer === 'denied') showStatus(BLOCKED, 'warn');
  show();
}

function toggleSound() {
  unlockSound();
  write(SOUND_KEY, soundOn() ? 'off' : 'on');
  show();
  if (soundOn()) playTone(); // a sample, so the agent hears what it will sound like
}

export function startNotifyToggles() {
  const sound = soundButton();
  const desktop = desktopButton();
  if (!sound || !desktop) return;
  document.getElementById('notify-toggles').hidden = false;
  if (!sound.dataset.wired) {
    sound.dataset.wired = '1';
    sound.addEventListener('click', toggleSound);
    desktop.addEventListener('click', () => { toggleDesktop(); });
  }
  show();
}
