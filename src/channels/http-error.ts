/** Seconds a client is asked to wait before trying again while storage is down. */
const STORAGE_RETRY_AFTER_SECONDS = 5;

/**
 * A request refused or failed, as its client should hear it. Routers and middleware only throw it;
 * the one error middleware (error-middleware.ts) answers `{"error": {code, message}}` with its
 * status and headers (Retry-After, WWW-Authenticate, Connection), so the house shape is written once.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }

  /** Storage is down, not a bug: the request was not taken, and trying again in a moment will work. */
  static storageUnavailable(): HttpError {
    return new HttpError(503, 'ServiceUnavailable', 'giftbot cannot reach its storage right now; nothing was saved. Please try again in a moment.', {
      'Retry-After': String(STORAGE_RETRY_AFTER_SECONDS),
    });
  }
}
