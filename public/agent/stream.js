/*
 * Live events over the WebSocket /api/agent/stream: the first frame signs in (browsers can't set
 * headers on a WebSocket), then queue, message, typing, assigned, ended and note arrive. While the socket
 * is down the queue is polled, and it reconnects with backoff.
 */
import { api } from './api.js';
import { addLine, showTyping, stopTyping } from './chat-log.js';
import { addConversation, loadTranscript, markEnded, renderTabs, selectConversation } from './conversation-view.js';
import { el } from './dom.js';
import { handleError } from './errors.js';
import { announceAssigned, onNewLine } from './notifications.js';
import { onNoteFrame } from './notes-view.js';
import { refreshQueue, renderQueue } from './queue-view.js';
import { signOut } from './session.js';
import { current, state } from './state.js';
import { setConnection, showStatus } from './status.js';
import { onStatusFrame, statusForSignIn } from './status-picker.js';
import { refreshTeamsToken } from './teams.js';

const POLL_MS = 5000; // queue polling while the socket is down
const PING_MS = 25000; // keeps idle proxies from dropping the socket
const MAX_BACKOFF_MS = 30000;

function streamUrl() {
  const url = new URL('/api/agent/stream', location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

export function connect() {
  clearTimeout(state.timers.reconnect);
  if (!state.token) return;
  setConnection(state.everConnected ? 'offline' : 'connecting');
  let socket;
  try {
    socket = new WebSocket(streamUrl());
  } catch {
    return onSocketClosed(null, { code: 1006 });
  }
  state.socket = socket;
  state.socketReady = false;
  socket.addEventListener('open', () => authenticateSocket(socket));
  socket.addEventListener('message', (event) => onSocketMessage(socket, event));
  socket.addEventListener('close', (event) => onSocketClosed(socket, event));
}

/** Browsers can't set headers on a WebSocket: the first frame carries the token, on every (re)connect. */
async function authenticateSocket(socket) {
  if (state.sso && state.attempts > 0) await refreshTeamsToken();
  if (socket === state.socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'auth', token: state.token, ...statusForSignIn() }));
}

function onSocketMessage(socket, event) {
  if (socket !== state.socket) return;
  let msg;
  try { msg = JSON.parse(event.data); } catch { return; }
  if (!msg || typeof msg.type !== 'string') return;
  switch (msg.type) {
    case 'ready': return onReady(msg);
    case 'queue': return renderQueue(Array.isArray(msg.waiting) ? msg.waiting : []);
    case 'message': return onCustomerMessage(msg);
    case 'typing': {
      const conv = state.conversations.get(msg.id);
      return conv && !conv.ended ? showTyping(conv) : undefined;
    }
    case 'assigned': return onAssigned(msg.conversation);
    case 'ended': return markEnded(msg.id, msg.by);
    case 'status': return onStatusFrame(msg);
    case 'note': return onNoteFrame(msg);
    case 'error': return console.warn('agent stream:', msg.message);
    default: return undefined; // pong and anything newer
  }
}

function onReady(msg) {
  const reconnected = state.everConnected;
  state.socketReady = true;
  state.everConnected = true;
  state.attempts = 0;
  if (msg.agent && msg.agent.name) el.agentName.textContent = msg.agent.name;
  setConnection('live');
  stopPolling();
  clearInterval(state.timers.ping);
  state.timers.ping = setInterval(() => {
    if (state.socketReady) state.socket.send(JSON.stringify({ type: 'ping' }));
  }, PING_MS);
  if (reconnected) catchUp();
}

/** Events may have been missed while disconnected: re-read mine and the open transcripts. */
function catchUp() {
  refreshQueue().catch(handleError);
  for (const conv of state.conversations.values()) {
    if (conv.ended) continue;
    if (conv.id === state.selected) loadTranscript(conv);
    else conv.loaded = false; // fetched again when selected
  }
}

function onCustomerMessage(msg) {
  const conv = state.conversations.get(msg.id);
  if (!conv) return refreshQueue().catch(handleError); // a conversation we don't know yet: re-read mine
  if (msg.line && msg.line.from === 'customer') stopTyping(conv);
  if (addLine(conv, msg.line)) onNewLine(conv, msg.line);
}

function onAssigned(conversation) {
  if (!conversation || !conversation.id) return;
  const known = state.conversations.has(conversation.id);
  const conv = addConversation(conversation);
  // A colleague's transfer or routing (ROUTING=auto): either way it is now this agent's.
  showStatus(`A conversation is now yours: ${conversation.brandName || 'brand not known'} — ${conversation.summary || ''}`);
  if (!state.selected) selectConversation(conv.id);
  else if (!known && state.selected !== conv.id) {
    conv.fresh = true;
    renderTabs();
  }
  if (!known) announceAssigned(conv);
}

async function onSocketClosed(socket, event) {
  if (socket && socket !== state.socket) return; // an old socket, or signed out
  const session = state.session;
  state.socket = null;
  state.socketReady = false;
  clearInterval(state.timers.ping);
  setConnection('offline');
  startPolling();
  if (event.code === 4401) {
    // The token was refused: /me tells whether it is really gone (it also refreshes a Teams token).
    try {
      await api('GET', '/api/agent/me');
    } catch (err) {
      if (session === state.session && err.status === 401) return signOut('Your sign-in was not accepted. Please sign in again.');
    }
    if (session !== state.session) return;
  }
  scheduleReconnect();
}

function scheduleReconnect() {
  clearTimeout(state.timers.reconnect);
  // Exponential backoff with jitter, so a restarted server isn't hit by every console at once.
  const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** state.attempts) * (0.75 + Math.random() * 0.5);
  state.attempts += 1;
  state.timers.reconnect = setTimeout(connect, delay);
}

function startPolling() {
  if (state.timers.poll) return;
  state.timers.poll = setInterval(pollOnce, POLL_MS);
}

function stopPolling() {
  clearInterval(state.timers.poll);
  state.timers.poll = 0;
}

async function pollOnce() {
  try {
    await refreshQueue();
    const conv = current();
    if (conv && !conv.ended && conv.loaded) await loadTranscript(conv);
  } catch (err) {
    if (err.status === 401) handleError(err); // network errors: the indicator already says offline
  }
}
