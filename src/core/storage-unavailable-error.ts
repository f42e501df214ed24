/**
 * Storage itself failed (Redis unreachable; the database file locked, full, read-only or damaged),
 * as opposed to a bug: the request can be answered 503 with Retry-After, and the process keeps
 * serving. Each backend's error extends this, so whoever answers the client can tell without
 * importing (and loading) every backend's driver.
 */
export class StorageUnavailableError extends Error {}
