import { ActionTypes, CardFactory, MessageFactory, type Activity } from 'botbuilder';
import type { Reply } from '../engine/flow-runner';

/**
 * Channel-neutral replies as Bot Framework activities: choices become suggested actions (imBack,
 * so a tap sends the label as the person's answer); a link becomes a hero card with an open-URL
 * button, while the URL also stays in the text for channels that show no cards.
 */
export function toActivity(reply: Reply): Partial<Activity> {
  if (reply.link) {
    const card = CardFactory.heroCard('', undefined, [{ type: ActionTypes.OpenUrl, title: reply.link.label, value: reply.link.url }]);
    const activity = MessageFactory.attachment(card, reply.text);
    if (reply.choices) activity.suggestedActions = { to: [], actions: choices(reply.choices) };
    return activity;
  }
  return reply.choices?.length ? MessageFactory.suggestedActions(choices(reply.choices), reply.text) : MessageFactory.text(reply.text);
}

function choices(labels: string[]) {
  return labels.map((label) => ({ type: ActionTypes.ImBack, title: label, value: label }));
}
