import { scriptJson } from '../../../platform/html/render.ts';
import type { Lang } from './capture-texts.ts';

// Dates and times as people read them, in the page's language: never `2026-12-05 14:31:38 UTC`.

const LOCALE: Record<Lang, string> = { en: 'en-CA', fr: 'fr-CA' };

/** The fields of a moment as the page shows it; the time zone is the reader's when the script runs. */
export const WHEN_FORMAT: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
};

/**
 * A moment, written in UTC on the server; the page's script (`LOCAL_TIMES_SCRIPT`) rewrites it in the
 * reader's own time zone, which only the browser knows. One line, never broken.
 */
export function When({ lang, at }: { lang: Lang; at: Date }) {
  return (
    <time class="date" datetime={at.toISOString()} data-local="">
      {new Intl.DateTimeFormat(LOCALE[lang], { ...WHEN_FORMAT, timeZone: 'UTC' }).format(at)}
    </time>
  );
}

/** A calendar date (`YYYY-MM-DD`: a birth or expiry date, the same everywhere), in words; one line. */
export function Day({ lang, date }: { lang: Lang; date: string }) {
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return <span class="date">{date}</span>;
  return (
    <time class="date" datetime={date}>
      {new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'long', timeZone: 'UTC' }).format(d)}
    </time>
  );
}

/** Rewrites each `<time data-local>` in the reader's time zone and the page's language. */
export const LOCAL_TIMES_SCRIPT = `(function(){var o=${scriptJson(WHEN_FORMAT)};var l=${scriptJson(LOCALE)}[document.documentElement.lang];
document.querySelectorAll('time[data-local]').forEach(function(t){var d=new Date(t.getAttribute('datetime'));if(!isNaN(d))t.textContent=d.toLocaleString(l,o);});})();`;
