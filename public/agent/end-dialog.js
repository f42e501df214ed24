/*
 * End's wrap-up (issue 15): before a conversation ends, the agent picks a resolution reason from
 * the team's list (macros/wrap-up.json, required here) and may add tags, the suggested ones one
 * click away. Resolves with `{ reason, tags }` for POST …/end, or null when the agent cancels.
 */
import { api } from './api.js';
import { make } from './dom.js';

const TAGS_MAX = 10;
const TAG_MAX = 40;
let dialog = null;
let wrapUp = null;

function build() {
  const box = document.createElement('dialog');
  box.className = 'end-dialog';
  box.dataset.testid = 'end-dialog';
  box.setAttribute('aria-labelledby', 'end-title');
  const form = make('form');
  form.method = 'dialog';
  const title = make('h2', '', 'End this conversation');
  title.id = 'end-title';
  const hint = make('p', 'end-hint', 'The customer gets the satisfaction survey, then the bot.');
  const reasons = make('fieldset', 'end-reasons');
  const tagLabel = make('label', 'end-tag-label', `Tags (optional, up to ${TAGS_MAX}) — press Enter to add`);
  const tagInput = document.createElement('input');
  Object.assign(tagInput, { type: 'text', id: 'end-tag', maxLength: TAG_MAX, autocomplete: 'off' });
  tagInput.dataset.testid = 'end-tag-input';
  tagLabel.htmlFor = tagInput.id;
  const chosen = make('ul', 'end-tags');
  chosen.dataset.testid = 'end-tags';
  const suggested = make('div', 'end-suggested');
  const actions = make('div', 'end-actions');
  const cancel = make('button', 'button', 'Cancel');
  Object.assign(cancel, { type: 'button' });
  cancel.dataset.testid = 'end-cancel';
  cancel.addEventListener('click', () => box.close('cancel'));
  const confirm = make('button', 'button danger', 'End conversation');
  Object.assign(confirm, { type: 'submit', value: 'end', disabled: true });
  confirm.dataset.testid = 'end-confirm';
  actions.append(cancel, confirm);
  form.append(title, hint, reasons, tagLabel, tagInput, chosen, suggested, actions);
  box.append(form);
  document.body.append(box);
  const parts = { box, reasons, tagInput, chosen, suggested, confirm, tags: [] };
  // A reason is required: End stays greyed out until one is picked.
  reasons.addEventListener('change', () => (confirm.disabled = !reasons.querySelector('input:checked')));
  tagInput.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.isComposing) return;
    event.preventDefault(); // Enter adds the tag; it never submits the dialog
    addTag(parts, tagInput.value);
    tagInput.value = '';
  });
  return parts;
}

function addTag(parts, raw) {
  const tag = raw.trim().replace(/\s+/g, ' ').slice(0, TAG_MAX);
  if (!tag || parts.tags.includes(tag) || parts.tags.length >= TAGS_MAX) return;
  parts.tags.push(tag);
  renderTags(parts);
}

function renderTags(parts) {
  parts.chosen.replaceChildren(
    ...parts.tags.map((tag) => {
      const chip = make('li', 'end-tag', tag);
      chip.dataset.testid = 'end-tag';
      const remove = make('button', 'end-tag-remove', '×');
      Object.assign(remove, { type: 'button', title: `Remove ${tag}` });
      remove.setAttribute('aria-label', `Remove tag ${tag}`);
      remove.addEventListener('click', () => {
        parts.tags = parts.tags.filter((t) => t !== tag);
        renderTags(parts);
      });
      chip.append(remove);
      return chip;
    }),
  );
  for (const button of parts.suggested.querySelectorAll('button')) button.setAttribute('aria-pressed', String(parts.tags.includes(button.dataset.tag)));
}

function fill(parts) {
  const legend = make('legend', '', 'Resolution');
  parts.reasons.replaceChildren(
    legend,
    ...wrapUp.reasons.map((reason) => {
      const row = make('label', 'end-reason');
      row.dataset.testid = 'end-reason';
      row.dataset.id = reason.id;
      const radio = document.createElement('input');
      Object.assign(radio, { type: 'radio', name: 'end-reason', value: reason.id });
      row.append(radio, make('span', '', reason.label));
      return row;
    }),
  );
  parts.suggested.replaceChildren(
    ...(wrapUp.tags.length ? [make('span', 'end-suggested-label', 'Suggested:')] : []),
    ...wrapUp.tags.map((tag) => {
      const button = make('button', 'end-suggestion', tag);
      Object.assign(button, { type: 'button' });
      button.dataset.testid = 'end-suggestion';
      button.dataset.tag = tag;
      button.addEventListener('click', () => {
        if (parts.tags.includes(tag)) parts.tags = parts.tags.filter((t) => t !== tag);
        else addTag(parts, tag);
        renderTags(parts);
      });
      return button;
    }),
  );
  parts.tags = [];
  parts.tagInput.value = '';
  parts.confirm.disabled = true;
  renderTags(parts);
}

/** Asks for the wrap-up; the reasons are fetched once a page (the server's list changes only at a restart). */
export async function pickWrapUp() {
  wrapUp ??= await api('GET', '/api/agent/wrap-up');
  if (!dialog) dialog = build();
  const parts = dialog;
  fill(parts);
  return new Promise((resolve) => {
    parts.box.addEventListener(
      'close',
      () => {
        const picked = parts.reasons.querySelector('input[name="end-reason"]:checked');
        if (parts.box.returnValue !== 'end' || !picked) return resolve(null);
        // A tag typed but not yet added with Enter still counts.
        addTag(parts, parts.tagInput.value);
        resolve({ reason: picked.value, tags: [...parts.tags] });
      },
      { once: true },
    );
    parts.box.returnValue = '';
    parts.box.showModal();
  });
}
