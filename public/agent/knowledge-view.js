/* The knowledge search beside the chat: results per conversation, each insertable into the reply. */
import { api } from './api.js';
import { insertIntoComposer } from './composer.js';
import { el, make } from './dom.js';
import { handleError } from './errors.js';
import { renderMarkdown } from './markdown.js';
import { current, state } from './state.js';

export async function searchKnowledge(event) {
  event.preventDefault();
  const conv = current();
  const q = el.kbQuery.value.trim();
  if (!conv || !q) return;
  const params = new URLSearchParams({ q });
  if (conv.info.brand) params.set('brand', conv.info.brand);
  conv.kbQuery = q;
  el.kbResults.replaceChildren(make('li', 'placeholder', 'Searching…'));
  try {
    const data = await api('GET', `/api/agent/knowledge?${params}`);
    conv.kbResults = data.results || [];
  } catch (err) {
    conv.kbResults = null;
    handleError(err);
  }
  if (state.selected === conv.id) renderKnowledge(conv);
}

export function renderKnowledge(conv) {
  if (!conv.kbResults) return el.kbResults.replaceChildren();
  if (!conv.kbResults.length) return el.kbResults.replaceChildren(make('li', 'placeholder', 'Nothing found. Try other words.'));
  el.kbResults.replaceChildren(...conv.kbResults.map((result) => {
    const li = make('li', 'kb-result');
    li.dataset.testid = 'kb-result';
    const head = make('div', 'kb-head');
    head.append(make('strong', 'kb-title', result.title || '(untitled)'));
    if (result.kind) head.append(make('span', 'kb-kind', result.kind));
    const body = make('p', 'kb-body');
    body.appendChild(renderMarkdown(result.body));
    const insert = make('button', 'button kb-insert', 'Insert');
    insert.type = 'button';
    insert.dataset.testid = 'kb-insert';
    insert.setAttribute('aria-label', `Insert “${result.title || 'result'}” into the reply`);
    insert.addEventListener('click', () => insertIntoComposer(String(result.body || ''), '\n'));
    li.append(head, body, insert);
    return li;
  }));
}
