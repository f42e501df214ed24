/*
 * The supervisor's Team view (issue 15), shown only when /api/agent/me says role "supervisor":
 * waiting and live chats with their wait and handle times ticking, every agent with status and
 * load, the messages customers left, and Take over / Reassign on each chat. The figures come from
 * GET /api/agent/supervisor/overview, read again every few seconds while the view is open, so
 * they are the same whichever instance answers.
 *
 * Security: everything customers and agents write is untrusted: text only via textContent (make).
 */
import { api } from './api.js';
import { addConversation, selectConversation } from './conversation-view.js';
import { make } from './dom.js';
import { formatTime, formatWait } from './format.js';
import { state } from './state.js';
import { showStatus } from './status.js';
import { pickReassign } from './supervisor-picker.js';
import { closeOtherViews, viewToggle } from './view-toggle.js';

const POLL_MS = 3000;
const TICK_MS = 1000;
const OVERVIEW = '/api/agent/supervisor/overview';
const movePath = (id, action) => `/api/agent/supervisor/conversations/${encodeURIComponent(id)}/${action}`;

let view = null;

/** Adds the Team button and view for a supervisor; nothing for an agent. Safe to call on every sign-in. */
export function startSupervisorView() {
  if (state.role !== 'supervisor') return view && hideButton();
  if (!view) view = build();
  view.button.hidden = false;
  view.session = state.session;
}

function hideButton() {
  show(false);
  view.button.hidden = true;
}

function build() {
  const button = viewToggle({ id: 'team-toggle', label: 'Team', controls: 'team-view', show, close: () => show(false) });

  const section = make('section', 'team');
  Object.assign(section, { id: 'team-view', hidden: true });
  section.dataset.testid = 'team-view';
  section.setAttribute('aria-labelledby', 'team-title');
  const head = make('div', 'team-head');
  const title = make('h2', '', 'Team');
  title.id = 'team-title';
  const updated = make('p', 'team-updated');
  head.append(title, updated);
  const waiting = table('Waiting', 'team-waiting', ['Customer', 'Channel', 'Waiting', '']);
  const live = table('Live chats', 'team-live', ['Customer', 'Agent', 'Handle time', 'Waited', '']);
  const agents = table('Agents', 'team-agents', ['Agent', 'Status', 'Chats']);
  const messagesBox = make('div', 'team-block');
  const messagesTitle = make('h3', '', 'Messages left');
  const messages = make('ul', 'team-messages');
  messages.dataset.testid = 'team-messages';
  messagesBox.append(messagesTitle, messages);
  section.append(head, waiting.box, live.box, agents.box, messagesBox);
  document.getElementById('console-view').after(section);
  return { button, section, updated, waiting, live, agents, messages, messagesTitle, data: null, fetchedAt: 0, poll: 0, tick: 0, session: state.session };
}

function table(caption, testid, columns) {
  const box = make('div', 'team-block');
  const heading = make('h3', '', caption);
  const scroll = make('div', 'team-scroll');
  const t = make('table', 'team-table');
  t.dataset.testid = testid;
  const headRow = make('tr');
  for (const c of columns) headRow.append(make('th', '', c));
  const thead = make('thead');
  thead.append(headRow);
  const body = make('tbody');
  t.append(thead, body);
  scroll.append(t);
  const empty = make('p', 'empty');
  box.append(heading, scroll, empty);
  return { box, heading, caption, columns, body, empty, scroll };
}

function show(on) {
  if (!view) return;
  if (on) closeOtherViews(view.button);
  view.button.setAttribute('aria-pressed', String(on));
  view.button.textContent = on ? 'Chats' : 'Team';
  view.section.hidden = !on;
  document.getElementById('console-view').hidden = on;
  clearInterval(view.poll);
  clearInterval(view.tick);
  if (!on) return;
  refresh();
  view.poll = setInterval(refresh, POLL_MS);
  view.tick = setInterval(tick, TICK_MS);
}

async function refresh() {
  if (!view || view.session !== state.session || !state.token) return stop();
  try {
    const data = await api('GET', OVERVIEW);
    if (view.session !== state.session) return undefined;
    Object.assign(view, { data, fetchedAt: Date.now() });
    render();
  } catch (err) {
    showStatus(err.message, 'error');
  }
  return undefined;
}

/** Signed out (or signed in as someone else): the view closes and stops asking. */
function stop() {
  if (!view) return;
  clearInterval(view.poll);
  clearInterval(view.tick);
  view.section.hidden = true;
}

function render() {
  const { data } = view;
  const at = new Date(data.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  view.updated.textContent = `Updated ${at}`;
  fill(view.waiting, data.waiting, 'Nobody is waiting.', (item) => [
    customerCell(item),
    make('td', '', item.channel),
    clockCell(item.waitingSeconds),
    actionsCell(item, null),
  ]);
  fill(view.live, data.live, 'No live chats.', (chat) => [
    customerCell(chat),
    make('td', '', chat.agent.id === (state.agent && state.agent.id) ? `${chat.agent.name} (you)` : chat.agent.name),
    clockCell(chat.handleSeconds),
    make('td', 'team-time', formatWait(chat.waitedSeconds)),
    actionsCell(chat, chat.agent.id),
  ]);
  fill(view.agents, data.agents, 'No agents have signed in.', (a) => {
    const status = make('td');
    status.append(make('span', `team-status ${a.status}`, a.status));
    return [make('td', '', a.you ? `${a.name} (you)` : a.name), status, make('td', 'team-load', String(a.load))];
  });
  view.messagesTitle.textContent = `Messages left (${data.messages.length})`;
  view.messages.replaceChildren(
    ...data.messages.map((m) => {
      const li = make('li', 'team-message');
      li.append(make('span', 'team-message-meta', [formatTime(m.at), m.channel, m.brand, m.contact].filter(Boolean).join(' · ')), make('span', 'team-message-summary', m.summary || ''), make('span', 'team-message-text', m.message || ''));
      return li;
    }),
  );
  if (!data.messages.length) view.messages.append(make('li', 'empty', 'No messages left.'));
}

function fill(part, rows, emptyText, cells) {
  part.heading.textContent = `${part.caption} (${rows.length})`;
  part.body.replaceChildren(
    ...rows.map((row) => {
      const tr = make('tr');
      tr.dataset.id = row.id;
      const tds = cells(row);
      // A phone shows each row as a card: the label says what a bare number is.
      tds.forEach((td, i) => part.columns[i] && (td.dataset.label = part.columns[i]));
      tr.append(...tds);
      return tr;
    }),
  );
  part.scroll.hidden = rows.length === 0;
  part.empty.hidden = rows.length > 0;
  part.empty.textContent = emptyText;
}

function customerCell(item) {
  const td = make('td', 'team-customer');
  td.append(make('strong', '', item.brandName || 'Brand not known'), make('span', 'team-summary', item.summary || ''));
  return td;
}

/** A time that counts on between reads: seconds at the read, plus the time since. */
function clockCell(seconds) {
  const td = make('td', 'team-time', formatWait(seconds));
  td.dataset.base = String(seconds);
  return td;
}

function tick() {
  if (!view || !view.data) return;
  const extra = (Date.now() - view.fetchedAt) / 1000;
  for (const cell of view.section.querySelectorAll('td[data-base]')) cell.textContent = formatWait(Number(cell.dataset.base) + extra);
}

function actionsCell(chat, holder) {
  const td = make('td', 'team-actions');
  const mine = holder !== null && holder === (state.agent && state.agent.id);
  const take = make('button', 'button', mine ? 'Yours' : 'Take over');
  Object.assign(take, { type: 'button', disabled: mine });
  take.dataset.testid = 'take-over';
  take.addEventListener('click', () => takeOver(chat, holder));
  const give = make('button', 'button', 'Reassign');
  give.type = 'button';
  give.dataset.testid = 'reassign';
  give.addEventListener('click', () => reassign(chat, holder));
  td.append(take, give);
  return td;
}

// `from`: the holder this view showed, so a chat a colleague moved meanwhile is refused (409), not taken from them.
async function takeOver(chat, holder) {
  try {
    const { conversation } = await api('POST', movePath(chat.id, 'take-over'), { from: holder });
    showStatus(`You have the chat now: ${conversation.brandName || 'brand not known'} — ${conversation.summary}`);
    show(false);
    addConversation(conversation);
    selectConversation(conversation.id);
  } catch (err) {
    showStatus(err.message, 'error');
    refresh();
  }
}

async function reassign(chat, holder) {
  const to = await pickReassign(view.data ? view.data.agents : [], holder);
  if (!to) return;
  try {
    const { conversation } = await api('POST', movePath(chat.id, 'reassign'), { to, from: holder });
    showStatus(`Reassigned to ${conversation.agent.name}.`);
  } catch (err) {
    showStatus(err.message, 'error');
  }
  refresh();
}
