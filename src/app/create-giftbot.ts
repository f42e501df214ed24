import path from 'node:path';
import { ConversationState, MemoryStorage, TranscriptLoggerMiddleware, type Middleware, type Storage, type TranscriptStore } from 'botbuilder';
import type { ConversationLocks } from '../core/conversation-locks';
import type { EventBus } from '../core/event-bus';
import { MemoryLog, type RecordLog } from '../core/record-log';
import { BoundedTranscriptStore } from '../storage/bounded-transcript-store';
import type { Giftbot } from '../channels/bot-app';
import type { Config } from '../config/config';
import { FlowRunner } from '../engine/flow-runner';
import { loadDialogsDir } from '../engine/flow-loader';
import { Router } from '../engine/router';
import { InMemoryHandoffQueue, type HandoffQueue } from '../handoff/handoff-queue';
import { HandoffService, type CustomerLine } from '../handoff/handoff-service';
import { StoragePresence } from '../handoff/agent-presence';
import { AuditedPresence } from '../handoff/audited-presence';
import { isHandoffEntry, type AuditLogEntry } from '../handoff/handoff-audit';
import type { HandoffLimits } from '../handoff/handoff-admission';
import type { TeamNote } from '../handoff/team-notes';
import type { ConversationArchive } from '../handoff/conversation-archive';
import { archivingQueue } from '../agent/archive-writer';
import { ProactiveRoutes } from '../bot/proactive-routes';
import { KnowledgeCatalog } from '../knowledge/knowledge-catalog';
import { loadKnowledgeDir } from '../knowledge/knowledge-loader';
import { loadOtherBrands } from '../knowledge/other-brands-loader';
import { Matcher } from '../knowledge/matcher';
import { ScamDetector } from '../safety/scam-detector';
import { trainedClassifier } from '../understanding/trained-classifier';
import { GiftBot } from '../bot/giftbot';
import { RedactionMiddleware } from '../bot/redaction-middleware';
import { SpoofingGuard } from '../bot/spoofing-guard';
import { CardChoiceMiddleware } from '../bot/card-choice-middleware';
import { cutText } from '../safety/cut-text';
import { silentLogger, type Logger } from '../core/logger';
import { engineSettingsFrom } from './engine-settings';
import type { Metrics } from './metrics';

export interface GiftbotOptions {
  /** Folder the KNOWLEDGE_DIR and DIALOGS_DIR settings are relative to. */
  root: string;
  storage?: Storage;
  transcripts?: TranscriptStore;
  handoff?: HandoffQueue;
  /** Where audit entries and the team's notes (surveys, messages left) go; the server passes its backend's, the terminal keeps them in memory. */
  audit?: RecordLog<AuditLogEntry>;
  notes?: RecordLog<TeamNote>;
  /** Where closed conversations with people are archived (the backend's); unset, nothing is archived. */
  archive?: ConversationArchive;
  /** The backend's turn locks: a close inside a turn is archived again once the turn has committed. */
  locks?: ConversationLocks;
  /** Between instances, with Redis; in process otherwise. */
  bus?: EventBus;
  /** Counts turns, look-ups and handoff events for /metrics. */
  metrics?: Metrics;
  /** Per-client limits on asking for a person, and the queue cap; unset, every request is filed. */
  handoffLimits?: HandoffLimits;
  log?: Logger;
}


/**
 * The composition root of the bot: loads and validates knowledge and flows (bad data stops here,
 * with every problem), then wires matcher, engine, router, safety and state.
 */
export function createGiftbot(config: Config, options: GiftbotOptions): Giftbot {
  const knowledgeDir = path.resolve(options.root, config.KNOWLEDGE_DIR);
  const knowledge = loadKnowledgeDir(knowledgeDir);
  const catalog = new KnowledgeCatalog(knowledge);
  const otherBrands = loadOtherBrands(knowledgeDir, knowledge);
  const matcher = new Matcher(catalog);
  if (options.metrics) matcher.observe((decision) => options.metrics!.match(decision));
  const flows = loadDialogsDir(path.resolve(options.root, config.DIALOGS_DIR), { brandIds: new Set(catalog.brandIds), entryIds: new Set(catalog.entryIds) });
  const storage = options.storage ?? new MemoryStorage();
  const transcripts = options.transcripts ?? new BoundedTranscriptStore();
  const log = options.log ?? silentLogger;
  const audit = counted(options.audit ?? new MemoryLog<AuditLogEntry>(), options.metrics);
  const notes = options.notes ?? new MemoryLog<TeamNote>();
  const routes = new ProactiveRoutes();
  // The bot is built after the service it depends on; the line reaches it (declared below) only
  // when a delivery runs, long after both exist.
  const line: CustomerLine = {
    deliver: (record, deliveries) => routes.continue(record.reference, (context) => bot.deliver(context, deliveries)),
  };
  const handoff = new HandoffService({
    queue: options.archive ? archivingQueue(options.handoff ?? new InMemoryHandoffQueue(), { archive: options.archive, transcripts, log, ...(options.locks ? { locks: options.locks } : {}) }) : (options.handoff ?? new InMemoryHandoffQueue()),
    line,
    audit,
    wording: flows.global.handoff,
    flows: flows.global.handoff.flows,
    mode: config.HANDOFF_MODE,
    hours: { windows: config.SUPPORT_HOURS.windows, timeZone: config.SUPPORT_TIMEZONE, text: config.SUPPORT_HOURS.text },
    timeoutMs: config.HANDOFF_TIMEOUT_SECONDS * 1000,
    // Statuses live in the state store, so every instance on one Redis routes from the same view.
    routing: { mode: config.ROUTING, capacity: config.AGENT_CAPACITY, presence: new AuditedPresence(new StoragePresence(storage), audit), nobodyTimeoutMs: config.HANDOFF_NOBODY_TIMEOUT_SECONDS * 1000 },
    log,
    ...(options.bus ? { bus: options.bus } : {}),
    ...(options.handoffLimits ? { limits: options.handoffLimits } : {}),
  });
  const scam = new ScamDetector(flows.global.safety.scamCues);
  const dialogsDir = path.resolve(options.root, config.DIALOGS_DIR);
  const { classifier: intents, trainedMs, examples } = trainedClassifier(path.join(dialogsDir, 'intents'), { scamRule: (normalized) => scam.isScamNormalized(normalized) });
  log.info('intents.trained', { examples, ms: trainedMs });
  const runner = new FlowRunner({ flows, catalog, matcher, otherBrands, settings: engineSettingsFrom(config), handoff, notes, intents });
  const bot = new GiftBot({
    runner,
    router: new Router(flows, (text) => otherBrands?.find(text) ?? null),
    conversationState: new ConversationState(storage),
    handoff,
    transcripts,
    scam,
    catalog,
    log,
  });
  options.metrics?.measureQueue(async () => (await handoff.waiting()).length);
  const middleware: Middleware[] = [new RedactionMiddleware(log, (text) => cutText(text, config.MAX_MESSAGE_LENGTH)), new SpoofingGuard({ mode: config.HANDOFF_MODE, statusChannels: config.HANDOFF_STATUS_CHANNELS ?? [], log }), ...(options.metrics ? [options.metrics.middleware()] : []), new CardChoiceMiddleware(transcripts, log), new TranscriptLoggerMiddleware(transcripts)];
  return { bot, middleware, catalog, matcher, flows, storage, transcripts, handoff, routes, audit, notes };
}

/** Every audit entry about a request is also a handoff event to count (status changes are not). */
function counted(audit: RecordLog<AuditLogEntry>, metrics: Metrics | undefined): RecordLog<AuditLogEntry> {
  if (!metrics) return audit;
  return {
    append: (entry) => {
      if (isHandoffEntry(entry)) metrics.handoff(entry.action);
      return audit.append(entry);
    },
    read: () => audit.read(),
  };
}
