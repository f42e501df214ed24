/*
 * The selected conversation's chat: transcript lines (each once, in time order, as text) and
 * "Customer is typing…".
 */
import { el, make } from './dom.js';
import { formatTime, linkify } from './format.js';
import { lineKey, liveTwinOf, matchTwin } from './line-twins.js';
import { renderMarkdown } from './markdown.js';
import './chat-pin.js'; // keeps the log at its last line as the space around it changes
import { state } from './state.js';

const FROM = new Set(['customer', 'bot', 'agent', 'note']); // note: an internal note (notes-view.js), never sent
const TYPING_SHOW_MS = 4000; // how long "Customer is typing…" stays up

/** The transcript and live events overlap; a key per line (and its live twin) keeps each one once, in time order. */
export function mergeLines(conv, lines) {
  for (const line of lines) {
    const key = lineKey(line);
    if (conv.keys.has(key)) continue;
    const twin = liveTwinOf(conv, line);
    if (twin) {
      matchTwin(conv, twin, line);
      continue;
    }
    conv.keys.add(key);
    conv.lines.push(line);
  }
  conv.lines.sort((a, b) => (Date.parse(a.at) || 0) - (Date.parse(b.at) || 0));
}

/** Appends one line; false when it was already there. */
export function addLine(conv, line) {
  if (!line || conv.keys.has(lineKey(line))) return false;
  conv.keys.add(lineKey(line));
  // Heard live: the transcript brings it again under its stored time (line-twins.js).
  conv.lines.push(Object.assign(line, { live: true }));
  if (state.selected === conv.id && conv.loaded) {
    el.chatLog.appendChild(renderLine(line));
    scrollChatToEnd();
  }
  return true;
}

function renderLine(line) {
  const from = FROM.has(line.from) ? line.from : 'bot';
  const li = make('li', `line from-${from}`);
  li.dataset.testid = 'line';
  li.dataset.from = from;
  const meta = make('div', 'line-meta');
  const defaultName = { customer: 'Customer', bot: 'giftbot', agent: 'Agent' }[from];
  meta.append(make('span', 'line-name', line.name || defaultName));
  const time = make('time', 'line-time', formatTime(line.at));
  if (line.at) time.dateTime = String(line.at);
  meta.append(time);
  const text = make('p', 'line-text');
  // The bot and agents write markdown (Web Chat shows it formatted); the customer's words stay as typed.
  text.appendChild(from === 'customer' || from === 'note' ? linkify(line.text) : renderMarkdown(line.text));
  li.append(meta, text);
  return li;
}

export function renderChatLog(conv) {
  // aria-busy keeps screen readers from reading a whole transcript swap as new messages.
  el.chatLog.setAttribute('aria-busy', 'true');
  if (!conv.loaded && !conv.lines.length) el.chatLog.replaceChildren(make('li', 'placeholder', 'Loading the transcript…'));
  else el.chatLog.replaceChildren(...conv.lines.map(renderLine));
  el.chatLog.setAttribute('aria-busy', 'false');
  scrollChatToEnd();
}

function scrollChatToEnd() {
  el.chatLog.scrollTop = el.chatLog.scrollHeight;
}

export function showTyping(conv) {
  clearTimeout(conv.typingTimer);
  conv.typing = true;
  conv.typingTimer = setTimeout(() => stopTyping(conv), TYPING_SHOW_MS);
  renderTyping(conv);
}

export function stopTyping(conv) {
  clearTimeout(conv.typingTimer);
  conv.typing = false;
  renderTyping(conv);
}

export function renderTyping(conv) {
  if (state.selected === conv.id) el.typing.hidden = !conv.typing || conv.ended;
}
