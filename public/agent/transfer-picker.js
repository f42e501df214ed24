/*
 * The transfer picker: the signed-in colleagues (GET /api/agent/agents) and "back to the queue" as
 * one list to choose from, plus an optional handover note for whoever gets the conversation. It
 * replaces a free-text prompt, where a typo sent the customer nowhere (issue 15, bug 1).
 */
import { make } from './dom.js';

const NOTE_MAX = 1000;
let dialog = null;

/** One line about a colleague: their status (only routing keeps one) and load when the server says. */
function describe(agent, routed) {
  const parts = [agent.name];
  if (routed && agent.status) parts.push(agent.status);
  if (typeof agent.load === 'number') parts.push(agent.load === 1 ? '1 chat' : `${agent.load} chats`);
  return parts.join(' · ');
}

function option(value, label, checked) {
  const row = make('label', 'transfer-option');
  row.dataset.testid = 'transfer-option';
  row.dataset.id = value;
  const radio = document.createElement('input');
  Object.assign(radio, { type: 'radio', name: 'transfer-to', value, checked });
  row.append(radio, make('span', '', label));
  return row;
}

function build() {
  const box = document.createElement('dialog');
  box.className = 'transfer-picker';
  box.dataset.testid = 'transfer-picker';
  box.setAttribute('aria-labelledby', 'transfer-title');
  const form = make('form');
  form.method = 'dialog';
  const list = make('fieldset', 'transfer-list');
  list.append(make('legend', '', 'Transfer to'));
  const noteLabel = make('label', 'transfer-note-label', 'Handover note (optional) — for your colleague only, never sent to the customer');
  const note = document.createElement('textarea');
  Object.assign(note, { rows: 3, maxLength: NOTE_MAX, id: 'transfer-note' });
  note.dataset.testid = 'transfer-note';
  noteLabel.htmlFor = note.id;
  const actions = make('div', 'transfer-actions');
  const cancel = make('button', 'button', 'Cancel');
  Object.assign(cancel, { type: 'button', value: 'cancel' });
  cancel.dataset.testid = 'transfer-cancel';
  cancel.addEventListener('click', () => box.close('cancel'));
  const confirm = make('button', 'button primary', 'Transfer');
  Object.assign(confirm, { type: 'submit', value: 'transfer' });
  confirm.dataset.testid = 'transfer-confirm';
  actions.append(cancel, confirm);
  form.append(make('h2', '', 'Transfer this conversation'), list, noteLabel, note, actions);
  form.querySelector('h2').id = 'transfer-title';
  box.append(form);
  document.body.append(box);
  return { box, list, note };
}

/**
 * Asks where the conversation goes. Resolves with `{ to, name, note }` (`to` null: back to the
 * queue) or null when the agent cancels. Colleagues the server lists as offline come last; they
 * stay pickable, since without ROUTING nobody has a status and the server is the judge.
 */
export function pickTransfer(agents, routing) {
  if (!dialog) dialog = build();
  const { box, list, note } = dialog;
  const colleagues = agents.filter((a) => !a.you);
  const routed = Boolean(routing && routing.mode === 'auto');
  const ordered = [...colleagues.filter((a) => a.status !== 'offline'), ...colleagues.filter((a) => a.status === 'offline')];
  list.replaceChildren(list.querySelector('legend'));
  ordered.forEach((a, i) => list.append(option(a.id, describe(a, routed), i === 0)));
  list.append(option('', 'Back to the queue (at the front, for the next person)', ordered.length === 0));
  note.value = '';
  return new Promise((resolve) => {
    box.addEventListener(
      'close',
      () => {
        if (box.returnValue !== 'transfer') return resolve(null);
        const picked = list.querySelector('input[name="transfer-to"]:checked');
        const id = picked ? picked.value : '';
        const target = colleagues.find((a) => a.id === id);
        resolve({ to: target ? target.id : null, name: target ? target.name : null, note: note.value.trim() });
      },
      { once: true },
    );
    box.returnValue = '';
    box.showModal();
  });
}
