import { kbCheck } from './kb-check';
import { kbImport } from './kb-import';
import { kbSearch } from './kb-search';
import { interactiveSearch } from './interactive-search';
import { schemasWrite } from './schemas-write';
import { UsageError, type Io, processIo } from './io';

const USAGE = `giftbot — gift-card support bot

Usage:
  giftbot                                 ask the knowledge base in the terminal (what npm start runs)
  giftbot kb import ARTICLE… [--knowledge DIR] [--sample]
                                          turn help-centre articles into brand files
  giftbot kb check [--knowledge DIR]      validate every knowledge file
  giftbot kb search [TEXT] [--brand NAME] [--json] [--knowledge DIR]
                                          ranked matches; without TEXT, one query a line from stdin
  giftbot schemas write                   regenerate the JSON Schemas in schemas/

Options:
  --knowledge DIR   knowledge folder (default: ./knowledge, or $KNOWLEDGE_DIR)
  -h, --help        show this help
`;

type Command = (args: string[], io: Io) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  'kb import': kbImport,
  'kb check': kbCheck,
  'kb search': kbSearch,
  'schemas write': schemasWrite,
};

/** Runs one command; returns the exit code. Usage mistakes print help and exit 2. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  if (argv[0] === '-h' || argv[0] === '--help' || argv[0] === 'help') {
    io.out(USAGE);
    return 0;
  }
  if (argv.length === 0) return interactiveSearch([], io);
  const name = `${argv[0]} ${argv[1] ?? ''}`.trim();
  const command = COMMANDS[name];
  try {
    if (!command) throw new UsageError(`unknown command "${argv.slice(0, 2).join(' ')}"`);
    return await command(argv.slice(2), io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`giftbot: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    throw err;
  }
}
