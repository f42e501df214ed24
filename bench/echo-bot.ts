import { ActivityHandler } from 'botbuilder';

/** The baseline for bench:http: a bare botbuilder bot that echoes, on the same server plumbing. */
export class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`You said: ${context.activity.text ?? ''}`);
      await next();
    });
  }
}
