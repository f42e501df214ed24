import { PLACEHOLDERS, placeholdersIn, render } from '../../../src/text/templates';

describe('templates', () => {
  test('when wording has placeholders, then they are found and filled', () => {
    expect(placeholdersIn('Step {walk.number} of {walk.count}')).toEqual(['walk.number', 'walk.count']);
    expect(render('Hi {brand.name}, {amount}!', { 'brand.name': 'Amazon', amount: 5 })).toBe('Hi Amazon, 5!');
  });

  test('when a placeholder has no value, then it renders empty, never as braces', () => {
    expect(render('[{match.title}]', {})).toBe('[]');
    expect(PLACEHOLDERS.has('brand.name')).toBe(true);
  });
});
