import { ActionTypes, CardFactory, MessageFactory, type Activity, type Attachment } from 'botbuilder';
import type { Reply } from '../engine/flow-runner';

/**
 * Channel-neutral replies as Bot Framework activities, fitted to what each channel shows:
 * Teams gets an Adaptive Card (choices as Action.Submit that send the choice back as a message,
 * links as Action.OpenUrl); Slack gets Block Kit buttons in `channelData`; Web Chat and Direct Line
 * get suggested actions and a hero card. A channel that shows neither keeps its choices as a
 * numbered list in the text, so no reply ever loses them. A link's URL is always in the text too.
 */
export function toActivity(reply: Reply, channelId = 'directline'): Partial<Activity> {
  const kind = channelKind(channelId);
  switch (kind) {
    case 'teams':
      return forTeams(reply);
    case 'slack':
      return forSlack(reply);
    case 'suggested-actions':
      return forWebChat(reply);
    case 'text-only':
      return MessageFactory.text(withNumberedChoices(reply));
    default: {
      const unknown: never = kind;
      return unknown;
    }
  }
}

/** The key a card button's choice travels under in `activity.value`. */
export const CHOICE_KEY = 'giftbotChoice';

type ChannelKind = 'teams' | 'slack' | 'suggested-actions' | 'text-only';

// Channels known to show Bot Framework suggested actions and hero cards.
const SUGGESTED_ACTIONS = new Set(['directline', 'webchat', 'emulator', 'test', 'console', 'bench', 'facebook', 'telegram', 'line', 'directlinespeech']);

export function channelKind(channelId: string): ChannelKind {
  if (channelId === 'msteams') return 'teams';
  if (channelId === 'slack') return 'slack';
  return SUGGESTED_ACTIONS.has(channelId) ? 'suggested-actions' : 'text-only';
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
  if (reply.link && !reply.text.includes(reply.link.url)) lines.push(`${reply.link.label}: ${reply.link.url}`);
  (reply.choices ?? []).forEach((choice, i) => lines.push(`${i + 1}. ${choice}`));
  return lines.join('\n');
}
