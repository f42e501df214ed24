/*
 * Internal notes: a "Note" button beside Send opens a yellow box, "Only your team sees this"; a note
 * goes to POST …/notes, never to the customer, and shows in the chat as its own kind of line. Notes
 * are read with the transcript, so a colleague who gets the chat by transfer sees them too.
 */
import { api, convPath } from './api.js';
import { mergeLines, renderChatLog } from './chat-log.js';
import { el, make } from './dom.js';
import { current, state } from './state.js';
import { showStatus } from './status.js';

const NOTE_MAX = 2000; // the API's limit (notes-schemas.ts)

let box = null;
let input = null;
let add = null;
let toggle = null;

/** A note as a chat line: `from: 'note'`, so it is drawn apart from messages and never mistaken for one. */
const toLine = (note) => ({ at: note.at, from: 'note', name: `Internal note · ${note.agent}`, text: note.text });

function build() {
  toggle = make('button', 'button note-toggle', 'Note');
  toggle.type = 'button';
  toggle.dataset.testid = 'note-toggle';
  toggle.setAttribute('aria-expanded', 'false');
  toggle.setAttribute('aria-controls', 'note-box');
  toggle.title = 'Write an internal note: only your team sees it';
  toggle.addEventListener('click', () => setOpen(box.hidden));
  el.send.after(toggle);

  box = make('form', 'note-box');
  box.id = 'note-box';
  box.hidden = true;
  box.dataset.testid = 'note-box';
  box.setAttribute('aria-label', 'Internal note');
  const label = make('label', 'note-label', 'Internal note — only your team sees this, never the customer');
  label.htmlFor = 'note-text';
  input = make('textarea', 'note-text');
  input.id = 'note-text';
  input.rows = 2;
  input.maxLength = NOTE_MAX;
  input.dataset.testid = 'note-text';
  input.placeholder = 'For colleagues and supervisors…';
  add = make('button', 'button note-add', 'Add note');
  add.type = 'submit';
  add.dataset.testid = 'note-add';
  const cancel = make('button', 'button subtle', 'Cancel');
  cancel.type = 'button';
  cancel.addEventListener('click', () => setOpen(false));
  const row = make('div', 'note-row');
  row.append(input, add, cancel);
  box.append(label, row);
  box.addEventListener('submit', (event) => {
    event.preventDefault();
    addNote();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') setOpen(false);
    else if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      addNote();
    }
  });
  el.composerForm.after(box);
}

function setOpen(open) {
  box.hidden = !open;
  toggle.setAttribute('aria-expanded', String(open));
  if (open) input.focus();
  else el.composer.focus();
}

/** Shows the Note button and box for the selected conversation: usable only while it is ours. */
export function renderNoteBox(conv) {
  if (!box) build();
  const readOnly = !conv || conv.ended;
  toggle.disabled = readOnly;
  input.disabled = readOnly;
  add.disabled = readOnly || Boolean(conv && conv.noting);
  if (readOnly && !box.hidden) setOpen(false);
}

/**
 * A note heard live (a colleague's, or ours from another tab or instance): shown in that chat at once
 * if it is open here; the same note from our own POST's answer is the same line, kept once (lineKey).
 */
export function onNoteFrame(msg) {
  const conv = msg && msg.note ? state.conversations.get(msg.id) : undefined;
  if (!conv) return;
  mergeLines(conv, [toLine(msg.note)]);
  if (state.selected === conv.id && conv.loaded) renderChatLog(conv);
}

/** Reads the conversation's notes into its chat (after the transcript, so they fall in time order). */
export async function loadNotes(conv) {
  const session = state.session;
  try {
    const data = await api('GET', convPath(conv.id, 'notes'));
    if (session !== state.session) return;
    mergeLines(conv, (data.notes || []).map(toLine));
    if (state.selected === conv.id) renderChatLog(conv);
  } catch {
    // The transcript's own error handling says why the conversation can't be read; notes add nothing to that.
  }
}

async function addNote() {
  const conv = current();
  const text = input.value.trim();
  if (!conv || conv.ended || conv.noting || !text) return;
  conv.noting = true;
  renderNoteBox(conv);
  try {
    const data = await api('POST', convPath(conv.id, 'notes'), { text });
    if (input.value.trim() === text) input.value = '';
    mergeLines(conv, [toLine(data.note)]);
    if (state.selected === conv.id) renderChatLog(conv);
    setOpen(false);
    showStatus('Note added. Only your team sees it.', 'info');
  } catch (err) {
    showStatus(err && err.message ? `The note was not added: ${err.message}` : 'The note was not added.', 'error');
  } finally {
    conv.noting = false;
    if (state.selected === conv.id) renderNoteBox(conv);
  }
}
