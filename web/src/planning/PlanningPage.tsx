import { DndContext, DragOverlay } from '@dnd-kit/core';
import { addDays, daysBetween, today, weekStart } from '@relais/domain';
import type { Mission, MissionStatut } from '@relais/schema';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMayEdit, useSignedIn } from '../auth/use-session';
import { RefusedMissions } from '../missions/RefusedMissions';
import { useSyncStatus } from '../sync/hooks';
import { laneHeight, placeBlock, stackLanes } from './board-layout';
import { assigneeKey } from './drop-target';
import { boardRows, missionsByRowAndDay } from './board-rows';
import { conflictsText, worstSeverity } from './conflict-text';
import { DayBoard } from './DayBoard';
import { BlockFace, MissionBlock, type ServerNotice } from './MissionBlock';
import { ForceDialog, ReassignDialog } from './PlanningDialogs';
import { PlanningFilters, type BoardFilters, type BoardView } from './PlanningFilters';
import { PlanningTotals, UnassignedList } from './PlanningSide';
import { totalsByDay } from './planning-totals';
import { boardCollision, useBoardDrag } from './use-board-drag';
import { usePlacement, type Refusal } from './use-placement';
import { usePlanningData } from './use-planning-data';
import { WeekBoard } from './WeekBoard';
import './planning.css';

function useServerNotices(dismissed: ReadonlySet<string>): Map<string, ServerNotice> {
  const { conflicts } = useSyncStatus();
  return useMemo(() => {
    const notices = new Map<string, ServerNotice>();
    for (const report of conflicts) {
      const key = `${report.documentId}|${report.resolvedAt}`;
      if (report.collection === 'missions' && report.refused && report.reason && !dismissed.has(key) && !notices.has(report.documentId)) {
        notices.set(report.documentId, { key, message: report.reason.message });
      }
    }
    return notices;
  }, [conflicts, dismissed]);
}

/** The planning board, the default screen: missions by chauffeur and subcontractor, dragged to (re)assign them. */
export function PlanningPage() {
  const { t, i18n } = useTranslation();
  const { permissions } = useSignedIn();
  const mayEditMissions = useMayEdit('missions');
  const [view, setView] = useState<BoardView>('day');
  const [day, setDay] = useState(() => today());
  const [filters, setFilters] = useState<BoardFilters>({ chauffeur: '', voyage: '', statut: '' });
  const [reassignId, setReassignId] = useState<string | undefined>(undefined);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());

  const days = view === 'day' ? [day] : daysBetween(weekStart(day), addDays(weekStart(day), 6));
  const first = days[0] ?? day;
  const last = days[days.length - 1] ?? day;
  const snapshot = usePlanningData(first, last);
  const placement = usePlacement(snapshot.data);
  const notices = useServerNotices(dismissed);

  const docs = useMemo(() => new Map(snapshot.windowMissions.map((doc) => [doc.id, doc])), [snapshot.windowMissions]);
  const shown = snapshot.data.missions.filter(
    (mission) =>
      mission.date_mission >= first &&
      mission.date_mission <= last &&
      (!filters.voyage || mission.voyage_id === filters.voyage) &&
      (!filters.statut || mission.statut === (filters.statut as MissionStatut)),
  ) as Readonly<Mission>[];
  const rows = boardRows(snapshot.chauffeurs, snapshot.sst, shown, filters.chauffeur || undefined);
  const byRowAndDay = missionsByRowAndDay(shown);
  const unassigned = shown.filter((mission) => mission.chauffeur_id === undefined && mission.sst_id === undefined);
  const totals = totalsByDay(shown, days);
  const todayIso = today();
  const editableDay = (date: string): boolean => mayEditMissions && (permissions.edit_past_planning || date >= todayIso);
  const dayLabel = (date: string): string => {
    const [year, month, dayOfMonth] = date.split('-').map(Number);
    return new Intl.DateTimeFormat(i18n.language, { weekday: 'short', day: 'numeric', month: 'short' }).format(
      new Date(year ?? 1970, (month ?? 1) - 1, dayOfMonth ?? 1),
    );
  };

  const drag = useBoardDrag(docs, snapshot.data, placement.place);
  const voyagesById = snapshot.data.voyages;
  const renderBlock = (mission: Readonly<Mission>, positioned: boolean) => (
    <MissionBlock
      key={mission.id}
      mission={mission}
      conflicts={snapshot.conflicts.get(mission.id)}
      label={mission.voyage_id ? voyagesById.get(mission.voyage_id)?.code : undefined}
      style={positioned ? blockStyle(mission) : undefined}
      editable={editableDay(mission.date_mission)}
      notice={notices.get(mission.id)}
      onDismissNotice={(key) => setDismissed((current) => new Set([...current, key]))}
      onReassign={setReassignId}
    />
  );
  const placeOf = (mission: Readonly<Mission>) => placeBlock(mission, mission.voyage_id ? voyagesById.get(mission.voyage_id) : undefined);
  // Day view: overlapping blocks of a row are stacked in lanes.
  const stacks = new Map<string, ReturnType<typeof stackLanes>>();
  const laneOf = new Map<string, number>();
  if (view === 'day') {
    for (const row of rows) {
      const key = assigneeKey(row.assignee);
      const stack = stackLanes((byRowAndDay.get(`${key}|${day}`) ?? []).map((mission) => ({ id: mission.id, ...placeOf(mission) })));
      stacks.set(key, stack);
      for (const [id, lane] of stack.lanes) {
        laneOf.set(id, lane);
      }
    }
  }
  const blockStyle = (mission: Readonly<Mission>) => {
    const place = placeOf(mission);
    return { left: `${place.left}%`, width: `${place.width}%`, top: `${6 + (laneOf.get(mission.id) ?? 0) * laneHeight}px` };
  };

  const active = drag.activeId ? docs.get(drag.activeId)?.toJSON() : undefined;
  const previewSeverity = worstSeverity(drag.preview?.conflicts);
  const reassigned = reassignId ? docs.get(reassignId)?.toJSON() : undefined;
  const readOnly = view === 'day' && !editableDay(day) && mayEditMissions;

  return (
    <section className="page planning-page" data-testid="planning-board">
      <PlanningFilters
        view={view}
        onView={setView}
        day={day}
        onDay={setDay}
        filters={filters}
        onFilters={setFilters}
        chauffeurs={snapshot.chauffeurs}
        voyages={snapshot.voyages}
      />
      {readOnly ? <p className="planning-info" data-testid="planning-readonly">{t('planning.pastLocked')}</p> : null}
      {placement.refusal ? (
        <div className="planning-alert" role="alert" data-testid="planning-alert" data-mission={placement.refusal.missionId}>
          <span>{refusalText(placement.refusal, t, i18n.language)}</span>
          <button type="button" className="button ghost" onClick={placement.dismissRefusal}>
            {t('planning.dismiss')}
          </button>
        </div>
      ) : null}
      <RefusedMissions chauffeurs={snapshot.chauffeurs} voyages={snapshot.voyages} editable={mayEditMissions} onResent={setDay} />
      <DndContext sensors={drag.sensors} collisionDetection={boardCollision} {...drag.handlers}>
        <div className="planning-layout">
          <div className="planning-main">
            {view === 'day' ? (
              <DayBoard
                day={day}
                rows={rows}
                byRowAndDay={byRowAndDay}
                editable={editableDay(day)}
                renderBlock={(mission) => renderBlock(mission, true)}
                laneCount={(key) => stacks.get(key)?.count ?? 1}
              />
            ) : (
              <WeekBoard days={days} rows={rows} byRowAndDay={byRowAndDay} editableDay={editableDay} dayLabel={dayLabel} renderBlock={(mission) => renderBlock(mission, false)} />
            )}
            {permissions.view_finance ? <PlanningTotals days={days} totals={totals} dayLabel={dayLabel} /> : null}
          </div>
          <UnassignedList missions={unassigned} editable={days.some(editableDay)} renderBlock={(mission) => renderBlock(mission, false)} />
        </div>
        <DragOverlay dropAnimation={null}>
          {active ? (
            <div className={`mission-block drag-preview${previewSeverity ? ` conflict-${previewSeverity}` : ''}`} data-testid="planning-drag-preview" data-severity={previewSeverity ?? ''}>
              <BlockFace mission={active} />
              {drag.preview && drag.preview.conflicts.length > 0 ? (
                <span className="preview-reason">{conflictsText(drag.preview.conflicts, i18n.language, t)}</span>
              ) : null}
            </div>
          ) : null}
        </DragOverlay>
      </DndContext>
      {reassigned && reassignId ? (
        <ReassignDialog
          mission={reassigned}
          rows={rows}
          onCancel={() => setReassignId(undefined)}
          onSubmit={(patch) => {
            const doc = docs.get(reassignId);
            setReassignId(undefined);
            if (doc) {
              placement.place(doc, patch);
            }
          }}
        />
      ) : null}
      {placement.pendingForce ? <ForceDialog pending={placement.pendingForce} onCancel={placement.cancelForce} onForce={placement.force} /> : null}
    </section>
  );
}

function refusalText(refusal: Refusal, t: TFunction, language: string): string {
  switch (refusal.kind) {
    case 'past':
      return t('planning.pastLocked');
    case 'conflicts':
      return t('planning.refused', { reason: conflictsText(refusal.conflicts, language, t) });
    case 'error':
      return t('planning.refused', { reason: refusal.message });
  }
}
