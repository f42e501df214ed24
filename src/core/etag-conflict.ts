/**
 * Another writer changed the item since it was read. botbuilder's MemoryStorage says so only in
 * its message ("… due to eTag conflict."); giftbot's stores throw this class with the same words.
 */
export class EtagConflictError extends Error {
  readonly code = 'EtagConflict';

  constructor(key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
  }
}

export function isEtagConflict(err: unknown): boolean {
  return err instanceof EtagConflictError || (err instanceof Error && /eTag conflict/i.test(err.message));
}
