/*
 * The supervisor's Reassign picker: the agents who may get a chat (available or away, not the one who
 * has it) as one list to choose from. Offline agents are left out: the server refuses them (409).
 */
import { make } from './dom.js';

let dialog = null;

function build() {
  const box = document.createElement('dialog');
  box.className = 'team-picker';
  box.dataset.testid = 'reassign-picker';
  box.setAttribute('aria-labelledby', 'reassign-title');
  const form = make('form');
  form.method = 'dialog';
  const title = make('h2', '', 'Reassign this chat');
  title.id = 'reassign-title';
  const list = make('fieldset', 'team-picker-list');
  const empty = make('p', 'empty', 'Nobody else is available or away right now.');
  const actions = make('div', 'team-picker-actions');
  const cancel = make('button', 'button', 'Cancel');
  Object.assign(cancel, { type: 'button' });
  cancel.addEventListener('click', () => box.close('cancel'));
  const confirm = make('button', 'button primary', 'Reassign');
  Object.assign(confirm, { type: 'submit', value: 'reassign' });
  confirm.dataset.testid = 'reassign-confirm';
  actions.append(cancel, confirm);
  form.append(title, list, empty, actions);
  box.append(form);
  document.body.append(box);
  return { box, list, empty, confirm };
}

/** Resolves with the chosen agent's id, or null when cancelled. `holder` is the chat's agent id (or null). */
export function pickReassign(agents, holder) {
  if (!dialog) dialog = build();
  const { box, list, empty, confirm } = dialog;
  const eligible = agents.filter((a) => a.status !== 'offline' && a.id !== holder);
  list.replaceChildren(make('legend', '', 'Give it to'));
  eligible.forEach((a, i) => {
    const row = make('label', 'team-picker-option');
    row.dataset.testid = 'reassign-option';
    row.dataset.id = a.id;
    const radio = document.createElement('input');
    Object.assign(radio, { type: 'radio', name: 'reassign-to', value: a.id, checked: i === 0 });
    row.append(radio, make('span', '', `${a.name} · ${a.status} · ${a.load === 1 ? '1 chat' : `${a.load} chats`}`));
    list.append(row);
  });
  empty.hidden = eligible.length > 0;
  confirm.disabled = eligible.length === 0;
  return new Promise((resolve) => {
    box.addEventListener(
      'close',
      () => {
        const picked = list.querySelector('input[name="reassign-to"]:checked');
        resolve(box.returnValue === 'reassign' && picked ? picked.value : null);
      },
      { once: true },
    );
    box.returnValue = '';
    box.showModal();
  });
}
