/*
 * Inside Microsoft Teams: teams-js (window.microsoftTeams, the package's UMD bundle served at
 * /agent/teams-js.js) initialises the tab, follows Teams' theme, and hands out the SSO token the
 * server verifies. It is loaded only on the tab's path, so the console alone never fetches it.
 */
import { state } from './state.js';
import { clearStatus, showStatus } from './status.js';
import { applyTheme } from './theme.js';

const TEAMS_INIT_MS = 3000; // outside Teams, initialize() never settles: give up after this

function withTimeout(promise, ms) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), ms))]);
}

/** Adds teams-js to the page; if it can't load, the tab falls back to the console's own sign-in. */
function loadTeamsJs() {
  if (window.microsoftTeams) return Promise.resolve();
  return new Promise((resolve) => {
    const script = document.createElement('script');
    script.src = '/agent/teams-js.js';
    script.addEventListener('load', resolve);
    script.addEventListener('error', resolve);
    document.head.append(script);
  });
}

/** Teams SSO tokens expire; a fresh one is one call away. False when there is none. */
export async function refreshTeamsToken() {
  if (!state.sso) return false;
  try {
    const token = await window.microsoftTeams.authentication.getAuthToken();
    if (!token) return false;
    state.token = token;
    return true;
  } catch {
    return false;
  }
}

/**
 * Null when Teams is not the host (the console's own sign-in follows). Otherwise Teams is the
 * host: `{ token }` from Teams SSO, or `{ failed }` with the message for the fallback sign-in.
 */
export async function startInTeams() {
  await loadTeamsJs();
  const teams = window.microsoftTeams;
  if (!teams || !teams.app) return null;
  showStatus('Connecting to Microsoft Teams…');
  try {
    await withTimeout(teams.app.initialize(), TEAMS_INIT_MS);
  } catch {
    clearStatus();
    return null; // opened outside Teams: the console's own sign-in
  }
  state.inTeams = true;
  try { teams.app.notifySuccess(); } catch { /* only needed when the manifest asks for a loading indicator */ }
  try {
    const context = await withTimeout(teams.app.getContext(), TEAMS_INIT_MS);
    applyTheme(context && context.app && context.app.theme);
    teams.app.registerOnThemeChangeHandler(applyTheme);
  } catch { /* keep the default theme */ }
  try {
    return { token: await teams.authentication.getAuthToken() };
  } catch (err) {
    return { failed: `Teams single sign-on is not available (${(err && err.message) || err}). Sign in with your agent token instead.` };
  }
}
