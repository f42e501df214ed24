import { ActionTypes, CardFactory, MessageFactory, type Activity, type Attachment } from 'botbuilder';
import type { Reply } from '../engine/flow-runner';
import { channelKind, showsLinkButtons } from './channel-kind';

/**
 * Channel-neutral replies as Bot Framework activities, fitted to what each channel shows:
 * Teams gets an Adaptive Card (choices as Action.Submit that send the choice back as a message,
 * links as Action.OpenUrl); Slack gets Block Kit buttons in `channelData`; Web Chat and Direct Line
 * get suggested actions and a hero card. A link is shown once: as a button where the channel has
 * buttons (its URL kept out of the text), else as plain text. A channel that shows no buttons keeps
 * its choices as a numbered list in the text, so no reply ever loses them.
 */
export function toActivity(reply: Reply, channelId = 'directline'): Partial<Activity> {
  const kind = channelKind(channelId);
  const fitted = showsLinkButtons(kind) ? withoutLinkUrl(reply) : withLinkUrl(reply);
  switch (kind) {
    case 'teams':
      return forTeams(fitted);
    case 'slack':
      return forSlack(fitted);
    case 'suggested-actions':
      return forWebChat(fitted);
    case 'terminal':
      // The URL is in the text already; choices stay suggested actions, which the terminal numbers.
      return forWebChat({ text: fitted.text, ...(fitted.choices ? { choices: fitted.choices } : {}) });
    case 'text-only':
      return MessageFactory.text(withNumberedChoices(fitted));
    default: {
      const unknown: never = kind;
      return unknown;
    }
  }
}

/** The key a card button's choice travels under in `activity.value`. */
export const CHOICE_KEY = 'giftbotChoice';

/**
 * The URL out of the text where the link is a button: wording that still writes `{link.url}` would
 * otherwise show it twice, and Web Chat breaks a long URL mid-word ("utm_sour ce=").
 */
function withoutLinkUrl(reply: Reply): Reply {
  if (!reply.link || !reply.text.includes(reply.link.url)) return reply;
  // The URL goes with the ": " that introduced it; the sentence then ends with a full stop.
  const text = reply.text.split(reply.link.url).map((part, i, parts) => (i < parts.length - 1 ? part.replace(/[ \t]*:?[ \t]*$/, '') : part)).join('').trim();
  return { ...reply, text: text === '' || /[.!?]$/.test(text) ? text : `${text}.` };
}

/** Where a link can't be a button, its URL goes in the text (once) after its label. */
function withLinkUrl(reply: Reply): Reply {
  if (!reply.link || reply.text.includes(reply.link.url)) return reply;
  return { ...reply, text: `${reply.text}\n${reply.link.label}: ${reply.link.url}` };
}

function forWebChat(reply: Reply): Partial<Activity> {
  const actions = (reply.choices ?? []).map((label) => ({ type: ActionTypes.ImBack, title: label, value: label }));
  if (reply.link) {
    const card = CardFactory.heroCard('', undefined, [{ type: ActionTypes.OpenUrl, title: reply.link.label, value: reply.link.url }]);
    const activity = MessageFactory.attachment(card, reply.text);
    if (actions.length > 0) activity.suggestedActions = { to: [], actions };
    return activity;
  }
  return actions.length > 0 ? MessageFactory.suggestedActions(actions, reply.text) : MessageFactory.text(reply.text);
}

function forTeams(reply: Reply): Partial<Activity> {
  const actions: object[] = [
    // A plain submit (no msteams imBack, which the Agents Playground can't send) posts the label in
    // `value`; the bot reads it as what the person said.
    ...(reply.choices ?? []).map((label) => ({ type: 'Action.Submit', title: label, data: { [CHOICE_KEY]: label } })),
    ...(reply.link ? [{ type: 'Action.OpenUrl', title: reply.link.label, url: reply.link.url }] : []),
  ];
  // Teams reads text as markdown, where one line break is none: keep the lines apart.
  if (actions.length === 0) return { ...MessageFactory.text(reply.text.replace(/\n/g, '\n\n')), textFormat: 'markdown' };
  const card: Attachment = CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.4',
    body: [{ type: 'TextBlock', text: reply.text, wrap: true }],
    actions,
  });
  // The card carries the text: Teams would otherwise show it twice, above the card and in it.
  return { ...MessageFactory.attachment(card), summary: reply.text };
}

function forSlack(reply: Reply): Partial<Activity> {
  const buttons = [
    ...(reply.choices ?? []).map((label, i) => ({ type: 'button', text: { type: 'plain_text', text: label.slice(0, 75) }, value: label, action_id: `choice-${i}` })),
    ...(reply.link ? [{ type: 'button', text: { type: 'plain_text', text: reply.link.label.slice(0, 75) }, url: reply.link.url, action_id: 'link' }] : []),
  ];
  const blocks: object[] = [{ type: 'section', text: { type: 'mrkdwn', text: toSlackMarkdown(reply.text) } }];
  if (buttons.length > 0) blocks.push({ type: 'actions', elements: buttons });
  return { ...MessageFactory.text(reply.text), channelData: { blocks } };
}

/** Slack mrkdwn: its three control characters escaped, **bold** as *bold*, within the 3,000-character limit. */
function toSlackMarkdown(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\*\*(.+?)\*\*/g, '*$1*');
  return escaped.length > SLACK_SECTION_LIMIT ? `${escaped.slice(0, SLACK_SECTION_LIMIT - 1)}…` : escaped;
}

const SLACK_SECTION_LIMIT = 3000;

function withNumberedChoices(reply: Reply): string {
  const lines = [reply.text];
  (reply.choices ?? []).forEach((choice, i) => lines.push(`${i + 1}. ${choice}`));
  return lines.join('\n');
}
