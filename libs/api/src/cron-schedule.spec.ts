import { isKnownTimeZone, parseCronSchedule } from './cron-schedule';

const at = (iso: string) => Date.parse(iso);
const next = (s: string, after: string, tz?: string) => new Date(parseCronSchedule(s, tz).next(at(after))).toISOString();

describe('CronJob schedules (robfig/cron ParseStandard)', () => {
  it.each([
    ['*/1 * * * *', '2026-01-01T00:00:30Z', '2026-01-01T00:01:00.000Z'],
    ['*/5 * * * *', '2026-01-01T00:05:00Z', '2026-01-01T00:10:00.000Z'],
    ['@hourly', '2026-01-01T00:01:00Z', '2026-01-01T01:00:00.000Z'],
    ['@midnight', '2026-01-01T00:01:00Z', '2026-01-02T00:00:00.000Z'],
    ['@weekly', '2026-01-01T00:01:00Z', '2026-01-04T00:00:00.000Z'],
    ['0 0 13 * ?', '2026-01-01T00:01:00Z', '2026-01-13T00:00:00.000Z'],
    ['30 9 * JAN MON', '2026-01-01T00:00:00Z', '2026-01-05T09:30:00.000Z'],
    ['@every 90s', '2026-01-01T00:00:00Z', '2026-01-01T00:01:30.000Z'],
  ])('%s after %s fires at %s', (s, after, expected) => expect(next(s, after, 'Etc/UTC')).toBe(expected));

  it('reads the fields in the timeZone given: 09:00 in Tokyo is midnight UTC', () => expect(next('0 9 * * *', '2026-01-01T01:00:00Z', 'Asia/Tokyo')).toBe('2026-01-02T00:00:00.000Z'));

  it.each([
    ['* * *', 'expected exactly 5 fields, found 3: [* * *]'],
    ['0 * * * * *', 'expected exactly 5 fields, found 6: [0 * * * * *]'],
    ['@fortnightly', 'unrecognized descriptor: @fortnightly'],
    ['', 'empty spec string'],
  ])('refuses %j with robfig\'s message', (s, message) => expect(() => parseCronSchedule(s)).toThrow(message));

  it('refuses a field out of range', () => expect(() => parseCronSchedule('61 * * * *')).toThrow(/61/));
  it('knows IANA zones', () => expect([isKnownTimeZone('Europe/Paris'), isKnownTimeZone('Mars/Olympus')]).toEqual([true, false]));
});
