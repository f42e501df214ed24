/*
 * Alerts (issue 15): a tone and a desktop notification for a chat newly assigned to this agent and
 * for a customer's message in a chat they are not looking at (another tab, or the page hidden),
 * plus the unread counts on the tabs and in the title. Clicking a desktop notification brings the
 * window forward and opens that chat.
 */
import { renderTabs, selectConversation } from './conversation-view.js';
import { desktopOn, soundOn } from './notify-toggles.js';
import { playTone } from './sound.js';
import { current, state } from './state.js';
import { isViewing, renderTitle } from './unread.js';

const BODY_MAX = 140; // a notification shows a line or two; the chat has the rest
const announced = new Set(); // conversation ids already announced as new, so a poll and an event don't both
let primedSession = -1;

function brandOf(conv) {
  return (conv.info && conv.info.brandName) || 'Brand not known';
}

function clip(text) {
  const flat = String(text || '').replace(/\s+/g, ' ').trim();
  return flat.length > BODY_MAX ? `${flat.slice(0, BODY_MAX - 1)}…` : flat;
}

function alert(conv, title, body) {
  if (soundOn()) playTone();
  if (!desktopOn()) return;
  try {
    // The tag replaces an older notification of the same chat instead of stacking them.
    const notification = new Notification(title, { body, tag: `giftbot-${conv.id}` });
    notification.addEventListener('click', () => {
      window.focus();
      if (state.conversations.has(conv.id)) selectConversation(conv.id);
      notification.close();
    });
  } catch { /* some browsers allow notifications only from a service worker: the tone and title still tell */ }
}

/** A chat assigned to this agent (routing, a colleague's transfer, a takeover) that they didn't accept here. */
export function announceAssigned(conv) {
  if (announced.has(conv.id)) return;
  announced.add(conv.id);
  if (!isViewing(conv)) conv.fresh = true;
  renderTabs();
  alert(conv, `New chat: ${brandOf(conv)}`, clip(conv.info && conv.info.summary) || 'A customer is waiting for you.');
}

/**
 * Call before reconciling the server's `mine`: the ids it has that this page doesn't. The first
 * read of a session gives none — those chats were the agent's before this page opened.
 */
export function newChatsIn(mine) {
  if (primedSession !== state.session) {
    primedSession = state.session;
    announced.clear();
    return [];
  }
  return mine.map((c) => c.id).filter((id) => !state.conversations.has(id));
}

export function announceNewChats(ids) {
  for (const id of ids) {
    const conv = state.conversations.get(id);
    if (conv && !conv.ended) announceAssigned(conv);
  }
}

/** A line the agent hadn't seen: counted unread unless they are looking; a customer's alerts. */
export function onNewLine(conv, line) {
  if (isViewing(conv)) return;
  conv.unread += 1;
  renderTabs();
  if (line && line.from === 'customer') alert(conv, `${brandOf(conv)}: new message`, clip(line.text) || 'The customer wrote.');
}

/** Coming back to the page counts as reading the selected chat. */
export function startNotifications() {
  if (document.body.dataset.notifyWired) return;
  document.body.dataset.notifyWired = '1';
  document.addEventListener('visibilitychange', () => {
    const conv = current();
    if (document.visibilityState === 'visible' && conv && (conv.unread || conv.fresh)) {
      conv.unread = 0;
      conv.fresh = false;
      renderTabs();
    }
    renderTitle();
  });
}
