import { kbCheck } from './kb-check';
import { kbImport } from './kb-import';
import { kbSearch } from './kb-search';
import { interactiveSearch } from './interactive-search';
import { schemasWrite } from './schemas-write';
import { chat } from './chat';
import { serve } from './serve';
import { manifestPackage } from './manifest-package';
import { dialogsCheck } from './dialogs-check';
import { reportUnanswered } from './report-unanswered';
import { dataPurge } from './data-purge';
import { UsageError, type Io, processIo } from './io';

const USAGE = `giftbot — gift-card support bot

Usage:
  giftbot serve                           the HTTP server: website chat, Direct Line, Azure Bot Service (npm start)
  giftbot chat                            talk to the bot in the terminal
  giftbot dialogs check [--dialogs DIR] [--knowledge DIR]
                                          validate the conversation flows
  giftbot kb ask [--knowledge DIR]        ask the knowledge base directly, in the terminal
  giftbot kb import ARTICLE… [--knowledge DIR] [--sample]
                                          turn help-centre articles into brand files
  giftbot kb check [--knowledge DIR] [--contexts]
                                          validate every knowledge file; --contexts lists each brand's context words
  giftbot kb search [TEXT] [--brand NAME] [--json] [--knowledge DIR]
                                          ranked matches; without TEXT, one query a line from stdin
  giftbot manifest package [--out FILE] [--manifest DIR]
                                          the Teams app zip, ids and domain from the environment
  giftbot schemas write                   regenerate the JSON Schemas in schemas/
  giftbot report unanswered [--json] [--since DAYS] [--limit N]
                                          questions the bot could not answer, most frequent first
  giftbot data purge --conversation ID --yes
                                          delete one conversation for good (a person's request);
                                          the audit log stays

Options:
  --knowledge DIR   knowledge folder (default: ./knowledge, or $KNOWLEDGE_DIR)
  --dialogs DIR     flows folder (default: ./dialogs, or $DIALOGS_DIR)
  -h, --help        show this help
`;

type Command = (args: string[], io: Io) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  serve,
  chat,
  'dialogs check': dialogsCheck,
  'kb ask': interactiveSearch,
  'kb import': kbImport,
  'kb check': kbCheck,
  'kb search': kbSearch,
  'schemas write': schemasWrite,
  'manifest package': manifestPackage,
  'report unanswered': reportUnanswered,
  'data purge': dataPurge,
};

/** Runs one command; returns the exit code. Usage mistakes print help and exit 2. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  if (argv[0] === '-h' || argv[0] === '--help' || argv[0] === 'help') {
    io.out(USAGE);
    return 0;
  }
  if (argv.length === 0) return serve([], io);
  const two = `${argv[0]} ${argv[1] ?? ''}`.trim();
  const [name, rest] = COMMANDS[two] ? [two, argv.slice(2)] : [argv[0]!, argv.slice(1)];
  const command = COMMANDS[name];
  try {
    if (!command) throw new UsageError(`unknown command "${argv.slice(0, 2).join(' ')}"`);
    return await command(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`giftbot: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    throw err;
  }
}
