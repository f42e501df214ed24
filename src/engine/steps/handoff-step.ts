import { minutes } from '../../handoff/handoff-service';
import { handoffFacts } from '../handoff-facts';
import type { Move, StepContext, StepOf } from './step-context';

/** Files the request; says the place in the queue, or goes to `closed` outside support hours. */
export async function executeHandoff(step: StepOf<'handoff'>, ctx: StepContext): Promise<Move> {
  const { slots, turn } = ctx;
  const summary = slots.text(step.summary) ?? '';
  const request = {
    conversationId: turn.conversationId,
    channel: turn.channel,
    reference: turn.reference,
    summary,
    ...handoffFacts(ctx.services, slots, summary),
    tried: slots.tried,
  };
  const ticket = await ctx.services.handoff.request(request);
  switch (ticket.status) {
    case 'queued':
      ctx.replies.push({ text: ctx.text(step.text, { 'handoff.position': ticket.position, 'handoff.wait': minutes(ticket.waitMinutes) }) });
      // Nobody available (routing): said now, not after the customer has waited the full time-out.
      if (ticket.notice) ctx.replies.push({ text: ticket.notice });
      return { end: true };
    case 'external':
      ctx.replies.push({ text: ctx.text(step.external) });
      ctx.effects.initiate = request;
      return { end: true };
    case 'closed':
      return { to: step.closed };
    case 'busy':
      return { to: ticket.reason === 'queue-full' ? step.full : step.tooOften };
    default: {
      const unknown: never = ticket;
      return unknown;
    }
  }
}
