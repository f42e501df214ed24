import { splitQuestions } from '../../../src/understanding/question-split';

describe('two questions in one message', () => {
  it.each([
    ['how do i check my balance? and can i use it at walmart?', ['how do i check my balance?', 'and can i use it at walmart?']],
    ['does my steam card expire? also how do i sell it', ['does my steam card expire?', 'also how do i sell it']],
    ['what is the balance. Can I sell it for cash?', ['what is the balance.', 'Can I sell it for cash?']],
  ])('when "%s" is said, then it is two questions', (text, parts) => {
    expect(splitQuestions(text)).toEqual(parts);
  });

  it.each([
    'how do i check the balance on my amazon card',
    'is it safe? i got it from my boss',
    'my code says invalid. what do i do?',
    'thanks! how do i redeem it',
    'why? why? why?',
  ])('when "%s" is said, then it is one question (or a question and a remark)', (text) => {
    expect(splitQuestions(text)).toBeNull();
  });
});
