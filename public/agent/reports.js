/*
 * The reports page (/agent/reports.html): a date range, five charts drawn with Chart.js (its UMD
 * build, served at /agent/chart.js, is the global `Chart`), the top unanswered questions and a CSV
 * download. Signs in with the console's token store (this tab's sessionStorage); reports are for
 * supervisors, so an agent's token gets the server's 403 message.
 */
import { forgetToken, readToken, storeToken, tokenFromFragment } from './token-store.js';

const $ = (id) => document.getElementById(id);
const DAY_MS = 86_400_000;
const REASONS = { 'asked-for-person': 'Asked for a person', 'fix-did-not-work': "Fix didn't work", 'not-answered': 'Bot could not answer', unknown: 'Unknown' };
// The browser's clock: days and hours are counted on it (the API's utcOffset, minutes ahead of UTC).
const utcOffset = -new Date().getTimezoneOffset();
const charts = new Map();
let token = tokenFromFragment() || readToken();

/** A day as YYYY-MM-DD on the browser's clock. */
const dayOf = (ms) => new Date(ms + utcOffset * 60_000).toISOString().slice(0, 10);

function query() {
  return new URLSearchParams({ from: $('from').value, to: $('to').value, utcOffset: String(utcOffset) }).toString();
}

function say(text, error = false) {
  const message = $('message');
  message.textContent = text;
  message.classList.toggle('error', error);
  message.hidden = !text;
}

/** GET with the token; the server's own message on a refusal. */
async function get(path) {
  const res = await fetch(path, { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' });
  if (res.ok) return res;
  const body = await res.json().catch(() => null);
  const error = new Error(body?.error?.message || `The request failed (${res.status}).`);
  error.status = res.status;
  throw error;
}

function color(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#5b5fc7';
}

/** Draws (or redraws) one chart on its canvas. */
function draw(id, config) {
  charts.get(id)?.destroy();
  const chart = new window.Chart($(id), { ...config, options: { responsive: true, maintainAspectRatio: false, animation: false, ...config.options } });
  charts.set(id, chart);
}

function bars(labels, datasets, options = {}) {
  return { type: 'bar', data: { labels, datasets }, options: { scales: { y: { beginAtZero: true, ...options.y } }, plugins: { legend: { display: datasets.length > 1 } } } };
}

const minutes = (seconds) => (seconds === null ? null : Math.round((seconds / 60) * 10) / 10);

function render(report) {
  const accent = color('--accent');
  const second = color('--danger');
  draw('chart-volume', bars(report.volumeByHour.map((h) => `${String(h.hour).padStart(2, '0')}:00`), [
    { label: 'Conversations', data: report.volumeByHour.map((h) => h.conversations), backgroundColor: accent },
    { label: 'Handoffs', data: report.volumeByHour.map((h) => h.handoffs), backgroundColor: second },
  ]));
  draw('chart-times', bars([`Wait (${report.waitSeconds.count})`, `Handle (${report.handleSeconds.count})`], [
    { label: 'p50 (minutes)', data: [minutes(report.waitSeconds.p50), minutes(report.handleSeconds.p50)], backgroundColor: accent },
    { label: 'p90 (minutes)', data: [minutes(report.waitSeconds.p90), minutes(report.handleSeconds.p90)], backgroundColor: second },
  ]));
  const ratingScale = { y: { max: 5 } };
  draw('chart-csat-agent', bars(report.csat.byAgent.map((a) => `${a.name} (${a.count})`), [{ label: 'Average rating', data: report.csat.byAgent.map((a) => a.average), backgroundColor: accent }], ratingScale));
  draw('chart-csat-reason', bars(report.csat.byReason.map((r) => `${r.reason} (${r.count})`), [{ label: 'Average rating', data: report.csat.byReason.map((r) => r.average), backgroundColor: accent }], ratingScale));
  const palette = [accent, second, color('--warn-text'), color('--muted')];
  draw('chart-reasons', {
    type: 'doughnut',
    data: { labels: report.handoffs.reasons.map((r) => REASONS[r.reason] ?? r.reason), datasets: [{ data: report.handoffs.reasons.map((r) => r.count), backgroundColor: palette }] },
    options: { plugins: { legend: { position: 'bottom' } } },
  });
  const { rate, handoffs, conversations } = report.handoffs;
  $('rate').textContent = rate === null ? 'no conversations' : `${(rate * 100).toFixed(1)}% (${handoffs} of ${conversations})`;
  const overall = report.csat.overall;
  $('csat').textContent = overall.average === null ? 'no ratings' : `${overall.average} / 5 (${overall.count})`;
  const rows = report.unanswered.top.map((q) => {
    const row = document.createElement('tr');
    const question = document.createElement('td');
    question.textContent = q.example;
    question.title = q.question;
    const count = document.createElement('td');
    count.className = 'num';
    count.textContent = String(q.count);
    row.append(question, count);
    return row;
  });
  if (rows.length === 0) {
    const row = document.createElement('tr');
    const cell = document.createElement('td');
    cell.colSpan = 2;
    cell.textContent = 'None in this range.';
    row.append(cell);
    rows.push(row);
  }
  $('unanswered').replaceChildren(...rows);
  $('charts').hidden = false;
}

async function load() {
  say('Loading…');
  try {
    const res = await get(`/api/agent/reports?${query()}`);
    render(await res.json());
    say('');
  } catch (err) {
    if (err.status === 401) return signOut('That token was not accepted. Sign in again.');
    $('charts').hidden = true;
    say(err.message, true);
  }
}

/** The CSV needs the Authorization header, so it is fetched, then saved from a blob. */
async function download() {
  try {
    const res = await get(`/api/agent/reports.csv?${query()}`);
    const name = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') || '')?.[1] || 'giftbot-report.csv';
    const url = URL.createObjectURL(await res.blob());
    const link = Object.assign(document.createElement('a'), { href: url, download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } catch (err) {
    say(err.message, true);
  }
}

function signOut(message) {
  forgetToken();
  token = null;
  $('range-form').hidden = true;
  $('charts').hidden = true;
  $('signin-form').hidden = false;
  say(message, true);
}

function start() {
  $('signin-form').hidden = true;
  $('range-form').hidden = false;
  load();
}

$('signin-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const typed = $('token').value.trim();
  if (!typed) return say('Paste your token first.', true);
  token = typed;
  storeToken(typed);
  $('token').value = '';
  start();
});
$('range-form').addEventListener('submit', (event) => {
  event.preventDefault();
  if ($('from').value > $('to').value) return say('"From" must not be after "To".', true);
  load();
});
$('download').addEventListener('click', download);

const today = Date.now();
$('to').value = dayOf(today);
$('from').value = dayOf(today - 6 * DAY_MS);
$('zone').textContent = `Hours on your clock (UTC${utcOffset >= 0 ? '+' : '−'}${Math.floor(Math.abs(utcOffset) / 60)}${Math.abs(utcOffset) % 60 ? `:${String(Math.abs(utcOffset) % 60).padStart(2, '0')}` : ''})`;
if (token) start();
else $('signin-form').hidden = false;
