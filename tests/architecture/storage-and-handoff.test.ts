import { importsOf, runtimeClosure, sourceFiles } from './import-graph';

/** DESIGN.md's layers: storage keeps handoff's records (queue, audit, notes); handoff knows storage only through core/'s interfaces. */
describe('storage and handoff', () => {
  test('when a handoff file imports, then never from src/storage (the bus, logs and locks come from src/core)', () => {
    const handoff = sourceFiles().filter((file) => file.startsWith('src/handoff/'));
    expect(handoff.length).toBeGreaterThan(5);
    const intoStorage = handoff.flatMap((file) => importsOf(file).filter((edge) => edge.target?.startsWith('src/storage/'))).map((edge) => `${edge.from} imports ${edge.target}`);
    expect(intoStorage).toEqual([]);
  });

  test("when a storage backend is loaded, then it loads handoff's record schemas but not the handoff service", () => {
    for (const backend of ['src/storage/backend.ts', 'src/storage/sqlite/sqlite-backend.ts', 'src/storage/redis/redis-backend.ts']) {
      const { files } = runtimeClosure(backend);
      expect([backend, files.has('src/handoff/handoff-service.ts')]).toEqual([backend, false]);
    }
    expect(runtimeClosure('src/storage/sqlite/sqlite-backend.ts').files.has('src/handoff/handoff-audit.ts')).toBe(true);
  });
});
