import { addDays, daysBetween, weekStart } from '@relais/domain';
import { isValidDay } from '../ui/format';

/** What the board shows: one day, a week, or two weeks from the Monday of the chosen day. */
export const boardViews = ['day', 'week', 'twoWeeks'] as const;
export type BoardView = (typeof boardViews)[number];

/** The board's place as the URL holds it (`?jour=2026-12-07&vue=semaine`), so a link, a reload and back/forward show the same. */
export interface BoardLocation {
  day?: string | undefined;
  view?: BoardView | undefined;
}

const viewWords: Record<BoardView, string> = { day: 'jour', week: 'semaine', twoWeeks: 'quinzaine' };

export function parseBoardLocation(search: string): BoardLocation {
  const params = new URLSearchParams(search);
  const day = params.get('jour') ?? undefined;
  const word = params.get('vue');
  const view = boardViews.find((candidate) => viewWords[candidate] === word);
  return { day: day !== undefined && isValidDay(day) ? day : undefined, view };
}

/** The query string of a board place (`?jour=…&vue=…`). */
export function boardSearch(location: { day: string; view: BoardView }): string {
  const params = new URLSearchParams({ jour: location.day, vue: viewWords[location.view] });
  return `?${params.toString()}`;
}

/** The days a view shows around `day`. */
export function daysOfView(view: BoardView, day: string): string[] {
  switch (view) {
    case 'day':
      return [day];
    case 'week':
      return daysBetween(weekStart(day), addDays(weekStart(day), 6));
    case 'twoWeeks':
      return daysBetween(weekStart(day), addDays(weekStart(day), 13));
  }
}

/** How far the previous / next buttons move in a view. */
export function stepOfView(view: BoardView): number {
  switch (view) {
    case 'day':
      return 1;
    case 'week':
      return 7;
    case 'twoWeeks':
      return 14;
  }
}

/**
 * The day the board opens on without a day in its URL: today when it has missions, else the next
 * day that has some (`nextMissionDay`, the first mission day from today on), else today.
 */
export function openingDay(today: string, nextMissionDay: string | undefined): string {
  return nextMissionDay !== undefined && nextMissionDay >= today ? nextMissionDay : today;
}

/**
 * The first and last day the board opens on before the local store can tell a next mission day:
 * the place of the URL's `search`, else of the tab's `stored` one, else `today` in the day view.
 */
export function openingDays(search: string, stored: string | undefined, today: string): { from: string; to: string } {
  const place = parseBoardLocation(search);
  const storedPlace = place.day === undefined && stored !== undefined ? parseBoardLocation(stored) : undefined;
  const day = place.day ?? storedPlace?.day ?? today;
  const days = daysOfView(place.view ?? storedPlace?.view ?? 'day', day);
  return { from: days[0] ?? day, to: days[days.length - 1] ?? day };
}
