/*
 * The waiting queue: one item per customer with a live waiting time, kept in the server's order
 * without rebuilding (a focused Accept button keeps its focus), and Accept.
 */
import { api, convPath } from './api.js';
import { addConversation, reconcileMine, selectConversation } from './conversation-view.js';
import { el, make } from './dom.js';
import { handleError } from './errors.js';
import { formatWait, triedText } from './format.js';
import { announceNewChats, newChatsIn } from './notifications.js';
import { state } from './state.js';
import { showStatus } from './status.js';
import { renderTitle } from './unread.js';

/** Reads the queue and my conversations from the server. */
export async function refreshQueue() {
  const session = state.session;
  const asked = Date.now();
  const data = await api('GET', '/api/agent/queue');
  if (session !== state.session) return;
  renderQueue(data.waiting || []);
  const arrived = newChatsIn(data.mine || []);
  reconcileMine(data.mine || [], asked);
  announceNewChats(arrived);
}

export function renderQueue(items) {
  const now = Date.now();
  const previous = new Map(state.waiting);
  state.waiting.clear();
  for (const item of items) {
    // Local clock from waitingSeconds, so a skewed client clock doesn't matter. Whole seconds
    // jitter between snapshots: keep the known start unless it is really off, so time never runs back.
    let since = Number.isFinite(item.waitingSeconds) ? now - item.waitingSeconds * 1000 : Date.parse(item.filedAt) || now;
    const known = previous.get(item.id);
    if (known && Math.abs(known.since - since) < 2000) since = known.since;
    state.waiting.set(item.id, Object.assign({}, item, { since }));
  }
  const existing = new Map(Array.from(el.queue.children, (li) => [li.dataset.id, li]));
  let cursor = el.queue.firstChild;
  for (const item of state.waiting.values()) {
    let li = existing.get(item.id);
    if (li) existing.delete(item.id);
    else li = createQueueItem(item.id);
    fillQueueItem(li, item);
    // Move only what is out of place, so a focused Accept button keeps its focus.
    if (li === cursor) cursor = cursor.nextSibling;
    else el.queue.insertBefore(li, cursor);
  }
  for (const li of existing.values()) li.remove();
  renderQueueMeta();
}

export function renderQueueMeta() {
  const count = state.waiting.size;
  el.queueCount.textContent = String(count);
  el.queueEmpty.hidden = count > 0;
  renderTitle();
}

function createQueueItem(id) {
  const li = make('li', 'queue-item');
  li.dataset.testid = 'queue-item';
  li.dataset.id = id;
  const head = make('div', 'qi-head');
  head.append(make('span', 'qi-position'), make('span', 'qi-brand'), make('span', 'qi-channel'), make('span', 'qi-wait'));
  const accept = make('button', 'button primary qi-accept', 'Accept');
  accept.type = 'button';
  accept.dataset.testid = 'accept';
  accept.addEventListener('click', () => acceptRequest(id, accept));
  li.append(head, make('p', 'qi-summary'), make('p', 'qi-tried'), accept);
  return li;
}

function fillQueueItem(li, item) {
  const brand = item.brandName || 'Brand not known';
  li.querySelector('.qi-position').textContent = `#${item.position ?? ''}`;
  li.querySelector('.qi-brand').textContent = brand;
  li.querySelector('.qi-channel').textContent = item.channel || '';
  li.querySelector('.qi-summary').textContent = item.summary || '(no summary)';
  li.querySelector('.qi-tried').textContent = triedText(item.tried);
  li.querySelector('.qi-accept').setAttribute('aria-label', `Accept ${brand}: ${item.summary || 'request'}`);
  updateWait(li, item);
}

function updateWait(li, item) {
  const wait = li.querySelector('.qi-wait');
  const text = `waiting ${formatWait((Date.now() - item.since) / 1000)}`;
  if (wait.textContent !== text) wait.textContent = text;
}

export function tickWaitingTimes() {
  for (const li of el.queue.children) {
    const item = state.waiting.get(li.dataset.id);
    if (item) updateWait(li, item);
  }
}

async function acceptRequest(id, button) {
  const session = state.session;
  button.disabled = true;
  try {
    const data = await api('POST', convPath(id, 'accept'));
    if (session !== state.session) return;
    addConversation(data.conversation);
    state.waiting.delete(id);
    const li = el.queue.querySelector(`[data-id="${CSS.escape(id)}"]`);
    if (li) li.remove();
    renderQueueMeta();
    selectConversation(data.conversation.id);
    el.composer.focus();
  } catch (err) {
    if (session !== state.session) return;
    if (err.status === 409) showStatus('Another agent took this one.', 'warn');
    else if (err.status === 404) showStatus('That request is no longer waiting: the customer left or it timed out.', 'warn');
    else return handleError(err);
    refreshQueue().catch(handleError);
  } finally {
    button.disabled = false;
  }
}
