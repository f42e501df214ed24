import type { Utterance } from '../../understanding/utterance';
import { readMarketplaceCountry, readOrdinal } from '../../understanding/entities';
import { formatMoney } from '../../understanding/money';
import { pickOption, readAmount, readAmountAnswer, readBrandName, readContact } from '../input-readers';
import type { Reply } from '../flow-types';
import type { SlotValue } from '../slots';
import { cardCurrency } from '../template-context';
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
  // A channel without buttons shows choices as a numbered list: "2" or "the second one" means the second.
  const numbered = choices ? readOrdinal(answer.text, choices.length) : null;
  const chosen = numbered !== null ? choices![numbered - 1] : undefined;
  const withChoices = (text: string) => ({ text, ...(choices ? { choices } : {}) });
  if (step.expect === 'amount') return takeAmount(step, ctx, answer, withChoices);
  const value = readAnswer(step.expect, chosen !== undefined ? answer.reread(chosen) : answer, ctx);
  if (value !== null) {
    state.slots[step.slot] = value;
    if (step.expect === 'brand') {
      const country = answer.search().country ?? readMarketplaceCountry(answer.text);
      if (country) state.slots.country = country;
    }
    return ctx.onward(step.next);
  }
  return retry(ctx, answer, withChoices(ctx.text(step.prompt)), withChoices(ctx.text(step.retry)));
}

/**
 * The amount with its currency ("€40" keeps EUR beside 40). Over MAX_AMOUNT is not a typo: the step's
 * `tooMuch` says what the limit is, in the card's currency.
 */
function takeAmount(step: StepOf<'ask'>, ctx: StepContext, answer: Utterance, withChoices: (text: string) => Reply): Move {
  const { state } = ctx;
  const { maxAmount } = ctx.services.settings;
  const money = readAmountAnswer(answer.text, ctx.slots.country ?? null);
  if (money && money.amount > 0 && money.amount <= maxAmount) {
    state.slots[step.slot] = money.amount;
    if (money.currency) state.slots.currency = money.currency;
    return ctx.onward(step.next);
  }
  const over = money !== null && money.amount > maxAmount && step.tooMuch !== undefined;
  const help = over ? ctx.text(step.tooMuch!, { 'amount.max': formatMoney(maxAmount, money.currency ?? cardCurrency(state.slots)) }) : ctx.text(step.retry);
  return retry(ctx, answer, withChoices(ctx.text(step.prompt)), withChoices(help));
}

function readAnswer(expect: StepOf<'ask'>['expect'], answer: Utterance, ctx: StepContext): SlotValue {
  switch (expect) {
    case 'brand':
      return ctx.services.matcher.findBrand(answer.text) ?? ctx.services.otherBrands?.find(answer.text) ?? readBrandName(answer.text);
    case 'amount': // read by takeAmount, which keeps the currency too
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
