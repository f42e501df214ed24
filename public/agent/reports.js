/*
 * The standalone reports page (/agent/reports.html): a thin bootstrap around reports-charts.js
 * (the same reports the console shows as its Reports view) that signs in with the console's token
 * store (this tab's sessionStorage). Reports are for supervisors, so an agent's token gets the
 * server's 403 message. In the Teams tab the console's Reports view is the way in: this page has
 * no Teams sign-in and may not be framed.
 */
import { createReports } from './reports-charts.js';
import { forgetToken, readToken, storeToken, tokenFromFragment } from './token-store.js';

const $ = (id) => document.getElementById(id);
let token = tokenFromFragment() || readToken();

/** GET with the token; the server's own message on a refusal. */
async function get(path) {
  const res = await fetch(path, { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' });
  if (res.ok) return res;
  const body = await res.json().catch(() => null);
  const error = new Error(body?.error?.message || `The request failed (${res.status}).`);
  error.status = res.status;
  throw error;
}

const reports = createReports({ get, onError: (err) => err.status === 401 && signOut('That token was not accepted. Sign in again.') });
reports.section.hidden = true;
$('main').append(reports.section);

function signOut(message) {
  forgetToken();
  token = null;
  reports.section.hidden = true;
  reports.clear();
  $('signin-form').hidden = false;
  $('signin-message').textContent = message;
  $('signin-message').hidden = !message;
}

function start() {
  $('signin-form').hidden = true;
  reports.section.hidden = false;
  reports.load();
}

$('signin-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const typed = $('token').value.trim();
  if (!typed) {
    $('signin-message').textContent = 'Paste your token first.';
    $('signin-message').hidden = false;
    return;
  }
  token = typed;
  storeToken(typed);
  $('token').value = '';
  start();
});

if (token) start();
else $('signin-form').hidden = false;
