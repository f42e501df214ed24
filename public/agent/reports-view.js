/*
 * The supervisor's Reports view in the console (issue 15): a Reports button in the header, only
 * when /api/agent/me says role "supervisor" (as for the Team button), opens the reports in place
 * of the chats, with a Back button. A view rather than a link to /agent/reports.html so it works
 * in the Teams tab: that page isn't allowed in a Teams frame and has no Teams sign-in, while this
 * view fetches with the console's own token (apiResponse refreshes a Teams SSO token on a 401).
 * The charts themselves are reports-charts.js, shared with the standalone page.
 */
import { apiResponse } from './api.js';
import { make } from './dom.js';
import { createReports } from './reports-charts.js';
import { state } from './state.js';

// The other views over the chats: one shows at a time, so opening either closes the reports.
const OTHER_VIEWS = ['team-view', 'archive-view'];
const OTHER_TOGGLES = ['team-toggle', 'archive-toggle'];

let view = null;

/** Adds the Reports button and view for a supervisor; nothing for an agent. Safe to call on every sign-in. */
export function startReportsView() {
  if (state.role !== 'supervisor') {
    if (view) {
      close();
      view.button.hidden = true;
    }
    return;
  }
  if (!view) view = build();
  view.button.hidden = false;
}

function build() {
  const button = make('button', 'button subtle reports-toggle', 'Reports');
  Object.assign(button, { type: 'button', id: 'reports-toggle' });
  button.dataset.testid = 'reports-toggle';
  button.setAttribute('aria-pressed', 'false');
  button.setAttribute('aria-controls', 'reports-view');
  button.addEventListener('click', () => show(button.getAttribute('aria-pressed') !== 'true'));
  document.getElementById('signout').before(button);

  const reports = createReports({ get: (path) => apiResponse(path) });
  Object.assign(reports.section, { id: 'reports-view', hidden: true });
  const back = make('button', 'button subtle', 'Back to chats');
  back.type = 'button';
  back.dataset.testid = 'reports-back';
  back.addEventListener('click', () => show(false));
  reports.head.append(back);
  document.getElementById('console-view').after(reports.section);

  for (const id of OTHER_VIEWS) {
    const other = document.getElementById(id);
    if (other) new MutationObserver(() => !other.hidden && close()).observe(other, { attributes: true, attributeFilter: ['hidden'] });
  }
  // Signing out shows the sign-in form: the figures leave the page with the session.
  const signin = document.getElementById('signin-view');
  new MutationObserver(() => {
    if (signin.hidden) return;
    close();
    reports.clear();
  }).observe(signin, { attributes: true, attributeFilter: ['hidden'] });
  return { button, reports };
}

/** Hides the reports without touching the chats (another view, or sign-in, took the page). */
function close() {
  view.button.setAttribute('aria-pressed', 'false');
  view.button.textContent = 'Reports';
  view.reports.section.hidden = true;
}

function show(on) {
  if (on) {
    for (const id of OTHER_TOGGLES) {
      const toggle = document.getElementById(id);
      if (toggle && toggle.getAttribute('aria-pressed') === 'true') toggle.click();
    }
  }
  view.button.setAttribute('aria-pressed', String(on));
  view.button.textContent = on ? 'Chats' : 'Reports';
  view.reports.section.hidden = !on;
  document.getElementById('console-view').hidden = on;
  if (on) view.reports.load();
}
