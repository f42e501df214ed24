import { UsageError, type Io, processIo } from './io';

const USAGE = `giftbot — gift-card support bot

Usage:
  giftbot serve                           the HTTP server: website chat, Direct Line, Azure Bot Service (npm start)
  giftbot chat                            talk to the bot in the terminal
  giftbot dialogs check [--dialogs DIR] [--knowledge DIR] [--macros DIR]
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
  giftbot slack manifest [--name NAME]    the Slack app manifest (JSON), Request URLs from PUBLIC_URL
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

/**
 * Each command is loaded only when it runs (a dynamic import), so `giftbot serve` never loads what
 * another command needs (e.g. jszip for the Teams zip) and start-up reads less code.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./serve.js')).serve,
  chat: async () => (await import('./chat.js')).chat,
  'dialogs check': async () => (await import('./dialogs-check.js')).dialogsCheck,
  'kb ask': async () => (await import('./interactive-search.js')).interactiveSearch,
  'kb import': async () => (await import('./kb-import.js')).kbImport,
  'kb check': async () => (await import('./kb-check.js')).kbCheck,
  'kb search': async () => (await import('./kb-search.js')).kbSearch,
  'schemas write': async () => (await import('./schemas-write.js')).schemasWrite,
  'manifest package': async () => (await import('./manifest-package.js')).manifestPackage,
  'slack manifest': async () => (await import('./slack-manifest.js')).slackManifest,
  'report unanswered': async () => (await import('./report-unanswered.js')).reportUnanswered,
  'data purge': async () => (await import('./data-purge.js')).dataPurge,
};

/** Runs one command; returns the exit code. Usage mistakes print help and exit 2. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  if (argv[0] === '-h' || argv[0] === '--help' || argv[0] === 'help') {
    io.out(USAGE);
    return 0;
  }
  if (argv.length === 0) return (await COMMANDS.serve!())([], io);
  const two = `${argv[0]} ${argv[1] ?? ''}`.trim();
  const [name, rest] = COMMANDS[two] ? [two, argv.slice(2)] : [argv[0]!, argv.slice(1)];
  const load = COMMANDS[name];
  try {
    if (!load) throw new UsageError(`unknown command "${argv.slice(0, 2).join(' ')}"`);
    return await (await load())(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`giftbot: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    throw err;
  }
}
