import type { Middleware, Storage, TranscriptStore } from 'botbuilder';
import type { GiftBot } from '../bot/giftbot';
import type { ProactiveRoutes } from '../bot/proactive-routes';
import type { RecordLog } from '../core/record-log';
import type { FlowSet } from '../engine/flow-loader';
import type { AuditLogEntry } from '../handoff/handoff-audit';
import type { HandoffService } from '../handoff/handoff-service';
import type { TeamNote } from '../handoff/team-notes';
import type { KnowledgeCatalog } from '../knowledge/knowledge-catalog';
import type { Matcher } from '../knowledge/matcher';

/**
 * The wired bot, as the channels see it: what each channel runs turns with. src/app builds it
 * (createGiftbot); it is declared here so channels need nothing from the composition root.
 */
export interface Giftbot {
  bot: GiftBot;
  /** To `use` on the adapter, in this order: redaction first, so nothing after sees a code. */
  middleware: Middleware[];
  /** The knowledge looked up by id (the agent console's names and titles). */
  catalog: KnowledgeCatalog;
  /** Search over it (the agent console's knowledge search). */
  matcher: Matcher;
  flows: FlowSet;
  storage: Storage;
  transcripts: TranscriptStore;
  handoff: HandoffService;
  /** Register here how each channel's conversations are reached outside their turns (agents' replies). */
  routes: ProactiveRoutes;
  audit: RecordLog<AuditLogEntry>;
  notes: RecordLog<TeamNote>;
}
