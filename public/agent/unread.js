/*
 * Unread counts (issue 15 notifications): a chat is being read only when its tab is selected and
 * the page is visible. The title's "(N)" counts what needs the agent: unread customer messages and
 * new chats in their tabs, plus requests waiting in the queue.
 */
import { state } from './state.js';

/** The agent is looking at this chat right now. */
export function isViewing(conv) {
  return state.selected === conv.id && document.visibilityState === 'visible';
}

/** A tab's count: its unread messages, or 1 for a new chat not yet opened. */
export function unreadOf(conv) {
  return conv.unread || (conv.fresh ? 1 : 0);
}

export function renderTitle() {
  let count = state.waiting.size;
  for (const conv of state.conversations.values()) count += unreadOf(conv);
  const base = document.body.dataset.host === 'teams' ? 'Agent console — giftbot (Teams)' : 'Agent console — giftbot';
  const title = `${count ? `(${count}) ` : ''}${base}`;
  if (document.title !== title) document.title = title;
}
