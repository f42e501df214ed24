/*
 * The context side panel: what is known about the selected conversation's customer and card —
 * channel, brand, amount with its currency, country — and their earlier conversations with people
 * (date, summary, outcome). A <details> so it folds: open on a wide screen, folded to one line on a
 * phone, where it must not push the reply box down.
 */
import { api, convPath } from './api.js';
import { make } from './dom.js';
import { state } from './state.js';

const NARROW = '(max-width: 700px)';
const OUTCOME = { ended: 'ended', cancelled: 'customer left', 'timed-out': 'nobody free', external: 'contact centre', waiting: 'waiting', active: 'open' };

let panel = null;
let summaryLine = null;
let body = null;

function build() {
  panel = make('details', 'context-panel');
  panel.dataset.testid = 'context-panel';
  panel.open = !window.matchMedia(NARROW).matches;
  const summary = make('summary', 'context-summary');
  summary.append(make('span', 'context-title', 'Customer'), (summaryLine = make('span', 'context-brief')));
  body = make('div', 'context-body');
  panel.append(summary, body);
  const tools = document.querySelector('.tools');
  (tools.querySelector('h3') || tools.firstChild).after(panel);
}

/** Fetches the context once per conversation load (a re-read after a reconnect refreshes it). */
export async function loadContext(conv) {
  const session = state.session;
  try {
    const data = await api('GET', convPath(conv.id, 'context'));
    if (session !== state.session) return;
    conv.context = data;
    if (state.selected === conv.id) renderContext(conv);
  } catch {
    // Left unknown: the transcript's error handling already tells the agent why the chat can't be read.
  }
}

const unknown = (value) => (value === null || value === undefined || value === '' ? 'not known' : String(value));

function money(context) {
  if (context.amount === null || context.amount === undefined) return 'not known';
  const figure = Number.isInteger(context.amount) ? String(context.amount) : context.amount.toFixed(2);
  return context.currency ? `${figure} ${context.currency}` : `${figure} (currency not known)`;
}

function fact(list, name, value, testid) {
  const dt = make('dt', '', name);
  const dd = make('dd', value === 'not known' ? 'context-unknown' : '', value);
  dd.dataset.testid = testid;
  list.append(dt, dd);
}

function earlierItem(e) {
  const li = make('li', 'context-earlier-item');
  li.dataset.testid = 'context-earlier';
  const when = make('time', 'context-date', new Date(e.closedAt).toLocaleDateString());
  when.dateTime = e.closedAt;
  const outcome = [OUTCOME[e.state] || e.state, e.reason].filter(Boolean).join(' · ');
  li.append(when, make('span', 'context-outcome', outcome), make('p', 'context-earlier-summary', e.summary || '(no summary)'));
  return li;
}

export function renderContext(conv) {
  if (!panel) build();
  const context = conv && conv.context;
  if (!context) {
    summaryLine.textContent = ' · loading…';
    body.replaceChildren(make('p', 'context-unknown', 'Loading what is known…'));
    return;
  }
  const earlier = context.earlier || [];
  const brief = [context.brandName, context.amount !== null ? money(context) : null, context.country, earlier.length ? `${earlier.length} earlier` : null].filter(Boolean);
  summaryLine.textContent = brief.length ? ` · ${brief.join(' · ')}` : '';
  const facts = make('dl', 'context-facts');
  fact(facts, 'Channel', unknown(context.channel), 'context-channel');
  fact(facts, 'Brand', unknown(context.brandName), 'context-brand');
  fact(facts, 'Amount', money(context), 'context-amount');
  fact(facts, 'Country', unknown(context.country), 'context-country');
  const heading = make('h4', 'context-earlier-title', earlier.length ? 'Earlier conversations' : 'No earlier conversations with us');
  const list = make('ul', 'context-earlier');
  list.append(...earlier.map(earlierItem));
  body.replaceChildren(facts, heading, list);
}
