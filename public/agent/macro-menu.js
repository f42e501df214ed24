/*
 * Macros by slash command (issue 15): typing "/" at the start of the reply box lists the team's
 * macros (macros/macros.json) filled for this conversation, filtered as the agent types; Enter, Tab
 * or a click puts the filled text in the box. Nothing is sent: the agent reads, edits, then sends.
 */
import { api, convPath } from './api.js';
import { el, make } from './dom.js';
import { saveDraft } from './drafts.js';
import { current } from './state.js';
import { showStatus } from './status.js';

const SHOWN_MAX = 8;
let menu = null;
let shown = [];
let active = 0;

/** Wires the menu to the reply box. Keys are caught on the form in the capture phase, so Enter picks a macro before it could send. */
export function attachMacroMenu() {
  menu = make('ul', 'macro-menu');
  Object.assign(menu, { id: 'macro-menu', hidden: true });
  menu.setAttribute('role', 'listbox');
  menu.setAttribute('aria-label', 'Macros');
  menu.dataset.testid = 'macro-menu';
  el.composerForm.prepend(menu);
  el.composer.setAttribute('aria-controls', menu.id);
  el.composer.addEventListener('input', () => void update());
  el.composer.addEventListener('blur', () => setTimeout(close, 150)); // after a click on an item lands
  el.composerForm.addEventListener('keydown', onKey, true);
  window.addEventListener('resize', () => menu.hidden || place()); // a phone turned, a window resized
}

/** The typed command: "/ask" → "ask"; null when the box isn't a slash command. */
function command() {
  const match = /^\/([\w-]*)$/.exec(el.composer.value);
  return match ? match[1].toLowerCase() : null;
}

async function update() {
  const conv = current();
  const typed = command();
  if (!conv || conv.ended || typed === null) return close();
  if (!conv.macros) {
    try {
      conv.macros = (await api('GET', convPath(conv.id, 'macros'))).macros;
    } catch (err) {
      close();
      return showStatus(`Macros could not be loaded: ${err.message}`, 'warn');
    }
    if (current() !== conv || command() === null) return close(); // the agent moved on meanwhile
  }
  const now = command();
  shown = conv.macros.filter((m) => m.id.startsWith(now) || m.title.toLowerCase().includes(now)).slice(0, SHOWN_MAX);
  active = 0;
  render();
}

function render() {
  menu.replaceChildren(
    ...(shown.length === 0
      ? [make('li', 'macro-empty', 'No macro by that name')]
      : shown.map((macro, i) => {
          const item = make('li', 'macro-item');
          Object.assign(item, { id: `macro-${macro.id}` });
          item.setAttribute('role', 'option');
          item.setAttribute('aria-selected', String(i === active));
          item.dataset.testid = 'macro-item';
          item.dataset.id = macro.id;
          item.append(make('span', 'macro-command', `/${macro.id}`), make('span', 'macro-title', macro.title), make('span', 'macro-text', macro.text));
          // mousedown, not click: the box keeps its focus, so the blur doesn't close the menu first.
          item.addEventListener('mousedown', (event) => {
            event.preventDefault();
            pick(macro);
          });
          return item;
        })),
  );
  place();
  menu.hidden = false;
  el.composer.setAttribute('aria-expanded', 'true');
  if (shown[active]) el.composer.setAttribute('aria-activedescendant', `macro-${shown[active].id}`);
}

/** Fixed, just above the reply box: the log and the phone layout's sticky box can't clip it. */
function place() {
  const box = el.composer.getBoundingClientRect();
  Object.assign(menu.style, { left: `${Math.max(4, Math.min(box.left, window.innerWidth - menu.offsetWidth - 4))}px`, bottom: `${window.innerHeight - box.top + 4}px` });
}

function close() {
  if (!menu || menu.hidden) return;
  menu.hidden = true;
  shown = [];
  el.composer.setAttribute('aria-expanded', 'false');
  el.composer.removeAttribute('aria-activedescendant');
}

function onKey(event) {
  if (!menu || menu.hidden || event.isComposing) return;
  const move = { ArrowDown: 1, ArrowUp: -1 }[event.key];
  if (move && shown.length) {
    active = (active + move + shown.length) % shown.length;
    render();
  } else if ((event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey && shown[active]) {
    pick(shown[active]);
  } else if (event.key === 'Escape') {
    close();
  } else {
    return;
  }
  event.preventDefault();
  event.stopPropagation();
}

/** The command gives way to the macro's filled text, caret at the end, kept as the draft. */
function pick(macro) {
  const conv = current();
  close();
  if (!conv || conv.ended) return;
  el.composer.value = macro.text;
  conv.draft = macro.text;
  saveDraft(conv.id, macro.text);
  el.composer.focus();
  el.composer.setSelectionRange(macro.text.length, macro.text.length);
}
