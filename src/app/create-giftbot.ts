import path from 'node:path';
import { ConversationState, MemoryStorage, TranscriptLoggerMiddleware, type Middleware, type Storage, type TranscriptStore } from 'botbuilder';
import { BoundedTranscriptStore } from '../storage/bounded-transcript-store';
import type { Config } from '../config/config';
import { FlowRunner } from '../engine/flow-runner';
import { loadDialogsDir, type FlowSet } from '../engine/flow-loader';
import { Router } from '../engine/router';
import { InMemoryHandoffQueue, type HandoffQueue } from '../handoff/handoff-queue';
import { loadKnowledgeDir } from '../knowledge/knowledge-loader';
import { Matcher } from '../knowledge/matcher';
import { ScamDetector } from '../safety/scam-detector';
import { GiftBot } from '../bot/giftbot';
import { RedactionMiddleware } from '../bot/redaction-middleware';
import { silentLogger, type Logger } from './logger';

export interface GiftbotOptions {
  /** Folder the KNOWLEDGE_DIR and DIALOGS_DIR settings are relative to. */
  root: string;
  storage?: Storage;
  transcripts?: TranscriptStore;
  handoff?: HandoffQueue;
  log?: Logger;
}

export interface Giftbot {
  bot: GiftBot;
  /** To `use` on the adapter, in this order: redaction first, so nothing after sees a code. */
  middleware: Middleware[];
  matcher: Matcher;
  flows: FlowSet;
  storage: Storage;
  transcripts: TranscriptStore;
  handoff: HandoffQueue;
}

/**
 * The composition root of the bot: loads and validates knowledge and flows (bad data stops here,
 * with every problem), then wires matcher, engine, router, safety and state.
 */
export function createGiftbot(config: Config, options: GiftbotOptions): Giftbot {
  const knowledge = loadKnowledgeDir(path.resolve(options.root, config.KNOWLEDGE_DIR));
  const matcher = new Matcher(knowledge);
  const flows = loadDialogsDir(path.resolve(options.root, config.DIALOGS_DIR), { brandIds: new Set(matcher.brandIds), entryIds: new Set(matcher.entryIds) });
  const storage = options.storage ?? new MemoryStorage();
  const transcripts = options.transcripts ?? new BoundedTranscriptStore();
  const handoff = options.handoff ?? new InMemoryHandoffQueue();
  const log = options.log ?? silentLogger;
  const runner = new FlowRunner({ flows, matcher, generic: knowledge.generic, config, handoff });
  const bot = new GiftBot({
    runner,
    router: new Router(flows, matcher),
    conversationState: new ConversationState(storage),
    handoff,
    scam: new ScamDetector(flows.global.safety.scamCues),
    log,
  });
  return { bot, middleware: [new RedactionMiddleware(log), new TranscriptLoggerMiddleware(transcripts)], matcher, flows, storage, transcripts, handoff };
}
