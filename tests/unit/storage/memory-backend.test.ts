import { MemoryStorage } from 'botbuilder';
import { LocalLocks } from '../../../src/core/conversation-locks';
import { LocalBus } from '../../../src/core/event-bus';
import { MemoryLog } from '../../../src/core/record-log';
import { InMemoryHandoffQueue } from '../../../src/handoff/handoff-queue';
import { memoryBackend } from '../../../src/storage/backend';
import { BoundedTranscriptStore } from '../../../src/storage/bounded-transcript-store';
import { handoffQueueContract } from '../../contracts/handoff-queue.contract';
import { busContract, locksContract } from '../../contracts/locks-and-bus.contract';
import { recordLogContract } from '../../contracts/record-log.contract';
import { storageContract } from '../../contracts/storage.contract';
import { transcriptStoreContract } from '../../contracts/transcript-store.contract';
import { turnCommitContract } from '../../contracts/turn-commit.contract';

// The in-memory backend against the same contracts the SQLite and Redis backends meet.
storageContract('MemoryStorage (botbuilder)', async () => new MemoryStorage());
handoffQueueContract('InMemoryHandoffQueue', async () => new InMemoryHandoffQueue());
recordLogContract('MemoryLog', async () => new MemoryLog());
transcriptStoreContract('BoundedTranscriptStore', async () => new BoundedTranscriptStore());
locksContract('LocalLocks', async () => new LocalLocks());
busContract('LocalBus', async () => new LocalBus());
turnCommitContract('memoryBackend', async () => memoryBackend(), { allOrNothing: false });
