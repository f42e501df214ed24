/** The longest message an agent may send in one go. */
export const AGENT_TEXT_MAX = 4000;

// Anything shaped like a tag, comment or doctype. A lone "<" ("under < $50") is left alone.
const TAG = /<\/?[a-zA-Z!?][^>]*>/g;
// [label](target) and ![alt](target), markdown's links and images; a target may hold one level of
// parentheses ("javascript:alert(1)", wiki URLs), as markdown allows.
const MD_LINK = /(!?)\[([^\]\n]*)\]\(\s*((?:[^()\s]|\([^()\s]*\))*)[^)]*\)/g;
// Control characters other than tab and newline; bidi overrides that can disguise a link.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Agents' messages are untrusted text, whatever the agent meant: no HTML reaches Web Chat, Teams,
 * Slack or the console, and links survive only with http(s) targets. Markdown links to anything
 * else keep their label; images become links, so nothing loads in the customer's chat on its own.
 */
export function sanitizeAgentText(text: string): string {
  return text
    .replace(CONTROL, '')
    .replace(TAG, '')
    .replace(MD_LINK, (_, image: string, label: string, target: string) => {
      const safe = isWebUrl(target);
      if (!safe) return label;
      if (image) return label ? `${label}: ${target}` : target;
      return `[${label}](${target})`;
    })
    .trim()
    .slice(0, AGENT_TEXT_MAX);
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
