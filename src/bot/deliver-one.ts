import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { Delivery } from '../handoff/handoff-service';
import { toActivity } from './render';
import { AGENT_MESSAGE_ENTITY } from './transcript-lines';

/**
 * One thing the handoff service decided to tell the customer: a line, an agent's message (marked,
 * so channels show who said it), typing, or a flow to start (which `startFlow` runs in the bot).
 */
export async function deliverOne(context: TurnContext, delivery: Delivery, startFlow: (flow: string) => Promise<void>): Promise<void> {
  const channel = context.activity.channelId;
  switch (delivery.kind) {
    case 'say':
      await context.sendActivity(toActivity({ text: delivery.text }, channel));
      return;
    case 'agent-says':
      await context.sendActivity({ ...toActivity({ text: delivery.text }, channel), entities: [{ type: AGENT_MESSAGE_ENTITY, name: delivery.agent.name, said: delivery.said }] });
      return;
    case 'typing':
      await context.sendActivity({ type: ActivityTypes.Typing });
      return;
    case 'flow':
      await context.sendActivity(toActivity({ text: delivery.text }, channel));
      await startFlow(delivery.flow);
      return;
    default: {
      const unknown: never = delivery;
      throw new Error(`unknown delivery ${JSON.stringify(unknown)}`);
    }
  }
}
