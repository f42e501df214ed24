/**
 * What a channel can show, by its Bot Framework channel id. Rendering asks this once a reply:
 * whether choices can be buttons, and whether a link can be a button (then its URL stays out of
 * the text, so it is shown once) or must be plain text.
 *
 * - `teams`: an Adaptive Card (Action.Submit choices, Action.OpenUrl links)
 * - `slack`: Block Kit buttons
 * - `suggested-actions`: Web Chat / Direct Line and the like: suggested actions and a hero card
 * - `terminal`: `giftbot chat` and the benchmarks: choices as suggested actions (the terminal
 *   numbers them), but no link buttons — the URL is printed in the text
 * - `text-only`: anything else (SMS-like channels): numbered choices and the URL in the text
 */
export type ChannelKind = 'teams' | 'slack' | 'suggested-actions' | 'terminal' | 'text-only';

// Channels known to show Bot Framework suggested actions and hero cards.
const SUGGESTED_ACTIONS = new Set(['directline', 'webchat', 'emulator', 'test', 'facebook', 'telegram', 'line', 'directlinespeech']);
// In-process channels printed as text: choices are numbered by the adapter, a link can't be clicked.
const TERMINAL = new Set(['console', 'bench']);

export function channelKind(channelId: string): ChannelKind {
  if (channelId === 'msteams') return 'teams';
  if (channelId === 'slack') return 'slack';
  if (TERMINAL.has(channelId)) return 'terminal';
  return SUGGESTED_ACTIONS.has(channelId) ? 'suggested-actions' : 'text-only';
}

/** Whether a link shows as a button on this kind of channel (else its URL goes in the text). */
export function showsLinkButtons(kind: ChannelKind): boolean {
  switch (kind) {
    case 'teams':
    case 'slack':
    case 'suggested-actions':
      return true;
    case 'terminal':
    case 'text-only':
      return false;
    default: {
      const unknown: never = kind;
      return unknown;
    }
  }
}
