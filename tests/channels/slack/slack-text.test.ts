import { fromSlackText, toSlackText } from '../../../src/channels/slack/slack-text';

const BOT = 'U0GIFTBOT';

describe('fromSlackText', () => {
  test('when the bot is mentioned, then the mention is taken out, labelled or not', () => {
    expect(fromSlackText(`<@${BOT}> sell my $20 steam card`, BOT)).toBe('sell my $20 steam card');
    expect(fromSlackText(`hey <@${BOT}|giftbot>, help`, BOT)).toBe('hey , help');
  });

  test('when someone else is mentioned, then they stay as an @name', () => {
    expect(fromSlackText('ask <@U0BOB> or <@U0CAROL|carol>', BOT)).toBe('ask @U0BOB or @carol');
  });

  test('when Slack linked a domain or an address, then the text reads as it was typed', () => {
    expect(fromSlackText('bought on <http://amazon.ca|amazon.ca> for <https://www.amazon.com>', BOT)).toBe('bought on amazon.ca for https://www.amazon.com');
    expect(fromSlackText('mail <mailto:help@example.com>', BOT)).toBe('mail help@example.com');
  });

  test('when channels and broadcasts appear, then they read as #name and @here', () => {
    expect(fromSlackText('see <#C0GENERAL|general> <!here> <!subteam^S0SUP|@support>', BOT)).toBe('see #general @here @support');
  });

  test('when the text has escaped characters, then they are unescaped once', () => {
    expect(fromSlackText('AT&amp;T &lt;3 &amp;lt;', BOT)).toBe('AT&T <3 &lt;');
  });

  test('when only the mention was said, then the text is empty', () => {
    expect(fromSlackText(`  <@${BOT}>  `, BOT)).toBe('');
  });
});

describe('toSlackText', () => {
  test('when text has &, < or >, then they are escaped so nothing becomes a mention or link', () => {
    expect(toSlackText('<!channel> Q&A > here')).toBe('&lt;!channel&gt; Q&amp;A &gt; here');
  });
});
