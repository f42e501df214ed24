/* The reply box: what goes into it besides typing, and "agent is typing" for the customer. */
import { api, convPath } from './api.js';
import { el } from './dom.js';
import { saveDraft } from './drafts.js';
import { current, state } from './state.js';

const TYPING_SEND_MS = 3000; // at most one "agent is typing" per conversation this often

/** Tells the customer the agent is typing, at most once every few seconds per conversation. */
export function onComposerInput() {
  const conv = current();
  if (!conv || conv.ended) return;
  conv.draft = el.composer.value;
  saveDraft(conv.id, conv.draft);
  const now = Date.now();
  if (!el.composer.value.trim() || now - conv.lastTypingSent < TYPING_SEND_MS) return;
  conv.lastTypingSent = now;
  if (state.socketReady) state.socket.send(JSON.stringify({ type: 'typing', id: conv.id }));
  else api('POST', convPath(conv.id, 'typing')).catch(() => { /* best effort */ });
}

/** Puts text at the end of the composer, on its own line (knowledge) or after a space (links). */
export function insertIntoComposer(text, separator) {
  const conv = current();
  if (!conv || conv.ended || !text) return;
  const before = el.composer.value;
  el.composer.value = !before ? text : /\s$/.test(before) ? before + text : before + separator + text;
  conv.draft = el.composer.value;
  saveDraft(conv.id, conv.draft);
  el.composer.focus();
  el.composer.setSelectionRange(el.composer.value.length, el.composer.value.length);
}
