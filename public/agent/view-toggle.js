/*
 * The header buttons that put another view in place of the chats (Past, Team, Reports). One such
 * view at a time: opening one closes whichever other is open, through that view's own close, so it
 * stops what it runs (the Team view's polling) as it would on its own click.
 */
import { make } from './dom.js';

/** Each toggle button and how to close its view. */
const views = new Map();

/** A header button before Sign out (id, class suffix and test id alike); a click asks `show` to flip. */
export function viewToggle({ id, label, controls, title, show, close }) {
  const button = make('button', `button subtle ${id}`, label);
  Object.assign(button, { type: 'button', id });
  button.dataset.testid = id;
  button.setAttribute('aria-pressed', 'false');
  button.setAttribute('aria-controls', controls);
  if (title) {
    button.title = title;
    button.setAttribute('aria-label', title);
  }
  button.addEventListener('click', () => show(button.getAttribute('aria-pressed') !== 'true'));
  document.getElementById('signout').before(button);
  views.set(button, close);
  return button;
}

/** Closes every open view but the one `button` opens. */
export function closeOtherViews(button) {
  for (const [other, close] of views) if (other !== button && other.getAttribute('aria-pressed') === 'true') close();
}
