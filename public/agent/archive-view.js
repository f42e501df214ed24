/*
 * Past conversations (issue 15): a "Past" button in the header opens a search over closed
 * conversations with people — filters for words, brand, agent, reason, tag and closing dates —
 * from GET /api/agent/archive, newest first, each row with its transcript as a download (text or
 * JSON, GET /api/agent/archive/{id}/transcript) for chargeback and fraud evidence.
 *
 * Security: everything customers and agents write is untrusted: text only via textContent (make).
 * Downloads go through fetch with the bearer token (a plain link can't send it) and a blob URL.
 */
import { api } from './api.js';
import { make } from './dom.js';
import { state } from './state.js';
import { showStatus } from './status.js';
import { closeOtherViews, viewToggle } from './view-toggle.js';

const SEARCH = '/api/agent/archive';
const exportPath = (id, format) => `${SEARCH}/${encodeURIComponent(id)}/transcript?format=${format}`;
const FILTERS = [
  ['q', 'Words', 'search', 'claim code'],
  ['brand', 'Brand', 'text', 'amazon'],
  ['agent', 'Agent id', 'text', 'token:alice'],
  ['reason', 'Reason', 'text', 'code-already-used'],
  ['tag', 'Tag', 'text', 'chargeback-risk'],
  ['from', 'Closed from', 'date', ''],
  ['to', 'Closed to', 'date', ''],
];

let view = null;

/** Adds the Past button and view; safe to call on every sign-in. */
export function startArchiveView() {
  if (!view) view = build();
  view.button.hidden = false;
}

function build() {
  const button = viewToggle({ id: 'archive-toggle', label: 'Past', controls: 'archive-view', title: 'Past conversations', show, close: () => show(false) });

  const section = make('section', 'archive');
  Object.assign(section, { id: 'archive-view', hidden: true });
  section.dataset.testid = 'archive-view';
  section.setAttribute('aria-labelledby', 'archive-title');
  const title = make('h2', '', 'Past conversations');
  title.id = 'archive-title';

  const form = make('form', 'archive-filters');
  form.setAttribute('role', 'search');
  form.setAttribute('aria-label', 'Search past conversations');
  const inputs = {};
  for (const [name, label, type, example] of FILTERS) {
    const field = make('label', 'archive-field');
    const caption = make('span', '', label);
    const input = make('input');
    Object.assign(input, { type, name, autocomplete: 'off', spellcheck: false });
    if (example) input.placeholder = example;
    input.dataset.testid = `archive-${name}`;
    field.append(caption, input);
    form.append(field);
    inputs[name] = input;
  }
  const submit = make('button', 'button primary', 'Search');
  submit.type = 'submit';
  submit.dataset.testid = 'archive-search';
  form.append(submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    search();
  });

  const count = make('p', 'archive-count');
  count.setAttribute('role', 'status');
  count.dataset.testid = 'archive-count';
  const scroll = make('div', 'archive-scroll');
  const table = make('table', 'archive-table');
  table.dataset.testid = 'archive-results';
  const headRow = make('tr');
  for (const c of ['Closed', 'Channel', 'Brand', 'Agent', 'Reason', 'Tags', 'Summary', 'Transcript']) headRow.append(make('th', '', c));
  const thead = make('thead');
  thead.append(headRow);
  const body = make('tbody');
  table.append(thead, body);
  scroll.append(table);
  section.append(title, form, count, scroll);
  document.getElementById('console-view').after(section);
  // Signing out shows the sign-in form: past conversations leave the page with the session.
  const signin = document.getElementById('signin-view');
  new MutationObserver(() => !signin.hidden && forget()).observe(signin, { attributes: true, attributeFilter: ['hidden'] });
  return { button, section, inputs, count, body, session: state.session };
}

function forget() {
  show(false);
  document.getElementById('console-view').hidden = true;
  view.body.replaceChildren();
  view.count.textContent = '';
  for (const input of Object.values(view.inputs)) input.value = '';
}

function show(on) {
  if (!view) return;
  if (on) closeOtherViews(view.button);
  view.button.setAttribute('aria-pressed', String(on));
  view.button.textContent = on ? 'Chats' : 'Past';
  view.section.hidden = !on;
  document.getElementById('console-view').hidden = on;
  if (on) {
    view.session = state.session;
    search();
  }
}

async function search() {
  const params = new URLSearchParams();
  for (const [name, input] of Object.entries(view.inputs)) if (input.value.trim()) params.set(name, input.value.trim());
  const session = state.session;
  view.count.textContent = 'Searching…';
  try {
    const { conversations } = await api('GET', `${SEARCH}?${params}`);
    if (session !== state.session) return;
    render(conversations);
  } catch (err) {
    view.count.textContent = '';
    showStatus(err.message, 'error');
  }
}

function render(conversations) {
  view.count.textContent = conversations.length === 0 ? 'No past conversations match.' : `${conversations.length} conversation${conversations.length === 1 ? '' : 's'}, newest first.`;
  view.body.replaceChildren(...conversations.map(row));
}

function row(c) {
  const tr = make('tr');
  tr.dataset.testid = 'archive-row';
  const closed = make('td', 'archive-time', new Date(c.closedAt).toLocaleString());
  closed.title = c.closedAt;
  const agent = make('td', '', c.agent ? c.agent.name : '—');
  if (c.agent) agent.title = c.agent.id;
  const brand = make('td', '', c.brand ? `${c.brand}${c.amount !== null ? ` ${c.amount}${c.currency ? ` ${c.currency}` : ''}` : ''}` : '—');
  const tags = make('td', 'archive-tags');
  for (const tag of c.tags) tags.append(make('span', 'archive-tag', tag));
  const summary = make('td', 'archive-summary', c.summary);
  const actions = make('td', 'archive-actions');
  actions.append(download(c.handoffId, 'text', 'Text'), download(c.handoffId, 'json', 'JSON'));
  tr.append(closed, make('td', '', c.channel), brand, agent, make('td', '', c.reason || closedHow(c)), tags, summary, actions);
  return tr;
}

/** What the reason column says when no reason was given: how it closed. */
function closedHow(c) {
  return c.state === 'ended' ? '—' : c.state;
}

function download(id, format, label) {
  const button = make('button', 'button subtle', label);
  button.type = 'button';
  button.dataset.testid = `archive-export-${format}`;
  button.setAttribute('aria-label', `Download the transcript as ${label}`);
  button.addEventListener('click', () => save(id, format, button));
  return button;
}

async function save(id, format, button) {
  button.disabled = true;
  try {
    const res = await fetch(exportPath(id, format), { headers: { Authorization: `Bearer ${state.token}` }, cache: 'no-store' });
    if (!res.ok) throw new Error(`The transcript could not be downloaded (${res.status}).`);
    const name = /filename="?([^";]+)"?/.exec(res.headers.get('Content-Disposition') || '')?.[1] || `conversation.${format === 'json' ? 'json' : 'txt'}`;
    const url = URL.createObjectURL(await res.blob());
    const link = make('a');
    Object.assign(link, { href: url, download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } catch (err) {
    showStatus(err.message, 'error');
  } finally {
    button.disabled = false;
  }
}
