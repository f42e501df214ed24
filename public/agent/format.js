/*
 * Text for the page: waiting times, clock times, "already tried", and links.
 *
 * Security: everything customers and agents write is untrusted. Text only ever reaches the page
 * through textContent / createTextNode; http(s) URLs become <a> elements built by hand.
 */
const URL_RE = /\bhttps?:\/\/[^\s<>"'`]+/gi;

export function formatWait(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export function formatTime(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

export function triedText(tried) {
  // Titles are sentences ("This code is not valid."): their own full stop goes, or the list reads "valid., …".
  const titles = (tried || []).map((t) => t && String(t.title || '').trim().replace(/[.。]+$/, '')).filter(Boolean);
  if (!titles.length) return 'Nothing tried yet';
  const list = titles.join(', ');
  return `Already tried: ${list}${/[?!]$/.test(list) ? '' : '.'}`;
}

/** Only http(s) URLs are ever turned into links; everything else stays text. */
function safeHttpUrl(raw) {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Trailing punctuation usually ends the sentence, not the URL ("see https://x.example/a."). */
function trimUrl(raw) {
  let url = raw.replace(/[.,;:!?]+$/, '');
  while (/[)\]]$/.test(url)) {
    const open = url.endsWith(')') ? '(' : '[';
    const close = url.slice(-1);
    if (url.split(open).length >= url.split(close).length) break; // balanced: part of the URL
    url = url.slice(0, -1).replace(/[.,;:!?]+$/, '');
  }
  return url;
}

/** Text as nodes: plain text nodes, plus <a> for http(s) URLs. Never parses HTML. */
export function linkify(text) {
  const fragment = document.createDocumentFragment();
  const source = String(text ?? '');
  let last = 0;
  for (const match of source.matchAll(URL_RE)) {
    const raw = trimUrl(match[0]);
    const href = safeHttpUrl(raw);
    if (!href) continue;
    if (match.index > last) fragment.appendChild(document.createTextNode(source.slice(last, match.index)));
    const a = document.createElement('a');
    a.href = href;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    a.textContent = raw;
    fragment.appendChild(a);
    last = match.index + raw.length;
  }
  if (last < source.length) fragment.appendChild(document.createTextNode(source.slice(last)));
  return fragment;
}
