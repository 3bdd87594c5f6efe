// Dates of birth are plain calendar dates, carried as 'YYYY-MM-DD' strings, which compare in date order (years
// 1800-9999 have four digits).

/** The earliest accepted date of birth; IIN century digits 1-2 (the 1800s) start here too. */
export const MIN_BIRTH_DATE = '1800-01-01';

const pad = (n, width) => String(n).padStart(width, '0');

/** 'YYYY-MM-DD' of a year, month (1-12) and day. */
export const formatDate = (year, month, day) => `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;

/** Whether year-month-day is a real Gregorian date. */
export function isRealDate(year, month, day) {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate(); // day 0 of the next month
  return day <= daysInMonth;
}

/**
 * The latest accepted date of birth: tomorrow in UTC. One day of slack keeps a person born today in a time zone ahead of
 * UTC (Kazakhstan is UTC+5) valid while UTC is still on the previous day.
 * @param {() => Date} now the clock
 */
export function maxBirthDate(now) {
  const today = now();
  const tomorrow = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 1));
  return formatDate(tomorrow.getUTCFullYear(), tomorrow.getUTCMonth() + 1, tomorrow.getUTCDate());
}

export const isInFuture = (date, now) => date > maxBirthDate(now);
