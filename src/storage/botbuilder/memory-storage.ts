import { MemoryStorage, type Storage } from 'botbuilder';

/**
 * Conversation state in memory: botbuilder's own MemoryStorage. This folder is the one place below
 * the channels/bot edge that runs botbuilder code, so a move to the Agents SDK swaps it here.
 */
export function memoryStorage(): Storage {
  return new MemoryStorage();
}
