/*
 * One message can reach the console twice with different times: live over the stream, stamped when
 * the server relayed it, and in the transcript, stamped when the channel stored it. After a
 * reconnect the console re-reads the transcript, so every line it heard live comes back under
 * another time. A transcript line that has the same sender and text as a live line not yet matched,
 * within a short time of it, is that line: it takes the transcript's time (the stored one, so a later
 * re-read matches it exactly) instead of showing twice. Each live line is matched at most once, so a
 * customer who really sends "yes" twice still shows twice.
 */

// Relay and storage happen in the same turn; a minute leaves room for a channel's clock (Teams stamps its own).
const SAME_MESSAGE_MS = 60_000;

/** The identity of a line as the server sent it. */
export const lineKey = (line) => `${line.at}|${line.from}|${line.text}`;

/** The live line in `conv` that `line`, read from the transcript, is another copy of; undefined when none. */
export function liveTwinOf(conv, line) {
  const at = Date.parse(line.at);
  if (!Number.isFinite(at)) return undefined;
  return conv.lines.find((seen) => seen.live && !seen.matched && seen.from === line.from && seen.text === line.text && Math.abs(Date.parse(seen.at) - at) <= SAME_MESSAGE_MS);
}

/** Gives the live line the transcript's time; both keys now mean it. */
export function matchTwin(conv, live, line) {
  live.matched = true;
  live.at = line.at;
  conv.keys.add(lineKey(line));
}
