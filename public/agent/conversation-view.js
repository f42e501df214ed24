/*
 * My conversations: one tab each (WAI-ARIA tabs), the selected one's header, chat and tools, and
 * what happens when a conversation ends or stops being mine (it turns read-only).
 */
import { api, convPath } from './api.js';
import { mergeLines, renderChatLog, renderTyping, stopTyping } from './chat-log.js';
import { el, make } from './dom.js';
import { loadDraft, saveDraft } from './drafts.js';
import { handleError } from './errors.js';
import { triedText } from './format.js';
import { renderHandover } from './handover-view.js';
import { renderKnowledge } from './knowledge-view.js';
import { loadContext, renderContext } from './context-panel.js';
import { loadNotes, renderNoteBox } from './notes-view.js';
import { current, state } from './state.js';
import { showStatus } from './status.js';
import { renderTitle } from './unread.js';

const ENDED_TEXT = {
  customer: 'The customer left the conversation.',
  agent: 'This conversation has ended.',
  transfer: 'This conversation was transferred.',
  supervisor: 'A supervisor moved this conversation.',
  gone: 'This conversation is no longer with you.',
};

export function addConversation(conversation) {
  let conv = state.conversations.get(conversation.id);
  if (!conv) {
    conv = {
      id: conversation.id, info: conversation, lines: [], keys: new Set(), loaded: false, unread: 0, fresh: false,
      ended: false, endedBy: null, typing: false, typingTimer: 0, lastTypingSent: 0, sending: false,
      draft: loadDraft(conversation.id), links: null, kbQuery: '', kbResults: null, changedAt: Date.now(),
    };
    state.conversations.set(conv.id, conv);
  } else {
    conv.info = conversation;
    if (conversation.state !== 'ended' && conv.ended) {
      Object.assign(conv, { ended: false, endedBy: null, loaded: false, changedAt: Date.now() }); // came back to us
    }
  }
  renderTabs();
  if (state.selected === conv.id) renderConversation();
  return conv;
}

/**
 * Server's `mine` is the truth after a reload or reconnect: add new ones, end the ones we lost.
 * Conversations that changed locally after the request left (an accept, an end) are newer than it.
 */
export function reconcileMine(mine, asked) {
  const ids = new Set(mine.map((c) => c.id));
  const stale = (id) => {
    const conv = state.conversations.get(id);
    return conv !== undefined && conv.changedAt >= asked;
  };
  for (const conversation of mine) if (!stale(conversation.id)) addConversation(conversation);
  for (const conv of state.conversations.values()) if (!ids.has(conv.id) && !conv.ended && !stale(conv.id)) markEnded(conv.id, 'gone');
  if (!state.selected && mine.length) selectConversation(mine[0].id);
}

function tabLabel(conv) {
  return conv.info.brandName || 'Brand not known';
}

export function renderTabs() {
  const tabs = [];
  for (const conv of state.conversations.values()) {
    const selected = conv.id === state.selected;
    const wrap = make('div', 'tab-wrap');
    wrap.setAttribute('role', 'presentation');
    const tab = make('button', `tab${conv.ended ? ' ended' : ''}`);
    tab.type = 'button';
    tab.id = `tab-${tabs.length}`;
    tab.setAttribute('role', 'tab');
    tab.setAttribute('aria-selected', String(selected));
    tab.setAttribute('aria-controls', 'conversation');
    tab.tabIndex = selected || (!state.selected && tabs.length === 0) ? 0 : -1;
    tab.dataset.testid = 'conversation-tab';
    tab.dataset.id = conv.id;
    tab.append(make('span', 'tab-brand', tabLabel(conv)), make('span', 'tab-summary', conv.info.summary || ''));
    if (conv.ended) tab.append(make('span', 'tab-state', 'ended'));
    if (!selected && (conv.unread || conv.fresh)) {
      const badge = make('span', 'badge', conv.unread ? String(conv.unread) : 'new');
      badge.dataset.testid = 'unread';
      badge.setAttribute('aria-label', conv.unread ? `${conv.unread} unread` : 'new');
      tab.append(badge);
    }
    tab.addEventListener('click', () => selectConversation(conv.id));
    tab.addEventListener('keydown', onTabKey);
    wrap.append(tab);
    if (conv.ended) {
      const close = make('button', 'tab-close', '×');
      close.type = 'button';
      close.setAttribute('aria-label', `Close ${tabLabel(conv)} conversation`);
      close.addEventListener('click', () => closeConversation(conv.id));
      wrap.append(close);
    }
    tabs.push(wrap);
  }
  const hadFocus = el.tabs.contains(document.activeElement) && document.activeElement.dataset.id;
  el.tabs.replaceChildren(...tabs);
  if (hadFocus) {
    const again = el.tabs.querySelector(`[role="tab"][data-id="${CSS.escape(hadFocus)}"]`);
    if (again) again.focus();
  }
  el.noConversation.hidden = state.conversations.size > 0;
  revealSelectedTab();
  renderTitle();
}

/** With more tabs than fit, the selected one is scrolled into the strip (sideways only: the page stays put). */
function revealSelectedTab() {
  const tab = el.tabs.querySelector('[role="tab"][aria-selected="true"]');
  if (!tab) return;
  const strip = el.tabs.getBoundingClientRect();
  const box = (tab.parentElement || tab).getBoundingClientRect();
  if (box.left < strip.left) el.tabs.scrollLeft -= strip.left - box.left;
  else if (box.right > strip.right) el.tabs.scrollLeft += box.right - strip.right;
}

/** Arrow keys move between tabs (the WAI-ARIA tabs pattern). */
function onTabKey(event) {
  const tabs = Array.from(el.tabs.querySelectorAll('[role="tab"]'));
  const index = tabs.indexOf(event.currentTarget);
  const next = { ArrowRight: index + 1, ArrowDown: index + 1, ArrowLeft: index - 1, ArrowUp: index - 1, Home: 0, End: tabs.length - 1 }[event.key];
  if (next === undefined) return;
  event.preventDefault();
  const target = tabs[(next + tabs.length) % tabs.length];
  selectConversation(target.dataset.id);
  const focus = el.tabs.querySelector(`[role="tab"][data-id="${CSS.escape(target.dataset.id)}"]`);
  if (focus) focus.focus();
}

export function selectConversation(id) {
  const previous = current();
  if (previous) previous.draft = el.composer.value;
  const conv = state.conversations.get(id);
  state.selected = conv ? id : null;
  if (conv) {
    conv.unread = 0;
    conv.fresh = false;
  }
  renderTabs();
  renderConversation();
  if (conv && !conv.loaded) loadTranscript(conv);
}

export function closeConversation(id) {
  const conv = state.conversations.get(id);
  if (!conv || !conv.ended) return;
  clearTimeout(conv.typingTimer);
  saveDraft(id, '');
  state.conversations.delete(id);
  if (state.selected === id) {
    state.selected = null;
    const next = state.conversations.keys().next();
    selectConversation(next.done ? null : next.value);
  } else {
    renderTabs();
  }
}

export async function loadTranscript(conv) {
  const session = state.session;
  try {
    const data = await api('GET', convPath(conv.id, 'transcript'));
    if (session !== state.session) return;
    mergeLines(conv, data.lines || []);
    conv.handover = data.handover || [];
    conv.loaded = true;
    loadNotes(conv);
    loadContext(conv);
    if (state.selected === conv.id) renderHandover(conv);
    if (state.selected === conv.id) renderChatLog(conv);
  } catch (err) {
    if (session === state.session) handleConversationError(conv, err);
  }
}

export function renderConversation() {
  const conv = current();
  el.conversation.hidden = !conv;
  if (!conv) return;
  const tab = el.tabs.querySelector(`[role="tab"][aria-selected="true"]`);
  if (tab) el.conversation.setAttribute('aria-labelledby', tab.id);
  const { info } = conv;
  el.convTitle.textContent = `${info.brandName || 'Brand not known'}${info.channel ? ` · ${info.channel}` : ''}`;
  el.convSummary.textContent = info.summary || '';
  el.convTried.textContent = triedText(info.tried);
  el.convEnded.hidden = !conv.ended;
  el.convEnded.textContent = conv.ended ? `${ENDED_TEXT[conv.endedBy] || ENDED_TEXT.agent} You can close it.` : '';
  el.composer.value = conv.draft;
  el.kbQuery.value = conv.kbQuery;
  renderChatLog(conv);
  renderHandover(conv);
  renderTyping(conv);
  renderKnowledge(conv);
  renderContext(conv);
  updateControls(conv);
}

/** An ended conversation is read-only: everything but Close is disabled. */
export function updateControls(conv) {
  const readOnly = !conv || conv.ended;
  for (const control of [el.composer, el.end, el.transfer, el.kbQuery, el.kbSearch, el.sellLink, el.swapLink]) control.disabled = readOnly;
  el.send.disabled = readOnly || conv.sending;
  for (const button of el.kbResults.querySelectorAll('button')) button.disabled = readOnly;
  el.closeTab.hidden = !conv || !conv.ended;
  renderNoteBox(conv);
}

export function markEnded(id, by) {
  const conv = state.conversations.get(id);
  if (!conv) return;
  conv.ended = true;
  conv.changedAt = Date.now();
  conv.endedBy = conv.endedBy && by === 'gone' ? conv.endedBy : by;
  stopTyping(conv);
  renderTabs();
  if (state.selected === id) renderConversation();
}

/**
 * Forbidden (403) or NotFound (404) on a conversation mean it is no longer ours: make it read-only
 * rather than fail again. Other refusals — a transfer's UnknownAgent is a 404 too — changed nothing:
 * the chat stays usable and the agent reads the server's own words, then `unchanged`.
 */
export function handleConversationError(conv, err, unchanged = '') {
  if (err && ((err.status === 403 && err.code === 'Forbidden') || (err.status === 404 && err.code === 'NotFound'))) {
    markEnded(conv.id, 'gone');
    return showStatus(err.status === 403 ? 'This conversation is now with another agent.' : 'This conversation has already ended.', 'warn');
  }
  if (err && err.status >= 400 && err.status < 500 && err.status !== 401 && unchanged) return showStatus(`${err.message}${/[.!?]$/.test(err.message) ? '' : '.'} ${unchanged}`, 'error');
  handleError(err);
}
