import { message, post, type HostileCase } from './corpus';

/**
 * Issue 12, finding 1: codes in fields other than `text`. The security test found them kept in an
 * event's value, a typing activity's text, attachment names, channelData, entities and from.name.
 * Every case posts one such field over Direct Line; the post is accepted (200) and the code is
 * readable nowhere afterwards — in no field of the echo or of any reply, nor in the log lines of
 * the case. Messages also get the bot's warning; typing and events get no answer at all.
 */
const CODE = 'X7KQ-9PLM-4RTZ-2WVB';
const CARD = '4111 1111 1111 1111';
const AMAZON = 'AQ4T-G7XRLD-NMFB';

const inMessage = (name: string, body: Record<string, unknown>, code = CODE): HostileCase => ({
  name,
  category: 'other-fields',
  request: post(body),
  expect: { status: 200, hiddenAnywhere: code, warned: true },
});

/** Not a message: the bot says nothing, so nothing but the echo shows what was hidden. */
const quiet = (name: string, body: Record<string, unknown>, code = CODE): HostileCase => ({
  name,
  category: 'other-fields',
  request: post(body),
  expect: { status: 200, hiddenAnywhere: code },
});

const event = (name: string, value: unknown, extra: Record<string, unknown> = {}) => ({ type: 'event', name, value, ...extra });

export const otherFieldsCases: HostileCase[] = [
  // Events: Web Chat sends some itself (webchat/join); a client can send any.
  quiet('an event carries a code as its value', event('webchat/join', `my code is ${CODE}`)),
  quiet('an event carries a code deep in an object value', event('webchat/join', { language: 'en-US', card: { pasted: { code: CODE } } })),
  quiet('an event carries codes in an array value', event('giftbot/paste', ['first', `then ${CARD}`, { again: AMAZON }]), CARD),
  quiet('an event carries a code as a key of its value', event('webchat/join', { [CODE]: 'redeem' })),
  quiet('an event is named with a code', event(`redeem/${CODE}`, null)),

  // Typing indicators: text and channelData.
  quiet('a typing activity carries a code as its text', { type: 'typing', text: `my code is ${CODE}` }),
  quiet('a typing activity carries a card number in channelData', { type: 'typing', channelData: { draft: `card ${CARD}` } }, CARD),

  // Attachments: names, HTML content, card content, URLs.
  inMessage('a message carries a code as an attachment name', message('see the photo', { attachments: [{ contentType: 'image/png', contentUrl: 'https://files.example/card.png', name: `card-${CODE}.png` }] })),
  inMessage('a message carries a code in a text/html attachment', message('here is the card', { attachments: [{ contentType: 'text/html', content: `<p>My code is <b>${CODE}</b></p>` }] })),
  inMessage('a message carries a code in an Adaptive Card TextBlock', message('', { attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: `code ${CODE}` }] } }] })),
  inMessage('a message carries a code in an attachment URL', message('link', { attachments: [{ contentType: 'text/plain', contentUrl: `https://files.example/c?code=${CODE}` }] })),
  inMessage('a message carries a card number in an attachment thumbnail URL', message('thumb', { attachments: [{ contentType: 'image/png', thumbnailUrl: `https://files.example/t/${CARD.replace(/ /g, '-')}.png` }] }), CARD),

  // channelData: values, nesting, keys, the retry key.
  inMessage('a message carries a code in channelData', message('hello', { channelData: { note: `code ${CODE}` } })),
  inMessage('a message carries a code nested in channelData', message('hello', { channelData: { a: { b: { c: { d: [{ e: `x ${CODE}` }] } } } } })),
  inMessage('a message carries a code as a channelData key', message('hello', { channelData: { [AMAZON]: true } }), AMAZON),
  inMessage('a message carries a code as its clientActivityID', message('hello', { channelData: { clientActivityID: CODE } })),
  inMessage("a message carries a code in channelData beside Web Chat's own clientActivityID", message('hello', { channelData: { clientActivityID: 'k3j9x0q8f2p', pasted: AMAZON } }), AMAZON),

  // Entities: values and keys.
  inMessage('a message carries a code in an entity', message('hello', { entities: [{ type: 'clientInfo', note: `code ${CODE}` }] })),
  inMessage('a message carries a code as an entity key', message('hello', { entities: [{ type: 'clientInfo', [CODE]: 'x' }] })),
  inMessage('a message carries a card number in a mention entity text', message('hello', { entities: [{ type: 'mention', text: `<at>${CARD}</at>`, mentioned: { id: 'giftbot', name: CARD } }] }), CARD),

  // The sender's name and the other fields a client sets.
  inMessage('a message carries a code as from.name', message('hello', { from: { id: 'ignored', name: `Ana ${CODE}` } })),
  inMessage('a message carries a card number as from.name', message('hello', { from: { name: CARD } }), CARD),
  inMessage('a message carries a code as its localTimezone', message('hello', { localTimezone: CODE })),
  inMessage('a message carries a code as its locale', message('hello', { locale: CODE })),
  inMessage('a message carries a code as its textFormat', message('hello', { textFormat: CODE })),
  inMessage('a message carries a code deep in a card submission value', message('', { value: { form: [{ fields: { giftcard: `${CODE}` } }] } })),
  inMessage('a message carries a full-width code as an attachment name', message('photo', { attachments: [{ contentType: 'image/png', name: '\uFF38\uFF17\uFF2B\uFF31-\uFF19\uFF30\uFF2C\uFF2D-\uFF14\uFF32\uFF34\uFF3A-\uFF12\uFF37\uFF36\uFF22.png' }] })),
];
