import type { Storage, TranscriptStore } from 'botbuilder';
import type { Redis } from 'ioredis';
import { MemoryDirectLineStore, type DirectLineStore } from '../channels/directline/conversation-store';
import { LocalLocks, type ConversationLocks } from '../core/conversation-locks';
import { LocalBus, type EventBus } from '../core/event-bus';
import { MemoryLog, type RecordLog } from '../core/record-log';
import { MemoryArchive, type ConversationArchive } from '../handoff/conversation-archive';
import type { AuditLogEntry } from '../handoff/handoff-audit';
import { InMemoryHandoffQueue, type HandoffQueue } from '../handoff/handoff-queue';
import type { TeamNote } from '../handoff/team-notes';
import { memoryStorage } from './botbuilder/memory-storage';
import { BoundedTranscriptStore } from './bounded-transcript-store';

/** How many of each kind a purge deleted (SQLite counts them; Redis and memory don't, and say null). */
export interface PurgeCounts {
  /** Conversation state entries (ConversationState keys, every channel). */
  state: number;
  /** Transcript activities. */
  transcript: number;
  /** Embedded Direct Line conversations (0 or 1; their activities go with them). */
  directLine: number;
  /** Handoff requests, open or closed. */
  handoff: number;
  /** Team notes (surveys, messages left, unanswered questions). */
  notes: number;
  /** Archived closed conversations with people (issue 15). */
  archive: number;
}

/** What one TRANSCRIPT_DAYS expiry deleted. */
export interface ExpiryCounts {
  /** Transcript activities (0 on Redis, whose transcripts expire by TTL). */
  transcript: number;
  /** Archived closed conversations (they hold transcript text, so they follow the same retention). */
  archive: number;
}

/**
 * Everything giftbot keeps, behind one set of interfaces: conversation state (botbuilder Storage,
 * eTags honoured), transcripts, the handoff queue, the audit log and the team's notes, the embedded
 * Direct Line's conversations, per-conversation locks and the bus between instances. In memory
 * (tests), SQLite in DATA_DIR (the default) or Redis (REDIS_URL, several instances).
 */
export interface Backend {
  kind: 'memory' | 'sqlite' | 'redis';
  storage: Storage;
  transcripts: TranscriptStore;
  handoff: HandoffQueue;
  /** Changes of hands and agents' routing status changes (issue 15). */
  audit: RecordLog<AuditLogEntry>;
  notes: RecordLog<TeamNote>;
  /** Closed conversations with people: search, a customer's history, reports (issue 15). */
  archive: ConversationArchive;
  directLine: DirectLineStore;
  locks: ConversationLocks;
  bus: EventBus;
  /**
   * The turn commit, used by every channel: runs `fn` (one turn of the conversation) under the
   * conversation's lock — across instances on Redis — and keeps what it writes for that
   * conversation (state, transcript lines, Direct Line activities and client ids) together or not at
   * all: SQLite in one transaction, Redis in one script. Memory only serializes: each write stands.
   * Writes for other conversations go straight through. Resolves or rejects with `fn`.
   */
  atomically<T>(conversationId: string, fn: () => Promise<T>): Promise<T>;
  /** Redis only: the command client and a key prefix, so per-client limits are counted once for every instance. */
  limitStore?: { client: Redis; keyPrefix: string };
  /** Deletes everything personal about a conversation (a person's request); the audit log stays. What went, where counted. */
  purgeConversation(conversationId: string): Promise<PurgeCounts | null>;
  /** Deletes transcripts older than `before` (TRANSCRIPT_DAYS) and archived conversations closed before it; how many went. */
  expireTranscripts(before: Date): Promise<ExpiryCounts>;
  /**
   * One real round trip to where everything is kept (SQLite: a query on the file; Redis: PING);
   * rejects when it can't be reached. /readyz asks it, under its own time limit.
   */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** What a channel needs of the backend to run a turn: the turn commit (see Backend.atomically). */
export type TurnCommit = Pick<Backend, 'atomically'>;

/** Nothing survives the process; bounded, so a long-running server doesn't grow without limit. */
export function memoryBackend(): Backend {
  const transcripts = new BoundedTranscriptStore();
  const directLine = new MemoryDirectLineStore();
  const locks = new LocalLocks();
  const archive = new MemoryArchive();
  return {
    kind: 'memory',
    storage: memoryStorage(),
    transcripts,
    handoff: new InMemoryHandoffQueue(),
    audit: new MemoryLog(),
    notes: new MemoryLog(),
    archive,
    directLine,
    locks,
    bus: new LocalBus(),
    atomically: (conversationId, fn) => locks.run(conversationId, fn),
    async purgeConversation(conversationId) {
      // State and queue entries are left to their bounds: memory keeps nothing past the process anyway.
      await Promise.all(['directline', 'msteams', 'slack', 'webchat'].map((channel) => transcripts.deleteTranscript(channel, conversationId)));
      await directLine.delete(conversationId);
      await archive.removeConversation(conversationId);
      return null;
    },
    // The bounded transcript store has no dates to go by; the archive has closedAt.
    expireTranscripts: async (before) => ({ transcript: 0, archive: await archive.expire(before.getTime()) }),
    ping: async () => undefined,
    close: async () => undefined,
  };
}
