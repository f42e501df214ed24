import { asksInGeneral } from '../../../src/understanding/general-question';
import { normalizeText } from '../../../src/text/normalize';
import { shippedClassifier } from '../../helpers/shipped-classifier';

const classifier = shippedClassifier();

// Our own wordings for each rule's shape (not taken from any held-out set).
describe('the rules on top of the intent model', () => {
  it.each([
    'could you put a real person on, this is going nowhere',
    'put me through to your billing people',
    'stop the bot',
    'bypass this robot please',
    'useless thing, actual human now',
    'is anybody even reading these messages',
    'can someone from your team ring me back tomorrow',
  ])('when a customer asks for a person as "%s", then it is read as a person request', (text) => {
    expect(classifier.classify(text).intent).toBe('person');
  });

  it.each([
    'would amazon ever call me and ask for the code on my card?',
    'does the irs ever ask people to pay with gift cards? just curious',
    'what should i do if someone asks me to pay a fine with gift cards',
  ])('when "%s" asks about scams in general, then it is neither a scam warning nor a person request', (text) => {
    const reading = classifier.classify(text);
    expect(reading.intent).not.toBe('scam');
    expect(reading.intent).not.toBe('person');
  });

  it.each([
    'the irs called me and said i have to pay in gift cards today, does the irs ever do that?',
    'the buyer for my couch says he will send me a steam gift card as payment',
    'i already read the numbers off the backs of 3 cards to the man on the phone',
  ])('when "%s" tells a scam happening now, then it is a scam', (text) => {
    expect(classifier.classify(text).intent).toBe('scam');
  });

  it.each([
    'how does a buyer pay me when i sell my card here',
    'i read the numbers off my own card and typed them in but it says invalid',
    'is it ok to buy a target card here for my boss and have it sent to her email',
    'could i read the code to my daughter over the phone so she can put it on her xbox',
    'i can read the pin fine, i just want to sell this card instead of using it',
    'the present i sent my nephew says the code is for another country',
  ])('when "%s" is about the customer\'s own card, then no scam warning comes', (text) => {
    expect(classifier.classify(text).intent).not.toBe('scam');
  });

  it.each([
    'got scammed out of 600 dollars of apple cards yesterday',
    'they said they were from the lottery and the codes are already sent, can i get them back',
    'that caller stole my walmart cards, all 4 of them',
  ])('when "%s" says the cards are already gone, then it is the urgent kind of scam', (text) => {
    expect(classifier.classify(text)).toMatchObject({ intent: 'scam', scamKind: 'already-paid' });
  });

  it.each([
    'who do i call about this',
    'do you have a support email',
    'can a staff member look at my balance please',
    'is there a specialist i can chat with',
    'quiero hablar con un agente',
  ])('when "%s" asks whom to turn to, then it is a person request', (text) => {
    expect(classifier.classify(text).intent).toBe('person');
  });

  it('when a plain "want" sits far from a person word, then it is no person request', () => {
    expect(classifier.classify('we want to order 30 cards of $20 each for our employee appreciation day').intent).not.toBe('person');
    expect(classifier.classify('i want to talk to a real live human being right now').intent).toBe('person');
  });

  it('when someone asks how long a payout takes, then it is an account question the bot is sure of', () => {
    expect(classifier.classify('how long until the money for what i sold lands in my bank')).toMatchObject({ intent: 'account', confidence: 1 });
  });

  it('when a question is general but a story of a call is in it, then asksInGeneral says no', () => {
    expect(asksInGeneral(normalizeText('is it true that the power company takes gift cards?'))).toBe(true);
    expect(asksInGeneral(normalizeText('the power company called me today, is it true they take gift cards?'))).toBe(false);
  });
});
