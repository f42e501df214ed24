/** The longest message an agent may send in one go. */
export const AGENT_TEXT_MAX = 4000;

// Anything shaped like a tag, comment or doctype. A lone "<" ("under < $50") is left alone.
const TAG = /<\/?[a-zA-Z!?][^>]*>/g;
// [label](target) and ![alt](target), markdown's links and images; a target may hold one level of
// parentheses ("javascript:alert(1)", wiki URLs), as markdown allows.
const MD_LINK = /(!?)\[([^\]\n]*)\]\(\s*((?:[^()\s]|\([^()\s]*\))*)[^)]*\)/g;
// A reference definition, "[1]: javascript:…", which a later [label][1] would turn into a link.
const MD_REFERENCE = /^[ \t]*\[[^\]\n]+\]:[ \t]*<?(\S*?)>?(?:[ \t].*)?$/gm;
// A tag opened and never closed ("<img src=x onerror=…" to the end of the line): a renderer that
// waits for its ">" would take the rest as markup, so it goes whole.
const UNCLOSED_TAG = /<\/?[a-zA-Z!?][^>\n]*$/gm;
const MAX_ROUNDS = 10;
// Control characters other than tab and newline; bidi overrides that can disguise a link.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Agents' messages are untrusted text, whatever the agent meant: no HTML reaches Web Chat, Teams,
 * Slack or the console, and links survive only with http(s) targets. Markdown links to anything
 * else keep their label; images become links, so nothing loads in the customer's chat on its own.
 */
export function sanitizeAgentText(text: string): string {
  let clean = text.replace(CONTROL, '');
  // Taking one tag or link out can join the pieces around it into a new one ("<<b>script>"):
  // repeat until nothing changes, and if anything tag-shaped is still there, drop the brackets.
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const next = clean.replace(TAG, '').replace(UNCLOSED_TAG, '').replace(MD_LINK, safeLink).replace(MD_REFERENCE, (line, target: string) => (isWebUrl(target) ? line : ''));
    if (next === clean) break;
    clean = next;
  }
  if (TAG.test(clean)) clean = clean.replace(/[<>]/g, '');
  TAG.lastIndex = 0;
  return clean.trim().slice(0, AGENT_TEXT_MAX);
}

function safeLink(_: string, image: string, label: string, target: string): string {
  if (!isWebUrl(target)) return label;
  if (image) return label ? `${label}: ${target}` : target;
  return `[${label}](${target})`;
}

/** Only absolute http(s) URLs count as links. */
export function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
