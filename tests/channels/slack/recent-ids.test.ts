import { RecentIds } from '../../../src/channels/slack/recent-ids';

test('when an id comes again, then it is not new', () => {
  const ids = new RecentIds();
  expect(ids.firstTime('Ev1')).toBe(true);
  expect(ids.firstTime('Ev1')).toBe(false);
  expect(ids.firstTime('Ev2')).toBe(true);
});

test('when more ids than the capacity arrive, then the oldest is forgotten first', () => {
  const ids = new RecentIds(2);
  ids.firstTime('Ev1');
  ids.firstTime('Ev2');
  ids.firstTime('Ev3');
  expect(ids.firstTime('Ev2')).toBe(false);
  expect(ids.firstTime('Ev1')).toBe(true);
});
