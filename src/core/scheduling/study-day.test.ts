import { describe, expect, it } from 'vitest';
import { StudyCalendar, fixedUtcOffset, ianaUtcOffset, studyDayBounds, studyDayKey, studyDayOf, studyDayStart } from './study-day';

const utc = fixedUtcOffset(0);
const HOUR = 3_600_000;

describe('study days', () => {
  it('count 3:59 am as the day before and 4:00 am as the new day', () => {
    const day = studyDayOf(Date.UTC(2024, 2, 10, 12), 4, utc);
    expect(studyDayOf(Date.UTC(2024, 2, 11, 3, 59), 4, utc)).toBe(day);
    expect(studyDayOf(Date.UTC(2024, 2, 11, 4, 0), 4, utc)).toBe(day + 1);
    expect(studyDayKey(day)).toBe('2024-03-10');
  });

  it('begin at the day-start hour in the user’s zone', () => {
    const berlinWinter = fixedUtcOffset(60);
    const { start, end } = studyDayBounds(Date.UTC(2024, 0, 15, 12), 4, berlinWinter);
    expect(start).toBe(Date.UTC(2024, 0, 15, 3));
    expect(end).toBe(Date.UTC(2024, 0, 16, 3));
  });

  it('are 23 or 25 hours long across daylight-saving changes', () => {
    const newYork = ianaUtcOffset('America/New_York');
    // DST starts 2024-03-10 at 2 am local; 4 am EDT is 08:00 UTC.
    const spring = studyDayBounds(Date.UTC(2024, 2, 10, 6), 4, newYork);
    expect(spring.start).toBe(Date.UTC(2024, 2, 9, 9));
    expect(spring.end).toBe(Date.UTC(2024, 2, 10, 8));
    expect((spring.end - spring.start) / HOUR).toBe(23);
    // DST ends 2024-11-03 at 2 am local: the study day from Nov 2, 4 am EDT to Nov 3, 4 am EST.
    const autumn = studyDayBounds(Date.UTC(2024, 10, 2, 20), 4, newYork);
    expect((autumn.end - autumn.start) / HOUR).toBe(25);
  });

  it('map many instants through a calendar exactly as one by one', () => {
    const zone = ianaUtcOffset('Europe/Berlin');
    const from = Date.UTC(2023, 9, 1);
    const to = Date.UTC(2024, 3, 30);
    const calendar = new StudyCalendar(from, to, 4, zone);
    for (let ms = from; ms <= to; ms += 3 * 3_600_000 + 7 * 60_000 + 11_000) {
      expect(calendar.firstDay + calendar.indexOf(ms)).toBe(studyDayOf(ms, 4, zone));
    }
    expect(calendar.startOf(0)).toBe(studyDayStart(calendar.firstDay, 4, zone));
    expect(calendar.indexOf(from - 2 * 86_400_000)).toBe(-1);
  });
});
