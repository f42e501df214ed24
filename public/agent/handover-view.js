/*
 * The handover notes colleagues left when they transferred the selected conversation: shown above
 * its chat, for this agent only (the customer never gets them; they come with the transcript).
 */
import { el, make } from './dom.js';

let box = null;

export function renderHandover(conv) {
  if (!box) {
    box = make('div', 'handover');
    box.dataset.testid = 'handover-note';
    box.setAttribute('role', 'note');
    box.setAttribute('aria-label', 'Handover notes from colleagues');
    el.chatLog.before(box);
  }
  const notes = (conv && conv.handover) || [];
  box.hidden = notes.length === 0;
  box.replaceChildren(
    ...notes.map((n) => {
      const line = make('p', 'handover-line');
      line.append(make('strong', '', `Handover note from ${n.from}${n.to ? '' : ' (put back in the queue)'}:`), document.createTextNode(` ${n.note}`));
      return line;
    }),
  );
}
