// Dates from the server (UTC, Odoo's "YYYY-MM-DD HH:MM:SS" or ISO 8601) shown in the user's
// time zone and language.
import { DateTime } from "luxon";

export function parseServerDate(value: string): DateTime {
  const iso = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(value) ? value.replace(" ", "T") : value;
  return DateTime.fromISO(iso, { zone: /Z|[+-]\d{2}:?\d{2}$/.test(iso) ? undefined : "utc" });
}

export function formatDateTime(value: string | false | null | undefined, tz: string, lang: string): string {
  if (!value) return "";
  const date = parseServerDate(value);
  if (!date.isValid) return value;
  return date.setZone(tz).setLocale(lang.replace("_", "-")).toLocaleString(DateTime.DATETIME_SHORT);
}

export function formatTime(value: string, tz: string, lang: string): string {
  const date = parseServerDate(value);
  return date.isValid ? date.setZone(tz).setLocale(lang.replace("_", "-")).toLocaleString(DateTime.TIME_SIMPLE) : value;
}
