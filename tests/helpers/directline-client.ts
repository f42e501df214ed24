import { DirectLine, type Activity, type Message } from 'botframework-directlinejs';
import WebSocket from 'ws';

// The official client needs these in Node; without them it sits in "Connecting" forever.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- xhr2 ships no types; required, it stays an opaque value
(globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest = require('xhr2');
(globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;

export interface Customer {
  directLine: DirectLine;
  seen: Activity[];
  /** The bot's (and agents') message texts, in order. */
  texts(): string[];
  /** The URLs of the bot's link buttons (hero cards), in order: a link on Direct Line is a button, not text. */
  links(): string[];
  say(text: string, extra?: Partial<Message>): Promise<string>;
  /** Sends a non-message activity (typing, an event) as the customer. */
  send(activity: Partial<Activity>): Promise<string>;
  end(): void;
}

/** The official Direct Line client against the embedded endpoint, collecting every activity it sees. */
export function directLineClient(options: { domain: string; token: string; webSocket: boolean; conversationId?: string; watermark?: string }): Customer {
  const directLine = new DirectLine({ ...options, pollingInterval: 200 });
  const seen: Activity[] = [];
  const subscription = directLine.activity$.subscribe((a) => seen.push(a));
  const send = (activity: Partial<Activity>) =>
    new Promise<string>((resolve, reject) => {
      directLine.postActivity({ from: { id: 'visitor', name: 'Visitor' }, ...activity } as Activity).subscribe(resolve, reject);
    });
  return {
    directLine,
    seen,
    texts: () => seen.filter((a): a is Message => a.type === 'message' && a.from.id === 'giftbot').map((a) => a.text ?? ''),
    links: () =>
      seen
        .filter((a): a is Message => a.type === 'message' && a.from.id === 'giftbot')
        .flatMap((a) => (a.attachments ?? []).flatMap((card) => ((card as { content?: { buttons?: Array<{ type: string; value: string }> } }).content?.buttons ?? [])))
        .filter((button) => button.type === 'openUrl')
        .map((button) => button.value),
    say: (text, extra = {}) => send({ type: 'message', text, ...extra }),
    send,
    end: () => {
      subscription.unsubscribe();
      directLine.end();
    },
  };
}
