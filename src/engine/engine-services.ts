import type { HandoffRequest } from '../handoff/handoff-queue';
import type { Ticket } from '../handoff/handoff-service';
import type { TeamNote } from '../handoff/team-notes';
import type { KnowledgeCatalog } from '../knowledge/knowledge-catalog';
import type { Matcher } from '../knowledge/matcher';
import type { OtherBrands } from '../knowledge/other-brands';
import type { IntentReader } from '../understanding/utterance';
import type { EngineSettings } from './engine-settings';
import type { FlowSet } from './flow-loader';

/** Where requests for a person go (the handoff service). */
export interface HandoffDesk {
  request(request: HandoffRequest): Promise<Ticket>;
}

/** Where record steps write. */
export interface NoteSink {
  append(note: TeamNote): Promise<void>;
}

/** What the composition root hands the engine. */
export interface EngineServices {
  flows: FlowSet;
  /** Lookups: brands, entries, the brand-neutral guidance. */
  catalog: KnowledgeCatalog;
  /** Search, and brand names read by alias (through the term index). */
  matcher: Matcher;
  /** Brands with no article, known by name ("Roblox"); without it, such a name is read as typed. */
  otherBrands?: OtherBrands;
  settings: EngineSettings;
  handoff: HandoffDesk;
  notes: NoteSink;
  /** Reads what a message means; without it, messages are routed by phrases and search alone. */
  intents?: IntentReader;
}
