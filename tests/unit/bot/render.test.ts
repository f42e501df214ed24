import MarkdownIt from 'markdown-it';
import type { Activity } from 'botbuilder';
import { channelKind } from '../../../src/bot/channel-kind';
import { toActivity } from '../../../src/bot/render';
import { choicesOf, harness, linkOf } from '../../helpers/bot-harness';

// Web Chat renders a bot's text with markdown-it; this is the same reading of it.
const markdown = new MarkdownIt();
const URL = 'https://marketplace.example/sell?brand=amazon&amount=50.00&utm_source=giftbot&utm_medium=directline';
const link = { url: URL, label: 'Continue on the marketplace' };
const occurrences = (haystack: string, needle: string) => haystack.split(needle).length - 1;
/** Every string a channel would show for the activity: its text and its cards, as JSON. */
const everything = (activity: Partial<Activity>) => JSON.stringify({ text: activity.text, attachments: activity.attachments, channelData: activity.channelData });

describe('the "You\'ll need:" list', () => {
  test('when a redeem walkthrough starts on Web Chat, then its needs render as a markdown list, one item each', async () => {
    const bot = harness({ channel: 'directline', conversation: 'needs-list' });
    const replies = await bot.say('redeem amazon');
    const needs = replies.find((r) => r.text?.includes("You'll need:"))!;
    const html = markdown.render(needs.text!);
    expect(html).toContain('<ul>');
    expect(html.match(/<li>/g)).toHaveLength(3);
    expect(html).toContain('<li>An Amazon account</li>');
    // The lead-in stays its own paragraph rather than swallowing the items.
    expect(html).toMatch(/<p>Let.s redeem your Amazon card. You.ll need:<\/p>\s*<ul>/);
  });

  test('when a fix is given on Web Chat, then its title is a paragraph of its own, not run into the answer', async () => {
    const bot = harness({ channel: 'directline', conversation: 'fix-title' });
    const replies = await bot.say('my amazon card says This code is not valid.');
    const fix = replies.find((r) => r.text?.startsWith('**'))!;
    expect(markdown.render(fix.text!)).toMatch(/^<p><strong>This code is not valid\.<\/strong><\/p>\n<p>Re-enter/);
  });

  test('when the list goes to Teams, then it is still a list (Teams doubles line breaks)', () => {
    const activity = toActivity({ text: "You'll need:\n\n- The claim code\n- An account" }, 'msteams');
    expect(markdown.render(activity.text!).match(/<li>/g)).toHaveLength(2);
  });
});

describe('a link, shown once', () => {
  const reply = { text: `Here's your link for a $50 Amazon card, with the details filled in: ${URL}`, link };

  test.each(['directline', 'webchat', 'test'])('when the channel is %s, then the link is a button and its URL is not in the text', (channel) => {
    const activity = toActivity({ text: "Here's your link for a $50 Amazon card, with the details filled in.", link }, channel);
    expect(linkOf(activity)).toBe(URL);
    expect(activity.text).toBe("Here's your link for a $50 Amazon card, with the details filled in.");
    expect(occurrences(everything(activity), URL)).toBe(1);
  });

  test('when older wording still puts the URL in the text, then a button channel shows it once, as the button', () => {
    const activity = toActivity(reply, 'directline');
    expect(activity.text).toBe("Here's your link for a $50 Amazon card, with the details filled in.");
    expect(occurrences(everything(activity), URL)).toBe(1);
    expect(linkOf(activity)).toBe(URL);
  });

  test.each(['msteams', 'slack'])('when the channel is %s, then the URL is only on the button', (channel) => {
    const activity = toActivity({ ...reply, choices: ['That\'s all'] }, channel);
    expect(occurrences(everything(activity), URL)).toBe(1);
    expect(activity.text ?? activity.summary).not.toContain('utm_source');
  });

  test.each(['console', 'bench', 'sms'])('when the channel is %s (no buttons), then the link is plain text, once, and no card is sent', (channel) => {
    const activity = toActivity({ text: "Here's your link for a $50 Amazon card, with the details filled in.", link }, channel);
    expect(activity.attachments ?? []).toEqual([]);
    expect(activity.text).toBe(`Here's your link for a $50 Amazon card, with the details filled in.\nContinue on the marketplace: ${URL}`);
    expect(occurrences(activity.text!, URL)).toBe(1);
  });

  test('when the terminal gets choices, then they stay suggested actions (the terminal numbers them)', () => {
    expect(channelKind('console')).toBe('terminal');
    expect(choicesOf(toActivity({ text: 'Pick one', choices: ['Done', 'Stop'] }, 'console'))).toEqual(['Done', 'Stop']);
  });

  test('when the sell flow gives its link on Direct Line, then the wording ends cleanly and the URL is on the button only', async () => {
    const bot = harness({ channel: 'directline', conversation: 'sell-link' });
    const replies = await bot.say('sell my $50 amazon card');
    const linked = replies.find((r) => linkOf(r) !== undefined)!;
    expect(linked.text).toBe("Here's your link for a $50 Amazon card, with the details filled in.");
    expect(linkOf(linked)).toContain('https://marketplace.example/sell?brand=amazon&amount=50.00&utm_source=giftbot&utm_medium=directline');
    expect(replies.filter((r) => r.text?.includes('marketplace.example'))).toEqual([]);
  });

  test('when a swap link is given on Direct Line, then it is a button too', async () => {
    const bot = harness({ channel: 'directline', conversation: 'swap-link' });
    const replies = await bot.say('swap my $50 amazon card for a starbucks card');
    const linked = replies.find((r) => linkOf(r) !== undefined)!;
    expect(linkOf(linked)).toContain('https://marketplace.example/swap?');
    expect(linked.text).not.toContain('https://');
  });
});

describe('after a resolved flow', () => {
  test('when a fix worked, then the glad line is followed by next-step buttons, and one of them works', async () => {
    const bot = harness({ channel: 'directline', conversation: 'resolved' });
    await bot.say('my amazon card says This code is not valid.');
    const resolved = await bot.say('Yes, it worked');
    expect(resolved.map((r) => r.text)).toEqual(['Great, glad that sorted it!', 'Is there anything else I can help with?']);
    expect(choicesOf(resolved.at(-1)!)).toEqual(['Redeem another card', 'Sell or swap a card', 'Talk to a person', 'Something else', "That's all"]);
    const next = await bot.say('Redeem another card');
    expect(next.at(-1)?.text).toBe('Which brand is the card for?');
    expect(choicesOf(next.at(-1)!)).toContain('Amazon');
  });

  test('when the next steps go to a text-only channel, then they are numbered in the text', async () => {
    const bot = harness({ channel: 'sms', conversation: 'resolved-sms' });
    await bot.say('my amazon card says This code is not valid.');
    const resolved = await bot.say('yes');
    expect(resolved.at(-1)?.text).toContain('1. Redeem another card\n2. Sell or swap a card\n3. Talk to a person');
  });
});
