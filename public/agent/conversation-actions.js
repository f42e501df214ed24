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
  if (!confirm('End this conversation? The customer gets the satisfaction survey, then the bot.')) return;
  try {
    await api('POST', convPath(conv.id, 'end'));
    markEnded(conv.id, 'agent');
  } catch (err) {
    handleConversationError(conv, err);
  }
}

/** Transfers go by agent id: the agent picks from the signed-in colleagues (names can be shared). */
export async function transferConversation() {
  const conv = current();
  if (!conv || conv.ended) return;
  let agents;
  try {
    agents = ((await api('GET', '/api/agent/agents')).agents || []).filter((a) => !a.you);
  } catch (err) {
    return handleError(err);
  }
  const list = agents.map((a, i) => `${i + 1}. ${a.name} (${a.id})`).join('\n');
  const answer = prompt(`Transfer to which agent? ${agents.length ? `Enter a number:\n${list}\n` : 'Nobody else has signed in. '}Leave it empty to put the customer back at the front of the queue.`, '');
  if (answer === null) return; // cancelled
  const choice = answer.trim();
  const target = choice ? agents[Number(choice) - 1] : null;
  if (choice && !target) return showStatus(`There is no agent number ${choice}: nothing was transferred.`, 'warn');
  try {
    await api('POST', convPath(conv.id, 'transfer'), target ? { to: target.id } : {});
    markEnded(conv.id, 'transfer');
    showStatus(target ? `Transferred to ${target.name}.` : 'The customer is back at the front of the queue.');
  } catch (err) {
    // A refused transfer changes nothing: the conversation stays open here.
    if (err && (err.code === 'UnknownAgent' || err.code === 'Ambiguous')) return showStatus(`${err.message} The conversation is still yours.`, 'warn');
    handleConversationError(conv, err);
  }
}
