/* What the agent does to the selected conversation: send a reply, insert a link, end, transfer. */
import { api, convPath } from './api.js';
import { addLine } from './chat-log.js';
import { insertIntoComposer } from './composer.js';
import { handleConversationError, markEnded, updateControls } from './conversation-view.js';
import { el } from './dom.js';
import { saveDraft } from './drafts.js';
import { handleError } from './errors.js';
import { current, state } from './state.js';
import { showStatus } from './status.js';
import { pickTransfer } from './transfer-picker.js';
import { pickWrapUp } from './end-dialog.js';

const MAX_TEXT = 4000;

export async function sendMessage() {
  const conv = current();
  if (!conv || conv.ended || conv.sending) return;
  const original = el.composer.value;
  const text = original.trim();
  if (!text) return;
  if (text.length > MAX_TEXT) return showStatus(`A message can be at most ${MAX_TEXT} characters (this one has ${text.length}).`, 'error');
  conv.sending = true;
  updateControls(conv);
  try {
    const data = await api('POST', convPath(conv.id, 'messages'), { text });
    // The agent may have switched tabs meanwhile: clear only the text that was sent.
    if (state.selected === conv.id && el.composer.value === original) el.composer.value = '';
    if (conv.draft === original) {
      conv.draft = '';
      saveDraft(conv.id, '');
    }
    addLine(conv, data.line);
  } catch (err) {
    handleConversationError(conv, err);
  } finally {
    conv.sending = false;
    if (state.selected === conv.id) updateControls(conv);
  }
}

export function onComposerKey(event) {
  // Enter sends, Shift+Enter is a new line; never interrupt an IME composition.
  if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
  event.preventDefault();
  sendMessage();
}

export async function insertLink(kind) {
  const conv = current();
  if (!conv || conv.ended) return;
  try {
    if (!conv.links) conv.links = await api('GET', convPath(conv.id, 'links'));
    const url = conv.links && conv.links[kind];
    if (url) insertIntoComposer(String(url), ' ');
    else showStatus(`There is no ${kind} link for this conversation.`, 'warn');
  } catch (err) {
    handleConversationError(conv, err);
  }
}

export async function endConversation() {
  const conv = current();
  if (!conv || conv.ended) return;
  let wrapUp;
  try {
    wrapUp = await pickWrapUp();
  } catch (err) {
    return handleError(err);
  }
  if (!wrapUp || conv.ended) return; // cancelled, or the conversation ended meanwhile
  try {
    await api('POST', convPath(conv.id, 'end'), wrapUp);
    markEnded(conv.id, 'agent');
  } catch (err) {
    handleConversationError(conv, err);
  }
}

/** Transfers go by agent id, picked from the signed-in colleagues (names can be shared), with an optional note. */
export async function transferConversation() {
  const conv = current();
  if (!conv || conv.ended) return;
  let listed;
  try {
    listed = await api('GET', '/api/agent/agents');
  } catch (err) {
    return handleError(err);
  }
  const choice = await pickTransfer(listed.agents || [], listed.routing);
  if (!choice || conv.ended) return; // cancelled, or the conversation ended meanwhile
  try {
    await api('POST', convPath(conv.id, 'transfer'), { ...(choice.to ? { to: choice.to } : {}), ...(choice.note ? { note: choice.note } : {}) });
    markEnded(conv.id, 'transfer');
    showStatus(choice.to ? `Transferred to ${choice.name}.` : 'The customer is back at the front of the queue.');
  } catch (err) {
    // handleConversationError locks the chat only when the server says the conversation itself is
    // gone; a refused target (UnknownAgent, Ambiguous, AtCapacity…) changed nothing.
    handleConversationError(conv, err, 'The conversation is still yours.');
  }
}
