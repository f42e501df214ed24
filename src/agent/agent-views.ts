import type { HandoffRecord } from '../handoff/handoff-queue';
import type { KnowledgeCatalog } from '../knowledge/knowledge-catalog';
import type { ConversationView, QueueItem } from './agent-schemas';

/** Turns stored requests into what the console and the API show, with brand names and fix titles. */
export class AgentViews {
  constructor(private readonly catalog: KnowledgeCatalog, private readonly now: () => number = Date.now) {}

  queue(waiting: readonly HandoffRecord[]): QueueItem[] {
    const at = this.now();
    return waiting.map((record, index) => ({
      ...this.common(record),
      position: index + 1,
      waitingSeconds: Math.max(0, Math.round((at - record.waitingSince) / 1000)),
    }));
  }

  conversation(record: HandoffRecord): ConversationView {
    return { ...this.common(record), acceptedAt: record.acceptedAt === null ? null : new Date(record.acceptedAt).toISOString(), state: record.state, wrapUp: record.wrapUp ?? null };
  }

  private common(record: HandoffRecord) {
    return {
      id: record.id,
      channel: record.channel,
      brand: record.brand,
      brandName: record.brand ? (this.catalog.brand(record.brand)?.name ?? record.brand) : null,
      summary: record.summary,
      tried: record.tried.map((id) => ({ id, title: this.catalog.entry(id)?.title ?? id })),
      filedAt: new Date(record.filedAt).toISOString(),
    };
  }
}
