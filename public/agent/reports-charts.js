/*
 * The reports (issue 15), one module for both places they show: the console's Reports view (a
 * supervisor's, in the browser or the Teams tab: reports-view.js) and the standalone page
 * /agent/reports.html (reports.js). It builds a date range, five Chart.js charts, the top
 * unanswered questions and a CSV download. The caller hands it `get(path)`, its authenticated
 * fetch resolving to an ok Response (or throwing an error with the server's message), so the
 * console's Teams SSO refresh applies there and the page uses its stored token.
 * Chart.js (its UMD build, served at /agent/chart.js, is the global `Chart`) loads on first use,
 * so a console that never opens the reports never fetches it.
 *
 * Security: the questions customers typed are untrusted: text only via textContent (make).
 */
import { make } from './dom.js';

const CHART_JS = '/agent/chart.js';
const DAY_MS = 86_400_000;
const REASONS = { 'asked-for-person': 'Asked for a person', 'fix-did-not-work': "Fix didn't work", 'not-answered': 'Bot could not answer', unknown: 'Unknown' };
const CANVASES = [
  // [canvas id, heading, accessible label, spans both columns, id of a figure beside the heading]
  ['chart-volume', 'Volume by hour', 'Conversations and handoffs by hour of day', true, null],
  ['chart-times', 'Wait and handle time', 'Wait and handle time, p50 and p90, in minutes', false, null],
  ['chart-reasons', 'Handoffs', 'Why customers were handed to a person', false, 'handoff-rate'],
  ['chart-csat-agent', 'CSAT by agent', 'Average survey rating by agent', false, 'csat'],
  ['chart-csat-reason', 'CSAT by reason', 'Average survey rating by resolution reason', false, null],
];

let chartJs = null;

/** Chart.js, added to the page once; a failed load is tried again next time. */
function loadChart() {
  if (window.Chart) return Promise.resolve(window.Chart);
  chartJs ??= new Promise((resolve, reject) => {
    const script = Object.assign(document.createElement('script'), { src: CHART_JS });
    script.addEventListener('load', () => resolve(window.Chart));
    script.addEventListener('error', () => {
      chartJs = null;
      script.remove();
      reject(new Error('The charting library could not be loaded. Try again.'));
    });
    document.head.append(script);
  });
  return chartJs;
}

// The browser's clock: days and hours are counted on it (the API's utcOffset, minutes ahead of UTC).
const utcOffset = () => -new Date().getTimezoneOffset();
/** A day as YYYY-MM-DD on the browser's clock. */
const dayOf = (ms) => new Date(ms + utcOffset() * 60_000).toISOString().slice(0, 10);
const minutes = (seconds) => (seconds === null ? null : Math.round((seconds / 60) * 10) / 10);

function zoneName() {
  const offset = utcOffset();
  const abs = Math.abs(offset);
  return `UTC${offset >= 0 ? '+' : '−'}${Math.floor(abs / 60)}${abs % 60 ? `:${String(abs % 60).padStart(2, '0')}` : ''}`;
}

function color(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#5b5fc7';
}

function bars(labels, datasets, y = {}) {
  return { type: 'bar', data: { labels, datasets }, options: { scales: { y: { beginAtZero: true, ...y } }, plugins: { legend: { display: datasets.length > 1 } } } };
}

function dateInput(label, testid) {
  const field = make('label', 'reports-field', `${label} `);
  const input = make('input');
  Object.assign(input, { type: 'date', required: true });
  input.dataset.testid = testid;
  field.append(input);
  return { field, input };
}

/**
 * The reports as one section (not yet on the page). `get(path)`: the caller's authenticated GET;
 * `onError(err)`: told of every failure after it is shown (the page signs out on a 401).
 */
export function createReports({ get, onError = () => {} }) {
  const section = make('section', 'reports');
  section.dataset.testid = 'reports-view';
  section.setAttribute('aria-labelledby', 'reports-title');
  const head = make('div', 'reports-head');
  const title = make('h2', '', 'Reports');
  title.id = 'reports-title';
  head.append(title);

  const form = make('form', 'reports-range');
  form.dataset.testid = 'reports-range';
  const from = dateInput('From', 'reports-from');
  const to = dateInput('To', 'reports-to');
  const show = make('button', 'button primary', 'Show');
  show.type = 'submit';
  const csv = make('button', 'button', 'Download CSV');
  csv.type = 'button';
  csv.dataset.testid = 'reports-csv';
  const zone = make('span', 'reports-zone');
  form.append(from.field, to.field, show, csv, zone);

  const message = make('p', 'reports-message');
  Object.assign(message, { hidden: true });
  message.setAttribute('role', 'status');
  message.setAttribute('aria-live', 'polite');
  message.dataset.testid = 'reports-message';

  const grid = make('div', 'reports-grid');
  Object.assign(grid, { id: 'reports-charts', hidden: true });
  grid.dataset.testid = 'reports-charts';
  const figures = {};
  for (const [id, heading, label, wide, figureId] of CANVASES) {
    const panel = make('section', wide ? 'reports-panel wide' : 'reports-panel');
    const h = make('h3', '', heading);
    if (figureId) {
      figures[figureId] = make('span', 'reports-figure');
      figures[figureId].dataset.testid = figureId;
      h.append(' ', figures[figureId]);
    }
    const box = make('div', 'reports-chart');
    const canvas = make('canvas');
    canvas.id = id;
    canvas.dataset.testid = id;
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', label);
    box.append(canvas);
    panel.append(h, box);
    grid.append(panel);
  }
  const questions = make('section', 'reports-panel wide');
  const table = make('table', 'reports-unanswered');
  table.dataset.testid = 'unanswered-table';
  const headRow = make('tr');
  headRow.append(make('th', '', 'Question'), make('th', 'num', 'Asked'));
  for (const th of headRow.children) th.scope = 'col';
  const thead = make('thead');
  thead.append(headRow);
  const rows = make('tbody');
  table.append(thead, rows);
  questions.append(make('h3', '', 'Top unanswered questions'), table);
  grid.append(questions);
  section.append(head, form, message, grid);

  const charts = new Map();
  let asked = 0; // bumped by every load and clear, so a late answer never paints over a newer one

  function say(text, error = false) {
    message.textContent = text;
    message.classList.toggle('error', error);
    message.hidden = !text;
  }

  const query = () => new URLSearchParams({ from: from.input.value, to: to.input.value, utcOffset: String(utcOffset()) }).toString();

  function draw(Chart, id, config) {
    charts.get(id)?.destroy();
    const canvas = section.querySelector(`#${id}`);
    charts.set(id, new Chart(canvas, { ...config, options: { responsive: true, maintainAspectRatio: false, animation: false, ...config.options } }));
  }

  function render(Chart, report) {
    grid.hidden = false; // shown first, so each chart measures its box
    const accent = color('--accent');
    const second = color('--danger');
    const hours = report.volumeByHour;
    draw(Chart, 'chart-volume', bars(hours.map((h) => `${String(h.hour).padStart(2, '0')}:00`), [
      { label: 'Conversations', data: hours.map((h) => h.conversations), backgroundColor: accent },
      { label: 'Handoffs', data: hours.map((h) => h.handoffs), backgroundColor: second },
    ]));
    const { waitSeconds: wait, handleSeconds: handle } = report;
    draw(Chart, 'chart-times', bars([`Wait (${wait.count})`, `Handle (${handle.count})`], [
      { label: 'p50 (minutes)', data: [minutes(wait.p50), minutes(handle.p50)], backgroundColor: accent },
      { label: 'p90 (minutes)', data: [minutes(wait.p90), minutes(handle.p90)], backgroundColor: second },
    ]));
    const rating = { max: 5 };
    const { byAgent, byReason, overall } = report.csat;
    draw(Chart, 'chart-csat-agent', bars(byAgent.map((a) => `${a.name} (${a.count})`), [{ label: 'Average rating', data: byAgent.map((a) => a.average), backgroundColor: accent }], rating));
    draw(Chart, 'chart-csat-reason', bars(byReason.map((r) => `${r.reason} (${r.count})`), [{ label: 'Average rating', data: byReason.map((r) => r.average), backgroundColor: accent }], rating));
    const reasons = report.handoffs.reasons;
    draw(Chart, 'chart-reasons', {
      type: 'doughnut',
      data: { labels: reasons.map((r) => REASONS[r.reason] ?? r.reason), datasets: [{ data: reasons.map((r) => r.count), backgroundColor: [accent, second, color('--warn-text'), color('--muted')] }] },
      options: { plugins: { legend: { position: 'bottom' } } },
    });
    const { rate, handoffs, conversations } = report.handoffs;
    figures['handoff-rate'].textContent = rate === null ? 'no conversations' : `${(rate * 100).toFixed(1)}% (${handoffs} of ${conversations})`;
    figures.csat.textContent = overall.average === null ? 'no ratings' : `${overall.average} / 5 (${overall.count})`;
    const lines = report.unanswered.top.map((q) => {
      const row = make('tr');
      const question = make('td', '', q.example);
      question.title = q.question;
      row.append(question, make('td', 'num', q.count));
      return row;
    });
    if (lines.length === 0) {
      const row = make('tr');
      const cell = make('td', '', 'None in this range.');
      cell.colSpan = 2;
      row.append(cell);
      lines.push(row);
    }
    rows.replaceChildren(...lines);
  }

  async function load() {
    if (from.input.value > to.input.value) return say('"From" must not be after "To".', true);
    const mine = ++asked;
    say('Loading…');
    try {
      const [Chart, res] = await Promise.all([loadChart(), get(`/api/agent/reports?${query()}`)]);
      const report = await res.json();
      if (mine !== asked) return undefined;
      render(Chart, report);
      say('');
    } catch (err) {
      if (mine !== asked) return undefined;
      grid.hidden = true;
      say(err.message, true);
      onError(err);
    }
    return undefined;
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
      onError(err);
    }
  }

  /** Everything drawn leaves the page (signing out); the range goes back to the last seven days. */
  function clear() {
    asked += 1;
    for (const chart of charts.values()) chart.destroy();
    charts.clear();
    rows.replaceChildren();
    grid.hidden = true;
    say('');
    const today = Date.now();
    to.input.value = dayOf(today);
    from.input.value = dayOf(today - 6 * DAY_MS);
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });
  csv.addEventListener('click', download);
  zone.textContent = `Hours on your clock (${zoneName()})`;
  clear();
  return { section, head, load, clear };
}
