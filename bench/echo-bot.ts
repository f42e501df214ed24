import { ActivityHandler } from 'botbuilder';

/** bench:load's echo setup: a bare botbuilder bot that echoes, on giftbot's own server plumbing (bench:http's baseline is bare-echo-server.ts). */
export class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`You said: ${context.activity.text ?? ''}`);
      await next();
    });
  }
}
