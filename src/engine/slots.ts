import { z } from 'zod';

/** What a slot can hold: flows write words, amounts, flags, and lists of knowledge entry ids. */
export const SlotValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);

/** A conversation's slots, saved between turns as plain JSON. */
export const SlotsSchema = z.record(z.string(), SlotValueSchema);

export type SlotValue = z.infer<typeof SlotValueSchema>;
export type Slots = z.infer<typeof SlotsSchema>;

/**
 * The slots the engine itself reads, typed. A flow may write any value to any slot, so each reads
 * as undefined (or an empty list) when it holds something of another type.
 */
export interface SlotView {
  readonly brand: string | undefined;
  readonly wantedBrand: string | undefined;
  readonly country: string | undefined;
  readonly match: string | undefined;
  readonly amount: number | undefined;
  /**
   * Knowledge entries already offered for the card in hand: the fixes tried belong to the brand
   * they were tried for (`triedFor`), so a Steam fix never shows as tried on an Amazon card.
   */
  readonly tried: string[];
  /** Knowledge entries the last match was torn between. */
  readonly candidates: string[];
  /** Any slot, when it holds text. */
  text(slot: string): string | undefined;
}

/** The slot holding the brand the `tried` entries were tried for (absent: no brand known then). */
export const TRIED_FOR_SLOT = 'triedFor';

/** Records one more entry tried, for the brand in hand (a list for another brand starts afresh). */
export function markTried(slots: Slots, entry: string): void {
  slots.tried = [...slotView(slots).tried, entry];
  slots[TRIED_FOR_SLOT] = slotView(slots).brand ?? null;
}

/** A live view: it reads the slots as they are at each access, so a step's writes show at once. */
export function slotView(slots: Readonly<Slots>): SlotView {
  // One view per slots object: a view reads live, so it can be shared, and a turn asks often.
  let view = views.get(slots);
  if (!view) views.set(slots, (view = makeView(slots)));
  return view;
}

const views = new WeakMap<Readonly<Slots>, SlotView>();

function makeView(slots: Readonly<Slots>): SlotView {
  const text = (slot: string) => textOf(slots[slot]);
  return {
    get brand() {
      return text('brand');
    },
    get wantedBrand() {
      return text('wantedBrand');
    },
    get country() {
      return text('country');
    },
    get match() {
      return text('match');
    },
    get amount() {
      const value = slots.amount;
      return typeof value === 'number' ? value : undefined;
    },
    get tried() {
      return text(TRIED_FOR_SLOT) === text('brand') ? listOf(slots.tried) : [];
    },
    get candidates() {
      return listOf(slots.candidates);
    },
    text,
  };
}

function textOf(value: SlotValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function listOf(value: SlotValue | undefined): string[] {
  return Array.isArray(value) ? value : [];
}
