import { today } from '@relais/domain';
import type { Mission } from '@relais/schema';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { RxDocument } from 'rxdb';
import { NEVER, type Observable } from 'rxjs';
import { useDatabase, useQueryResults } from '../sync/hooks';
import { boardSearch, openingDay, openingDays, parseBoardLocation, type BoardView } from './board-url';

/** The last place shown in this tab, so leaving the board for another screen and coming back keeps it. */
const rememberedKey = 'relais-planning-place';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  return () => window.removeEventListener('popstate', onChange);
}

function remembered(): string | undefined {
  try {
    return window.sessionStorage.getItem(rememberedKey) ?? undefined;
  } catch {
    return undefined;
  }
}

function go(search: string, replace: boolean): void {
  try {
    window.sessionStorage.setItem(rememberedKey, search);
  } catch {
    // Storage may be forbidden (private browsing): the URL alone keeps the place.
  }
  if (window.location.search === search) {
    return;
  }
  const url = `${window.location.pathname}${search}${window.location.hash}`;
  if (replace) {
    window.history.replaceState(null, '', url);
  } else {
    window.history.pushState(null, '', url);
  }
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** What `useNextMissionDay` answers when the board's day is known: no query runs. */
const notWanted: { readonly $: Observable<RxDocument<Mission> | null> } = { $: NEVER };

/**
 * The first day with a (not cancelled) mission from today on, live from the local store, when
 * `wanted`: the query sorts every mission from today on, again after each page of a first sync.
 */
function useNextMissionDay(wanted: boolean): string | undefined {
  const db = useDatabase();
  const from = today();
  const query = useMemo(
    () => (wanted ? db.missions.findOne({ selector: { date_mission: { $gte: from }, statut: { $ne: 'annule' } }, sort: [{ date_mission: 'asc' }] }) : notWanted),
    [db, from, wanted],
  );
  return useQueryResults(query)?.date_mission;
}

/**
 * The days the board will open on, read before the local store exists (a new PC signing in): the
 * URL's place, else this tab's last one, else today (an empty replica knows no next mission day).
 */
export function boardDaysAtStart(): { from: string; to: string } {
  return openingDays(window.location.search, remembered(), today());
}

/**
 * The board's day and view, held in the URL (`?jour=…&vue=…`): back/forward, a reload and a shared
 * link show the same place. Without a day in the URL the board takes the last place of this tab,
 * else today when it has missions, else the next day that has some.
 */
export function useBoardLocation(): { day: string; view: BoardView; setDay: (day: string) => void; setView: (view: BoardView) => void } {
  const search = useSyncExternalStore(subscribe, () => window.location.search);
  const place = parseBoardLocation(search);
  const stored = place.day === undefined ? remembered() : undefined;
  const storedPlace = stored ? parseBoardLocation(stored) : undefined;
  const nextMissionDay = useNextMissionDay(place.day === undefined && storedPlace?.day === undefined);
  const view: BoardView = place.view ?? storedPlace?.view ?? 'day';
  const day = place.day ?? storedPlace?.day ?? openingDay(today(), nextMissionDay);

  useEffect(() => {
    if (place.day === undefined && (storedPlace?.day !== undefined || nextMissionDay !== undefined)) {
      go(boardSearch({ day, view }), true);
    }
  }, [place.day, storedPlace?.day, nextMissionDay, day, view]);

  return {
    day,
    view,
    setDay: (next) => go(boardSearch({ day: next, view }), false),
    setView: (next) => go(boardSearch({ day, view: next }), false),
  };
}
