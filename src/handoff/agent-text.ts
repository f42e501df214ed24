import { isHttpsUrl, isSafeMarkdown, rebuildMarkdown } from './agent-markdown';

/** The longest message an agent may send in one go. */
export const AGENT_TEXT_MAX = 4000;

// Anything shaped like a tag, comment or doctype. A lone "<" ("under < $50") is left alone.
// `[^<>]` rather than `[^>]`: a tag never holds another "<", and stopping there keeps the search
// linear on a long run of unclosed "<a" (each start would otherwise scan to the end).
const TAG = /<\/?[a-zA-Z!?][^<>]*>/g;
// A tag opened and never closed ("<img src=x onerror=…" to the end of the line): a renderer that
// waits for its ">" would take the rest as markup, so it goes whole.
const UNCLOSED_TAG = /<\/?[a-zA-Z!?][^<>\n]*$/gm;
// A reference definition, "[1]: javascript:…", which a later [label][1] would turn into a link (or,
// where it can't be one, would show the target as text): kept only for https targets.
const MD_REFERENCE = /^[ \t]*\[[^\]\n]+\]:[ \t]*<?(\S*?)>?(?:[ \t].*)?$/gm;
const MAX_ROUNDS = 10;
// Control characters other than tab and newline; bidi overrides that can disguise a link.
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's job
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Agents' messages are untrusted text, whatever the agent meant: no HTML reaches Web Chat, Teams,
 * Slack or the console, and what is left is markdown rebuilt by a real parser (markdown-it) from an
 * allow-list (src/handoff/agent-markdown.ts): https links only, no images, no raw HTML.
 */
export function sanitizeAgentText(text: string): string {
  let clean = text.replace(CONTROL, '');
  // Taking one tag or link out can join the pieces around it into a new one ("<<b>script>"), and
  // markdown-it decodes entities ("&lt;b&gt;"): repeat until nothing changes.
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const next = rebuildMarkdown(stripTags(clean)).replace(CONTROL, '');
    if (next === clean) break;
    clean = next;
  }
  if (TAG.test(clean)) clean = clean.replace(/[<>]/g, '');
  TAG.lastIndex = 0;
  clean = clean.trim().slice(0, AGENT_TEXT_MAX).trim();
  // The last word: what a renderer would make of it. Anything that still reads as HTML, an image
  // or a non-https link (a cut in the middle of one, a trick not foreseen) loses its markup.
  return isSafeMarkdown(clean) ? clean : plain(clean);
}

function stripTags(text: string): string {
  let clean = text;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const next = clean.replace(TAG, '').replace(UNCLOSED_TAG, '').replace(MD_REFERENCE, (line, target: string) => (isHttpsUrl(target) ? line : ''));
    if (next === clean) break;
    clean = next;
  }
  return clean;
}

/** No markup left at all: brackets, angle brackets and backticks go; addresses become unlinkable text. */
function plain(text: string): string {
  return text.replace(/[[\]<>`!]/g, '').replace(/:\/\//g, ': //').trim();
}

/** Only absolute http(s) URLs count as web addresses (the console links these; customers get https links only). */
export function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
