import { z } from 'zod';
import type { Line } from '../handoff/transcript-line';

/** One line of an exported transcript: when, who (name, and role unless it was the bot), what. */
export const ExportLineSchema = z.object({ at: z.string(), who: z.string(), text: z.string() });
export type ExportLine = z.infer<typeof ExportLineSchema>;

const LINE = /^(\S+) {2}(.*?): (.*)$/;

/**
 * A transcript as the archive keeps it: one "time  who: words" line a message, who being
 * "Name (customer)", "Name (agent)" or "giftbot". A message's own line breaks become " / ", so one
 * line is always one message and the export can be read back line by line.
 */
export function archiveText(lines: readonly Line[]): string {
  return lines.map((line) => `${line.at}  ${whoOf(line)}: ${line.text.replace(/\s*[\r\n]+\s*/g, ' / ')}`).join('\n');
}

/** The archive's text back as lines, for the JSON export (a line that doesn't fit keeps its words). */
export function exportLines(text: string): ExportLine[] {
  if (text === '') return [];
  return text.split('\n').map((raw) => {
    const found = LINE.exec(raw);
    return found ? { at: found[1]!, who: found[2]!, text: found[3]! } : { at: '', who: '', text: raw };
  });
}

function whoOf(line: Line): string {
  switch (line.from) {
    case 'bot':
      return 'giftbot';
    case 'customer':
    case 'agent':
      return `${line.name} (${line.from})`;
    default: {
      const unknown: never = line.from;
      return String(unknown);
    }
  }
}
