/**
 * Slack's message markup, both ways. Incoming text arrives with mentions, channels and links
 * wrapped in `<…>` and `&`, `<`, `>` escaped; the bot should read what the person saw. Outgoing
 * plain text is escaped, so nothing the bot says can turn into a mention such as `<!channel>`.
 * https://docs.slack.dev/messaging/formatting-message-text
 */
export function fromSlackText(text: string, botUserId: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_, inner: string) => readToken(inner, botUserId))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Plain text for Slack: `&`, `<` and `>` escaped, as Slack asks of every message. */
export function toSlackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function readToken(inner: string, botUserId: string): string {
  const [target = '', label] = splitLabel(inner);
  if (target.startsWith('@')) return target.slice(1) === botUserId ? ' ' : `@${label ?? target.slice(1)}`;
  if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
  if (target.startsWith('!')) return label ?? `@${target.slice(1).split('^')[0]}`;
  // A link: Slack links bare domains ("amazon.ca" → <http://amazon.ca|amazon.ca>); the label is what was typed.
  return label ?? target.replace(/^mailto:/, '');
}

function splitLabel(inner: string): [string, string | undefined] {
  const bar = inner.indexOf('|');
  return bar < 0 ? [inner, undefined] : [inner.slice(0, bar), inner.slice(bar + 1)];
}
