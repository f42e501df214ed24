/*
 * giftbot agent console — one page, served at /agent/ and as the Teams static tab at
 * /agent/teams.html (the server gives each path its own framing policy; the page picks its host
 * by the path). Native ES modules, no build step; this one signs in, starts the console and wires the page.
 * The API contract: GET/POST /api/agent/* with `Authorization: Bearer <token>` (api.js), live
 * events over the WebSocket /api/agent/stream (stream.js).
 *
 * Security: everything customers and agents write is untrusted. Text only ever reaches the page
 * through textContent / createTextNode; http(s) URLs become <a> elements built by hand (format.js).
 */
import { api } from './api.js';
import { startArchiveView } from './archive-view.js';
import { onComposerInput } from './composer.js';
import { endConversation, insertLink, onComposerKey, sendMessage, transferConversation } from './conversation-actions.js';
import { closeConversation, renderConversation, renderTabs } from './conversation-view.js';
import { el } from './dom.js';
import { handleError } from './errors.js';
import { searchKnowledge } from './knowledge-view.js';
import { attachMacroMenu } from './macro-menu.js';
import { startNotifications } from './notifications.js';
import { startNotifyToggles } from './notify-toggles.js';
import { refreshQueue, renderQueueMeta, tickWaitingTimes } from './queue-view.js';
import { startReportsView } from './reports-view.js';
import { showSignIn, signOut } from './session.js';
import { unlockSound } from './sound.js';
import { state } from './state.js';
import { clearStatus, showStatus } from './status.js';
import { startStatusPicker } from './status-picker.js';
import { startSupervisorView } from './supervisor-view.js';
import { connect } from './stream.js';
import { startInTeams } from './teams.js';
import { followSystemTheme } from './theme.js';
import { forgetToken, readToken, storeToken, tokenFromFragment } from './token-store.js';

const TICK_MS = 250; // waiting times: a quarter-second tick so each second flips on time
const TEAMS_TAB = '/agent/teams.html'; // manifest/manifest.json's contentUrl

/** Teams only ever frames the tab's path (the CSP refuses it anywhere else), so the path says the host. */
function pickHost() {
  // Collapsed like the server's path, which serves '/agent//teams.html' as the tab's page too.
  const inTab = location.pathname.replace(/\/{2,}/g, '/') === TEAMS_TAB;
  document.body.dataset.host = inTab ? 'teams' : 'web';
  if (inTab) document.title = 'Agent console — giftbot (Teams)';
  return document.body.dataset.host;
}

async function signIn(token, { sso = false } = {}) {
  const session = state.session;
  state.token = token;
  state.sso = sso;
  el.signinSubmit.disabled = true;
  el.signinSubmit.textContent = 'Signing in…';
  let me;
  try {
    me = await api('GET', '/api/agent/me');
  } catch (err) {
    if (session !== state.session) return;
    state.token = null;
    state.sso = false;
    if (err.status === 401) {
      forgetToken();
      showSignIn(sso ? 'Your Teams account is not set up as a support agent. Sign in with an agent token instead.' : 'That token was not accepted. Check it and sign in again.');
    } else {
      showSignIn(err.message);
    }
    return;
  } finally {
    el.signinSubmit.disabled = false;
    el.signinSubmit.textContent = 'Sign in';
  }
  if (session !== state.session) return;
  if (!sso) storeToken(token); // SSO tokens are short-lived: fetched again, never stored
  state.agent = me.agent;
  state.via = me.via;
  state.role = me.role || 'agent';
  startConsole();
}

function startConsole() {
  el.signinView.hidden = true;
  el.consoleView.hidden = false;
  el.agentName.textContent = (state.agent && state.agent.name) || 'Agent';
  el.who.hidden = false;
  el.signout.hidden = state.via === 'teams'; // Teams owns the session there
  clearStatus();
  renderQueueMeta();
  renderTabs();
  renderConversation();
  state.timers.tick = setInterval(tickWaitingTimes, TICK_MS);
  refreshQueue().catch(handleError);
  startStatusPicker();
  startSupervisorView();
  startArchiveView();
  startReportsView(); // after the Team and Past views: it closes when either opens
  startNotifyToggles();
  startNotifications();
  connect();
}

function wire() {
  el.signinForm.addEventListener('submit', (event) => {
    event.preventDefault();
    unlockSound(); // this click lets alert tones play later (autoplay policy)
    const token = el.token.value.trim();
    if (!token) {
      showStatus('Enter your agent token to sign in.', 'error');
      return el.token.focus();
    }
    signIn(token);
  });
  el.signout.addEventListener('click', () => signOut());
  el.statusDismiss.addEventListener('click', clearStatus);
  el.composerForm.addEventListener('submit', (event) => {
    event.preventDefault();
    sendMessage();
  });
  el.composer.addEventListener('keydown', onComposerKey);
  el.composer.addEventListener('input', onComposerInput);
  attachMacroMenu();
  el.kbForm.addEventListener('submit', searchKnowledge);
  el.sellLink.addEventListener('click', () => insertLink('sell'));
  el.swapLink.addEventListener('click', () => insertLink('swap'));
  el.end.addEventListener('click', endConversation);
  el.transfer.addEventListener('click', transferConversation);
  el.closeTab.addEventListener('click', () => state.selected && closeConversation(state.selected));
  // The printed console URL pasted into a tab already on /agent/ only changes the fragment.
  window.addEventListener('hashchange', () => {
    if (state.token || state.agent) return;
    const token = tokenFromFragment();
    if (token) signIn(token);
  });
  // Back online: don't wait for the backoff timer.
  window.addEventListener('online', () => {
    if (state.token && !state.socket) {
      state.attempts = 0;
      connect();
    }
  });
}

async function boot() {
  wire();
  followSystemTheme();
  const fromFragment = tokenFromFragment();
  if (pickHost() === 'teams') {
    const teams = await startInTeams();
    if (teams) {
      // Teams is the host: its SSO token, or the fallback sign-in saying why there is none.
      if ('failed' in teams) showSignIn(teams.failed);
      else await signIn(teams.token, { sso: true });
      return;
    }
  }
  const token = fromFragment || readToken();
  if (token) signIn(token);
  else showSignIn();
}

boot();
