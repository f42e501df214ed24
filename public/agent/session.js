/*
 * The sign-in form, and signing out: everything of the old session (socket, timers, tabs, queue)
 * goes, and late answers are dropped because `state.session` moves on.
 */
import { el } from './dom.js';
import { state } from './state.js';
import { clearStatus, showStatus } from './status.js';
import { forgetToken } from './token-store.js';

export function showSignIn(message) {
  el.consoleView.hidden = true;
  el.who.hidden = true;
  el.connection.hidden = true;
  el.signinView.hidden = false;
  el.token.value = '';
  if (message) showStatus(message, 'error');
  else clearStatus();
  el.token.focus();
}

export function signOut(message) {
  state.session += 1;
  forgetToken();
  Object.assign(state, { token: null, sso: false, agent: null, selected: null, socketReady: false, everConnected: false, attempts: 0 });
  const socket = state.socket;
  state.socket = null; // its close event is then ignored
  if (socket) socket.close(1000, 'signed out');
  for (const key of ['reconnect', 'poll', 'tick', 'ping']) {
    clearTimeout(state.timers[key]);
    clearInterval(state.timers[key]);
    state.timers[key] = 0;
  }
  for (const conv of state.conversations.values()) clearTimeout(conv.typingTimer);
  state.conversations.clear();
  state.waiting.clear();
  el.queue.replaceChildren();
  el.tabs.replaceChildren();
  el.chatLog.replaceChildren();
  el.kbResults.replaceChildren();
  el.composer.value = '';
  document.title = 'Agent console — giftbot';
  showSignIn(message);
}
