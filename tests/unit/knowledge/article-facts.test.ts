import { readArticleFacts, type ArticleText } from '../../../src/knowledge/article-facts';

const article = (over: Partial<ArticleText>): ArticleText => ({ text: '', name: 'Amazon', steps: [], needs: [], answers: [], intro: [], ...over });

describe('readArticleFacts', () => {
  test('when a step names a domain with a path, then that is the redeem URL, trailing stops dropped', () => {
    expect(readArticleFacts(article({ steps: ['Go to amazon.com/redeem...'] })).redeemUrl).toBe('https://amazon.com/redeem');
    expect(readArticleFacts(article({ steps: ['Go to a..amazon.com/redeem!!'] })).redeemUrl).toBe('https://amazon.com/redeem');
    expect(readArticleFacts(article({ steps: ['Open -amazon.com'] })).redeemUrl).toBe('https://amazon.com');
  });

  test('when the article gives other names and country domains, then they become aliases', () => {
    const text = 'Amazon (formerly Amazon Shop and the Zon gift cards) works on Amazon.com, not Amazon.ca/.co.uk.';
    expect(readArticleFacts(article({ text })).aliases).toEqual(['amazon.com', 'amazon.ca', 'amazon.co.uk', 'amazon shop', 'zon']);
  });

  test('when the first bullet names the code and where it is, then both are read', () => {
    expect(readArticleFacts(article({ needs: ['The claim code (back of the card or in your gift email)'] })).code).toEqual({ name: 'claim code', where: 'back of the card or in your gift email' });
    expect(readArticleFacts(article({ needs: ['The PIN number.'] })).code).toEqual({ name: 'PIN number', where: null });
    expect(readArticleFacts(article({ needs: ['An account'], steps: ['Enter the 16-digit code'] })).code).toEqual({ name: '16-digit code', where: null });
  });

  test('when an "(also called" never closes, then nothing is made of it', () => {
    expect(readArticleFacts(article({ text: `Amazon ${'(also called '.repeat(2000)}` })).aliases).toEqual([]);
  });
});
