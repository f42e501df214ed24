import { PhraseSet, findAmount, isBlank, pickOption, readAmount, readBrandName } from '../../../src/engine/input-readers';

describe('input readers', () => {
  test.each([
    ['50', 50], ['$50', 50], ['25.50', 25.5], ['USD 1,000', 1000], ['about 75 dollars', 75], ['fifty', 50],
  ])('when the amount is written "%s", then it reads %d', (text, amount) => {
    expect(readAmount(text, 2000)).toBe(amount);
  });

  test.each(['0', '-5', '5000', '10 or 20', ''])('when the amount is "%s", then it is refused', (text) => {
    expect(readAmount(text, 2000)).toBeNull();
  });

  test('when an opening message states money, then the amount is found; a bare number is not money', () => {
    expect(findAmount('sell my $25 amazon card', 2000)).toBe(25);
    expect(findAmount('swap 40 dollars of steam', 2000)).toBe(40);
    expect(findAmount('my ps5 card', 2000)).toBeNull();
    expect(findAmount('sell my card for 1,500 dollars', 2000)).toBe(1500);
    expect(findAmount('order 12345, then 30 bucks', 2000)).toBe(30);
    expect(findAmount(`sell my card ${'9'.repeat(19_980)}`, 2000)).toBeNull();
  });

  test('when a reply picks an option, then label, number or phrase all work, and the longest phrase wins', () => {
    const options = [{ label: 'Yes, it worked', says: ['yes'] }, { label: 'No, still stuck', says: ['no', 'still stuck'] }];
    expect(pickOption('Yes, it worked', options)).toBe(options[0]);
    expect(pickOption('2', options)).toBe(options[1]);
    expect(pickOption('no, still stuck sadly', options)).toBe(options[1]);
    expect(pickOption('maybe', options)).toBeUndefined();
  });

  test('when a brand the knowledge base lacks is typed, then a name-like answer is kept and filler is not', () => {
    expect(readBrandName('Nike')).toBe('Nike');
    expect(readBrandName("Dunkin'")).toBe("Dunkin'");
    expect(readBrandName("I don't know")).toBeNull();
    expect(readBrandName('a very long answer that is clearly not a brand')).toBeNull();
  });

  test('when a message is only a hidden code or punctuation, then it is blank', () => {
    expect(isBlank('[code hidden]')).toBe(true);
    expect(isBlank(' ?! ')).toBe(true);
    expect(isBlank('ok')).toBe(false);
  });

  test('when phrases are matched, then one word only counts in a short message', () => {
    const person = new PhraseSet(['person', 'talk to a person']);
    expect(person.saidIn('person')).toBe(true);
    expect(person.saidIn('a real person please')).toBe(false);
    expect(person.saidIn('can I talk to a person now')).toBe(true);
    expect(person.saidIn('a person stole my card')).toBe(false);
    expect(new PhraseSet(['dont want', 'want']).longestIn("I don't want it")).toBe('dont want');
  });
});
