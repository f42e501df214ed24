/*
 * Keeps the chat scrolled to its last line while the space around it changes (the ended or
 * transferred banner appearing, "Customer is typing…", a phone's keyboard): a log that was at the
 * bottom stays at the bottom, so the last message is never hidden behind what grew.
 */
import { el } from './dom.js';

const NEAR_BOTTOM_PX = 24;
let pinned = true;

el.chatLog.addEventListener('scroll', () => {
  pinned = el.chatLog.scrollHeight - el.chatLog.scrollTop - el.chatLog.clientHeight <= NEAR_BOTTOM_PX;
});

// The log's own box shrinking (a banner above it, the typing line below) fires this.
new ResizeObserver(() => {
  if (pinned) el.chatLog.scrollTop = el.chatLog.scrollHeight;
}).observe(el.chatLog);
