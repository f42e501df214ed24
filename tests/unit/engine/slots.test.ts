import { markTried, SlotsSchema, slotView, type Slots } from '../../../src/engine/slots';

describe('slotView', () => {
  test('when the slots hold the engine’s values, then the view reads them typed', () => {
    const view = slotView({ brand: 'amazon', wantedBrand: 'steam', country: 'GB', match: 'amazon/x', amount: 25, tried: ['a/b'], triedFor: 'amazon', candidates: ['c/d', 'e/f'], question: 'why?' });
    expect([view.brand, view.wantedBrand, view.country, view.match, view.amount]).toEqual(['amazon', 'steam', 'GB', 'amazon/x', 25]);
    expect([view.tried, view.candidates, view.text('question')]).toEqual([['a/b'], ['c/d', 'e/f'], 'why?']);
  });

  test('when a slot holds a value of another type, then the view reads it as absent', () => {
    const view = slotView({ brand: 7, amount: '25', tried: 'a/b', candidates: null, question: true });
    expect([view.brand, view.amount, view.text('question'), view.text('missing')]).toEqual([undefined, undefined, undefined, undefined]);
    expect([view.tried, view.candidates]).toEqual([[], []]);
  });

  test('when a step writes a slot after the view was taken, then the view reads the new value', () => {
    const slots: Slots = {};
    const view = slotView(slots);
    slots.brand = 'steam';
    slots.tried = ['steam/invalid-code'];
    slots.triedFor = 'steam';
    expect([view.brand, view.tried]).toEqual(['steam', ['steam/invalid-code']]);
  });

  test('when the fixes were tried for another brand, then none reads as tried, and the next one tried starts a list for the brand in hand', () => {
    const slots: Slots = { brand: 'steam' };
    markTried(slots, 'steam/already-redeemed');
    expect(slotView(slots).tried).toEqual(['steam/already-redeemed']);
    slots.brand = 'amazon';
    expect(slotView(slots).tried).toEqual([]);
    markTried(slots, 'amazon/this-code-is-not-valid');
    expect(slots).toMatchObject({ tried: ['amazon/this-code-is-not-valid'], triedFor: 'amazon' });
    slots.brand = null; // "Redeem another card" clears the brand: nothing tried for the next one
    expect(slotView(slots).tried).toEqual([]);
  });

  test('when saved slots hold an object, then the schema refuses them', () => {
    expect(SlotsSchema.safeParse({ brand: 'amazon', tried: ['a/b'], amount: 5, ok: true, none: null }).success).toBe(true);
    expect(SlotsSchema.safeParse({ brand: { id: 'amazon' } }).success).toBe(false);
  });
});
