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
import { closeOtherViews, viewToggle } from './view-toggle.js';

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
  const button = viewToggle({ id: 'reports-toggle', label: 'Reports', controls: 'reports-view', show, close });

  const reports = createReports({ get: (path) => apiResponse(path) });
  Object.assign(reports.section, { id: 'reports-view', hidden: true });
  const back = make('button', 'button subtle', 'Back to chats');
  back.type = 'button';
  back.dataset.testid = 'reports-back';
  back.addEventListener('click', () => show(false));
  reports.head.append(back);
  document.getElementById('console-view').after(reports.section);

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
  if (on) closeOtherViews(view.button);
  view.button.setAttribute('aria-pressed', String(on));
  view.button.textContent = on ? 'Chats' : 'Reports';
  view.reports.section.hidden = !on;
  document.getElementById('console-view').hidden = on;
  if (on) view.reports.load();
}
