import { humanDuration, humanDurationSince } from './human-duration';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;
const y = 365 * d;

describe('humanDuration (apimachinery HumanDuration)', () => {
  it.each([
    ['more than 1s in the future is invalid', -2 * s, '<invalid>'],
    ['well in the future is invalid', -1 * h, '<invalid>'],
    ['up to 2s (excluded) in the future is clock skew: 0s', -2 * s + 1, '0s'],
    ['1s in the future is 0s', -1 * s, '0s'],
    ['a millisecond in the future is 0s', -1, '0s'],
    ['zero', 0, '0s'],
    ['under a second truncates to 0s', 999, '0s'],
    ['seconds', 45 * s, '45s'],
    ['seconds up to 119s', 119 * s + 999, '119s'],
    ['2 minutes drops a zero seconds part', 2 * m, '2m'],
    ['minutes and seconds under 10 minutes', 2 * m + 5 * s, '2m5s'],
    ['9m59s', 9 * m + 59 * s, '9m59s'],
    ['10 minutes drops the seconds', 10 * m + 30 * s, '10m'],
    ['minutes up to 179m', 3 * h - 1, '179m'],
    ['3 hours drops a zero minutes part', 3 * h, '3h'],
    ['hours and minutes under 8 hours', 3 * h + 5 * m, '3h5m'],
    ['7h59m', 8 * h - 1, '7h59m'],
    ['8 hours drops the minutes', 8 * h + 30 * m, '8h'],
    ['hours up to 47h', 48 * h - 1, '47h'],
    ['2 days drops a zero hours part', 48 * h, '2d'],
    ['days and hours under 8 days', 2 * d + 5 * h, '2d5h'],
    ['7d23h', 8 * d - 1, '7d23h'],
    ['8 days drops the hours', 8 * d + 5 * h, '8d'],
    ['days up to 729d', 2 * y - 1, '729d'],
    ['2 years drops a zero days part', 2 * y, '2y'],
    ['years and days under 8 years', 2 * y + 15 * d, '2y15d'],
    ['7y364d', 8 * y - 1, '7y364d'],
    ['8 years and more: years only', 8 * y + 100 * d, '8y'],
    ['a century', 100 * y, '100y'],
  ])('%s: %d ms → %s', (_case, ms, expected) => {
    expect(humanDuration(ms)).toBe(expected);
  });
});

describe('humanDurationSince', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');

  it('measures from an RFC 3339 timestamp to now', () => {
    expect(humanDurationSince('2025-06-01T11:53:00Z', now)).toBe('7m');
  });

  it.each([undefined, null, '', 'not a time'])('an unset timestamp (%j) is <unknown>', (timestamp) => {
    expect(humanDurationSince(timestamp, now)).toBe('<unknown>');
  });
});
