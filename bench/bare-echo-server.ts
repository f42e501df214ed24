import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory } from 'botbuilder';
import express from 'express';

/**
 * bench:http's baseline, in its own process: `node bare-echo-server.js` prints its port. It is the
 * BotBuilder samples' echo bot (02.echo-bot) as they run it — CloudAdapter, an ActivityHandler that
 * echoes, express with its JSON parser and nothing else: no giftbot code at all, so the ratio shows
 * what giftbot's turn costs over the framework's own.
 */
class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const replyText = `Echo: ${context.activity.text ?? ''}`;
      await context.sendActivity(MessageFactory.text(replyText, replyText));
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      for (const member of context.activity.membersAdded ?? []) {
        if (member.id !== context.activity.recipient.id) await context.sendActivity(MessageFactory.text('Hello and welcome!'));
      }
      await next();
    });
  }
}

function main(): void {
  // No MicrosoftAppId: anonymous, as the samples run locally (and as giftbot runs in the bench).
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  adapter.onTurnError = async (context, error) => {
    console.error(`[onTurnError] ${error.message}`);
    await context.sendActivity('The bot encountered an error or bug.');
  };
  const bot = new EchoBot();
  const app = express();
  app.use(express.json());
  app.post('/api/messages', (req, res) => adapter.process(req, res, (context) => bot.run(context)));
  const server = createServer(app).listen(0, () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

main();
