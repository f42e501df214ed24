import type { Utterance } from '../../understanding/utterance';
import { pickOption, readAmount, readBrandName, readContact } from '../input-readers';
import type { SlotValue } from '../slots';
import { retry } from './retry';
import type { Move, StepContext, StepOf } from './step-context';

/** Asks for one slot; the answer is read as the step expects (a brand, an amount, a contact, text). */
export function executeAsk(step: StepOf<'ask'>, ctx: StepContext): Move {
  const { catalog } = ctx.services;
  const { answer, state } = ctx;
  const suggested = step.suggest?.map((id) => catalog.brand(id)?.name ?? id);
  const choices = step.skip ? [...(suggested ?? []), step.skip[0]!] : suggested;
  if (answer === null) {
    ctx.replies.push({ text: ctx.text(step.prompt), ...(choices ? { choices } : {}) });
    return { wait: true };
  }
  if (step.skip && pickOption(answer, [{ label: step.skip[0]!, says: step.skip }])) {
    state.slots[step.slot] = null;
    return ctx.onward(step.next);
  }
  // A channel without buttons shows choices as a numbered list: "2" means the second.
  const numbered = /^\s*(\d+)\s*$/.exec(answer.text);
  const chosen = numbered && choices ? choices[Number(numbered[1]) - 1] : undefined;
  const value = readAnswer(step.expect, chosen !== undefined ? answer.reread(chosen) : answer, ctx);
  if (value !== null) {
    state.slots[step.slot] = value;
    if (step.expect === 'brand') {
      const country = answer.search().country;
      if (country) state.slots.country = country;
    }
    return ctx.onward(step.next);
  }
  const withChoices = (text: string) => ({ text, ...(choices ? { choices } : {}) });
  return retry(ctx, answer, withChoices(ctx.text(step.prompt)), withChoices(ctx.text(step.retry)));
}

function readAnswer(expect: StepOf<'ask'>['expect'], answer: Utterance, ctx: StepContext): SlotValue {
  switch (expect) {
    case 'brand':
      return ctx.services.matcher.findBrand(answer.text) ?? readBrandName(answer.text);
    case 'amount':
      return readAmount(answer.text, ctx.services.settings.maxAmount);
    case 'contact':
      return readContact(answer.text);
    case 'text':
      return answer.blank ? null : answer.text.trim();
    default: {
      const unknown: never = expect;
      return unknown;
    }
  }
}
