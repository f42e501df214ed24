import { createInterface } from 'node:readline';
import { createGiftbot } from '../app/create-giftbot';
import { ConsoleAdapter } from '../channels/console-adapter';
import { loadConfig, ConfigError } from '../config/config';
import { DataProblemsError } from '../validation/problem';
import type { Io } from './io';

/** `giftbot chat`: the real bot in the terminal, choices as numbers. What `npm start` runs for now. */
export async function chat(_args: string[], io: Io): Promise<number> {
  let giftbot;
  try {
    giftbot = createGiftbot(loadConfig(io.env), { root: io.cwd });
  } catch (err) {
    if (!(err instanceof DataProblemsError) && !(err instanceof ConfigError)) throw err;
    io.err(`${err.message}\ngiftbot did not start.\n`);
    return 1;
  }
  const bot = giftbot.bot;
  const adapter = new ConsoleAdapter((context) => bot.run(context), io.out);
  for (const middleware of giftbot.middleware) adapter.use(middleware);
  adapter.onTurnError = async (context, error) => {
    io.err(`giftbot: ${error.message}\n`);
    await context.sendActivity('Sorry, something went wrong on my side.');
  };
  io.out('giftbot chat — type to talk, a number picks a choice, Ctrl+D quits.\n');
  await adapter.start();
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  io.out('you › ');
  for await (const line of lines) {
    if (line.trim()) await adapter.receive(line);
    io.out('you › ');
  }
  io.out('\n');
  return 0;
}
