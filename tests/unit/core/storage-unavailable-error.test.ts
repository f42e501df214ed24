import { StorageUnavailableError } from '../../../src/core/storage-unavailable-error';
import { RedisUnavailableError } from '../../../src/storage/redis/redis-errors';
import { StorageError } from '../../../src/storage/sqlite/sqlite-storage-error';
import { isStorageUnavailable } from '../../../src/storage/storage-unavailable';
import { runtimeClosure } from '../../architecture/import-graph';

describe('StorageUnavailableError', () => {
  it('when Redis is unreachable or the SQLite file fails, then the error is storage being unavailable', () => {
    const redis = new RedisUnavailableError('get', new Error('connect ECONNREFUSED'));
    const sqlite = new StorageError('locked', '/data/giftbot.db', 'giftbot.db is locked');
    expect(redis).toBeInstanceOf(StorageUnavailableError);
    expect(sqlite).toBeInstanceOf(StorageUnavailableError);
    expect(isStorageUnavailable(redis)).toBe(true);
    expect(isStorageUnavailable(sqlite)).toBe(true);
    // What each error said before it had a base: names and codes in the log are unchanged.
    expect([redis.name, redis.code, sqlite.name, sqlite.code]).toEqual(['Error', 'unavailable', 'StorageError', 'locked']);
  });

  it('when the error is a bug or a conflict, then it is not storage being unavailable', () => {
    expect(isStorageUnavailable(new Error('Cannot read properties of undefined'))).toBe(false);
    expect(isStorageUnavailable(Object.assign(new Error('x'), { code: 'unavailable' }))).toBe(false);
    expect(isStorageUnavailable('Redis is unavailable')).toBe(false);
  });

  it('when the storage check or the Direct Line router is loaded, then neither the Redis nor the SQLite driver is loaded with it', () => {
    const drivers = (file: string) => [...runtimeClosure(file).packages].filter((name) => name === 'ioredis' || name === 'better-sqlite3');
    expect(drivers('src/storage/storage-unavailable.ts')).toEqual([]);
    expect(drivers('src/channels/directline/directline-router.ts')).toEqual([]);
    // The check itself can fail: the SQLite backend does load its driver.
    expect(drivers('src/storage/sqlite/sqlite-backend.ts')).toEqual(['better-sqlite3']);
  });
});
