/* The status banner (notices fade, errors stay) and the live-connection indicator. */
import { el } from './dom.js';
import { state } from './state.js';

/** `cause` 'network' marks a banner that only says the server was out of reach: being live again clears it. */
export function showStatus(text, kind = 'info', cause = '') {
  clearTimeout(state.timers.status);
  el.status.textContent = text;
  el.statusBar.dataset.kind = kind;
  el.statusBar.dataset.cause = cause;
  el.statusBar.hidden = false;
  // Errors stay until dismissed or replaced; notices fade on their own.
  if (kind === 'info') state.timers.status = setTimeout(clearStatus, 8000);
}

export function clearStatus() {
  clearTimeout(state.timers.status);
  el.status.textContent = '';
  el.statusBar.hidden = true;
}

export function setConnection(mode) {
  // Live again: "Cannot reach the server" is no longer true (issue 15: it stayed up beside "Live").
  if (mode === 'live' && el.statusBar.dataset.cause === 'network') clearStatus();
  el.connection.hidden = false;
  el.connection.dataset.state = mode;
  el.connection.textContent = mode === 'live' ? 'Live' : mode === 'connecting' ? 'Connecting…' : 'Reconnecting… (refreshing every 5 s)';
}
