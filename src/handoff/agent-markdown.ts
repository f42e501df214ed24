import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';

/**
 * The parser agents' text is read with: CommonMark, HTML recognised (so it can be dropped), every
 * link target parsed (markdown-it's own validateLink would leave `[x](javascript:…)` as text, which
 * the next renderer might still read as a link: here every link is seen and judged).
 */
const parser = new MarkdownIt('commonmark', { html: true, linkify: false });
parser.validateLink = () => true;

/** As Web Chat reads what we send: bare addresses become links there, so they are checked too. */
const viewer = new MarkdownIt('commonmark', { html: true, linkify: true });
viewer.validateLink = () => true;

/** The one place a link target is judged: absolute https only. */
export function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Agent markdown rebuilt from markdown-it's tokens with an allow-list: paragraphs, headings, lists,
 * quotes, emphasis, code and https links. Images become "alt: url" (https) or their alt text, so
 * nothing loads in the customer's chat by itself; raw HTML goes; http links and bare non-https
 * addresses are shown as code (readable, never a link: Web Chat would otherwise link them);
 * mailto: and tel: links keep their label and show the address, so a link never hides where it goes.
 */
export function rebuildMarkdown(text: string): string {
  // Each block with the separator before it: items of a tight list stay on consecutive lines.
  const blocks: Array<{ text: string; tight: boolean }> = [];
  const prefixes: string[] = [];
  let tight = false;
  const lists: Array<{ ordered: boolean; next: number }> = [];
  let pendingItem = '';
  for (const token of parser.parse(text, {})) {
    switch (token.type) {
      case 'blockquote_open':
        prefixes.push('> ');
        break;
      case 'bullet_list_open':
      case 'ordered_list_open':
        lists.push({ ordered: token.type === 'ordered_list_open', next: Number(token.attrGet('start') ?? 1) });
        break;
      case 'list_item_open': {
        const list = lists.at(-1);
        pendingItem = `${'   '.repeat(Math.max(0, lists.length - 1))}${list?.ordered ? `${list.next++}. ` : '- '}`;
        break;
      }
      case 'blockquote_close':
        prefixes.pop();
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        break;
      case 'paragraph_open':
        tight = token.hidden;
        break;
      case 'heading_open':
        pendingItem += `${token.markup} `;
        break;
      case 'inline':
        blocks.push({ text: prefixed(prefixes, pendingItem + inline(token.children ?? [])), tight });
        pendingItem = '';
        tight = false;
        break;
      case 'code_block':
      case 'fence':
        blocks.push({ text: prefixed(prefixes, pendingItem + fenced(token.content)), tight: false });
        pendingItem = '';
        break;
      case 'hr':
        blocks.push({ text: prefixed(prefixes, '---'), tight: false });
        break;
      default:
        // paragraph/heading/list_item closes, html_block (dropped): nothing to write.
        break;
    }
  }
  return blocks
    .filter((b) => b.text.trim() !== '')
    .map((b, i) => (i === 0 ? '' : b.tight ? '\n' : '\n\n') + b.text)
    .join('');
}

function prefixed(prefixes: readonly string[], block: string): string {
  const prefix = prefixes.join('');
  return prefix ? block.split('\n').map((line) => prefix + line).join('\n') : block;
}

function inline(tokens: readonly Token[]): string {
  let out = '';
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    switch (token.type) {
      case 'text':
        out += guardBareLinks(token.content);
        break;
      case 'code_inline':
        out += codeSpan(token.content);
        break;
      case 'softbreak':
      case 'hardbreak':
        out += '\n';
        break;
      case 'em_open':
      case 'em_close':
      case 'strong_open':
      case 'strong_close':
        out += token.markup;
        break;
      case 'image': {
        const alt = inline(token.children ?? []).trim();
        const src = token.attrGet('src') ?? '';
        out += isHttpsUrl(src) ? (alt ? `${alt}: ${src}` : src) : alt;
        break;
      }
      case 'link_open': {
        const close = closing(tokens, i);
        out += link(token, inline(tokens.slice(i + 1, close)));
        i = close;
        break;
      }
      default:
        // html_inline and anything else not allowed: dropped.
        break;
    }
  }
  return out;
}

/** The index of the link_close that ends the link opened at `open`. */
function closing(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i]!.type === 'link_open') depth++;
    if (tokens[i]!.type === 'link_close' && --depth === 0) return i;
  }
  return tokens.length;
}

function link(token: Token, label: string): string {
  const href = token.attrGet('href') ?? '';
  const shown = label.trim();
  if (isHttpsUrl(href)) return token.markup === 'autolink' ? href : `[${shown || href}](${target(href)})`;
  const scheme = /^(mailto|tel):(.*)$/i.exec(href);
  if (scheme) {
    const address = decodeSafely(scheme[2]!);
    return shown && shown !== address ? `${shown} (${address})` : address;
  }
  // (The label may itself be the address, already shown as code.)
  if (/^http:/i.test(href)) return shown && shown.replace(/`/g, '') !== href ? `${shown} (${codeSpan(href)})` : codeSpan(href);
  return shown;
}

/** A link destination that re-reads as itself: balanced parentheses stay (wiki URLs), others are encoded. */
function target(href: string): string {
  const safe = href.replace(/\s/g, encodeURIComponent);
  let depth = 0;
  for (const ch of safe) {
    depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
    if (depth < 0 || depth > 1) break;
  }
  return depth === 0 ? safe : safe.replace(/\(/g, '%28').replace(/\)/g, '%29');
}

/** Bare addresses a renderer would link on its own ("www.x.example", "http://…"): only https and e-mail stay as text. */
function guardBareLinks(text: string): string {
  const matches = viewer.linkify.match(text) ?? [];
  let out = '';
  let at = 0;
  for (const match of matches) {
    const keep = isHttpsUrl(match.url) || match.schema === 'mailto:' || (match.schema === '' && /^[^@\s]+@/.test(match.raw));
    out += text.slice(at, match.index) + (keep ? match.raw : codeSpan(match.raw));
    at = match.lastIndex;
  }
  return out + text.slice(at);
}

function codeSpan(content: string): string {
  const longest = Math.max(0, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = content.startsWith('`') || content.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}

function fenced(content: string): string {
  const longest = Math.max(2, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}\n${content.replace(/\n$/, '')}\n${fence}`;
}

function decodeSafely(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * What a markdown renderer with links on (as Web Chat's) would make of `text`: true when it holds
 * no HTML, no image and no link other than https (or an e-mail address shown as itself).
 */
export function isSafeMarkdown(text: string): boolean {
  const walk = (tokens: readonly Token[]): boolean =>
    tokens.every((token) => {
      if (token.type === 'html_inline' || token.type === 'html_block' || token.type === 'image') return false;
      if (token.type === 'link_open') {
        const href = token.attrGet('href') ?? '';
        if (!isHttpsUrl(href) && !(token.markup === 'linkify' && href.startsWith('mailto:'))) return false;
      }
      return walk(token.children ?? []);
    });
  return walk(viewer.parse(text, {}));
}

/** `text` with every address a renderer would link on its own taken out (e-mail addresses stay: they show where they go). */
export function withoutAddresses(text: string): string {
  const matches = viewer.linkify.match(text) ?? [];
  let out = '';
  let at = 0;
  for (const match of matches) {
    out += text.slice(at, match.index) + (match.url.startsWith('mailto:') ? match.raw : ' ');
    at = match.lastIndex;
  }
  return out + text.slice(at);
}
