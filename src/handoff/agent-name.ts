import { withoutAddresses } from './agent-markdown';
import { sanitizeAgentText } from './agent-text';

/** The longest display name shown; longer ones are cut. */
export const AGENT_NAME_MAX = 64;
/** What an agent is called when nothing of their name is left. */
export const AGENT_NAME_FALLBACK = 'Agent';

// Whatever markdown could still make of a name once links are out: brackets, emphasis, code, quotes.
const MARKUP = /[[\]()<>`*_~|#\\!]/g;
// A scheme of any kind, linkified or not ("javascript://…"): a name is never a link.
const SCHEME = /\b[a-z][a-z0-9+.-]*:\/\/\S*/gi;
// Names are one line.
const SPACE = /\s+/g;

/**
 * An agent's display name (from AGENT_TOKENS or a Teams SSO token) as customers and colleagues see
 * it: sanitised like agent text (tags, control and bidi characters, links and images go), then made
 * plain — no markup and no address at all, since a name sits inside the bot's own sentences
 * ("Ana from the support team has joined") and is never meant to format or link anything.
 */
export function sanitizeAgentName(name: string): string {
  const linked = sanitizeAgentText(name.slice(0, AGENT_NAME_MAX * 4))
    // A link keeps only its label: "[Ana](https://…)" is Ana; an http one's address shown as code goes.
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\s*\(?`[^`]*`\)?/g, ' ')
    .replace(SCHEME, ' ');
  const text = withoutAddresses(linked)
    .replace(MARKUP, ' ')
    .replace(SPACE, ' ')
    .replace(/[\s:]+$/, '')
    .trim()
    .slice(0, AGENT_NAME_MAX)
    .trim();
  return /[\p{L}\p{N}]/u.test(text) ? text : AGENT_NAME_FALLBACK;
}
