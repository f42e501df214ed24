/*
 * The small markdown subset the bot and agents write (**bold**, *italic*, `code`, [label](https://…)),
 * shown as formatting instead of raw asterisks.
 *
 * Security: this never parses HTML. Each piece becomes an element built by hand with its text
 * set as a text node (through linkify), so `<img onerror>` in a line stays visible text; a link
 * is made only for http(s) targets, anything else shows its label and the target as text.
 */
import { linkify } from './format.js';

// One inline token at a time, leftmost first: code, a link, bold, italic (underscores only at word edges).
const TOKEN_RE = /`([^`\n]+)`|\[([^\]\n]+)\]\(([^)\s]+)\)|\*\*(?=\S)([^*\n]*?\S)\*\*|__(?=\S)([^_\n]*?\S)__|\*(?=[^\s*])([^*\n]*?[^\s*])\*|(?<![\w])_(?=[^\s_])([^_\n]*?[^\s_])_(?![\w])/g;

function safeHttpUrl(raw) {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function wrap(tag, inner) {
  const node = document.createElement(tag);
  node.appendChild(inner);
  return node;
}

/** `text` as nodes: the markdown subset as <strong>/<em>/<code>/<a>, everything else as text. */
export function renderMarkdown(text) {
  const fragment = document.createDocumentFragment();
  const source = String(text ?? '');
  let last = 0;
  for (const match of source.matchAll(TOKEN_RE)) {
    if (match.index > last) fragment.appendChild(linkify(source.slice(last, match.index)));
    const [, code, label, target, bold, boldU, em, emU] = match;
    if (code !== undefined) {
      const node = document.createElement('code');
      node.textContent = code;
      fragment.appendChild(node);
    } else if (label !== undefined) {
      const href = safeHttpUrl(target);
      if (href) {
        const a = wrap('a', renderMarkdown(label));
        a.href = href;
        a.target = '_blank';
        a.rel = 'noopener noreferrer';
        fragment.appendChild(a);
      } else {
        fragment.appendChild(document.createTextNode(`${label} (${target})`));
      }
    } else if (bold !== undefined || boldU !== undefined) {
      fragment.appendChild(wrap('strong', renderMarkdown(bold ?? boldU)));
    } else {
      fragment.appendChild(wrap('em', renderMarkdown(em ?? emU)));
    }
    last = match.index + match[0].length;
  }
  if (last < source.length) fragment.appendChild(linkify(source.slice(last)));
  return fragment;
}
