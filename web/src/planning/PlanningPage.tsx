import { DndContext, DragOverlay } from '@dnd-kit/core';
import { today } from '@relais/domain';
import type { SyncStatus } from '@relais/replica';
import type { Mission, MissionStatut } from '@relais/schema';
import type { TFunction } from 'i18next';
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMayEdit, useSignedIn } from '../auth/use-session';
import { LazyMissionForm } from '../missions/LazyMissionForm';
import { RefusedMissions } from '../missions/RefusedMissions';
import { useSyncStatusValue } from '../sync/hooks';
import { formatDayShort } from '../ui/document-names';
import { logger } from '../ui/logger';
import { absencesByRowAndDay } from './board-absences';
import { clockOf, laneHeight, placeBlock, stackLanes } from './board-layout';
import { BoardLegend } from './BoardLegend';
import { boardRows, missionsByRowAndDay } from './board-rows';
import { daysOfView } from './board-url';
import { BlockDetails } from './BlockDetails';
import { createBoardCache, type BlockModel, type BlockPosition, type BlockVoyage, type ServerNotice } from './block-models';
import { conflictsText, worstSeverity } from './conflict-text';
import { DayBoard } from './DayBoard';
import { createDetailsStore, useShownDetails, type DetailsStore, type ShownDetails } from './details-store';
import { assigneeKey, assigneeOf } from './drop-target';
import { missionName, shortDay } from './mission-name';
import { blockFace, MissionBlock } from './MissionBlock';
import { createBlockTexts } from './block-texts';
import { LazyConfirmMoveDialog, LazyForceDialog, LazyReassignDialog } from './LazyPlanningDialogs';
import { PlanningFilters, type BoardFilters } from './PlanningFilters';
import { BoardSums, UnassignedList } from './PlanningSide';
import { proposed } from './placement-decision';
import { PrintSheet } from './PrintSheet';
import { kindOfChange } from './undo-stack';
import { UndoToastView } from './UndoToastView';
import { boardCollision, dragAccessibility, useBoardDrag, type DragNames } from './use-board-drag';
import { useBoardKeys } from './use-board-keys';
import { useBoardLocation } from './use-board-location';
import { useBoardUndo } from './use-board-undo';
import { usePlacement, type Refusal } from './use-placement';
import { usePlanningData } from './use-planning-data';
import { missionsLoading } from './use-server-window';
import { usePrinting } from './use-printing';
import { WeekBoard } from './WeekBoard';
import './planning.css';
import './planning-print.css';

const conflictsOfStatus = (status: SyncStatus): SyncStatus['conflicts'] => status.conflicts;

function useServerNotices(dismissed: ReadonlySet<string>): Map<string, ServerNotice> {
  // Only the conflicts: the board does not render again for each page of a first sync.
  const conflicts = useSyncStatusValue(conflictsOfStatus);
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
  const { day, view, setDay, setView } = useBoardLocation();
  const [filters, setFilters] = useState<BoardFilters>({ chauffeur: '', voyage: '', statut: '' });
  const [reassignId, setReassignId] = useState<string | undefined>(undefined);
  const [openId, setOpenId] = useState<string | undefined>(undefined);
  const detailsStore = useMemo(() => createDetailsStore(), []);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());

  const days = useMemo(() => daysOfView(view, day), [view, day]);
  // While a first sync streams the missions in, the week's rows out of view wait for its end.
  const firstSync = useSyncStatusValue(missionsLoading);
  const first = days[0] ?? day;
  const last = days[days.length - 1] ?? day;
  const snapshot = usePlanningData(first, last);
  const undo = useBoardUndo();
  const { record } = undo;
  const onSaved = useCallback(
    (before: Mission, after: Mission) => record({ kind: kindOfChange(before, after), missionId: before.id, before }),
    [record],
  );
  const placement = usePlacement(snapshot.data, onSaved);
  const notices = useServerNotices(dismissed);

  const docs = useMemo(() => new Map(snapshot.windowMissions.map((doc) => [doc.id, doc])), [snapshot.windowMissions]);
  const allMissions = snapshot.data.missions as readonly Readonly<Mission>[];
  // The window's missions the filters keep, whatever days the view shows: the day and week views of
  // a week group them once, and a click from one to the other does not go over them again.
  const filtered = useMemo(
    () =>
      filters.voyage || filters.statut
        ? allMissions.filter(
            (mission) => (!filters.voyage || mission.voyage_id === filters.voyage) && (!filters.statut || mission.statut === (filters.statut as MissionStatut)),
          )
        : allMissions,
    [allMissions, filters.voyage, filters.statut],
  );
  const shown = useMemo(() => filtered.filter((mission) => mission.date_mission >= first && mission.date_mission <= last), [filtered, first, last]);
  const rows = useMemo(() => boardRows(snapshot.chauffeurs, snapshot.sst, shown, filters.chauffeur || undefined), [snapshot.chauffeurs, snapshot.sst, shown, filters.chauffeur]);
  const byRowAndDay = useMemo(() => missionsByRowAndDay(filtered), [filtered]);
  const absences = useMemo(() => absencesByRowAndDay(snapshot.absences, days), [snapshot.absences, days]);
  // A cancelled mission needs nobody: it is not waiting to be assigned.
  const unassigned = useMemo(
    () => shown.filter((mission) => mission.chauffeur_id === undefined && mission.sst_id === undefined && mission.statut !== 'annule'),
    [shown],
  );
  const todayIso = today();
  const mayEditPast = permissions.edit_past_planning;
  const editableDay = useCallback((date: string): boolean => mayEditMissions && (mayEditPast || date >= todayIso), [mayEditMissions, mayEditPast, todayIso]);
  const language = i18n.language;
  const dayLabel = useCallback((date: string): string => formatDayShort(date, language), [language]);

  const voyagesById = snapshot.data.voyages;
  const fullVoyages = useMemo(() => new Map(snapshot.voyages.map((voyage) => [voyage.id, voyage])), [snapshot.voyages]);
  const voyageOf = useCallback(
    (mission: Readonly<Mission>): BlockVoyage | undefined => (mission.voyage_id ? fullVoyages.get(mission.voyage_id) : undefined),
    [fullVoyages],
  );
  const placeOf = useCallback(
    (mission: Readonly<Mission>) => placeBlock(mission, mission.voyage_id ? voyagesById.get(mission.voyage_id) : undefined),
    [voyagesById],
  );
  const endOf = useCallback((mission: Readonly<Mission>): string => mission.heure_fin ?? clockOf(placeOf(mission).end), [placeOf]);
  const rowNames = useMemo(() => new Map(rows.map((row) => [assigneeKey(row.assignee), row.name])), [rows]);
  const resourceOf = (mission: Readonly<Mission>): string => rowNames.get(assigneeKey(assigneeOf(mission))) ?? '';

  // Day view: overlapping blocks of a row are stacked in lanes.
  const stacks = useMemo(() => {
    const byRow = new Map<string, ReturnType<typeof stackLanes>>();
    if (view === 'day') {
      for (const row of rows) {
        const key = assigneeKey(row.assignee);
        byRow.set(key, stackLanes((byRowAndDay.get(`${key}|${day}`) ?? []).map((mission) => ({ id: mission.id, ...placeOf(mission) }))));
      }
    }
    return byRow;
  }, [view, rows, byRowAndDay, day, placeOf]);
  const boardCache = useMemo(() => createBoardCache(), []);
  const conflicts = snapshot.conflicts;
  const preview = snapshot.preview;
  // The blocks are made when a drawn row asks for them: the rows in view before the first paint.
  const board = useMemo(() => {
    const laneOf = new Map<string, number>();
    for (const stack of stacks.values()) {
      for (const [id, lane] of stack.lanes) {
        laneOf.set(id, lane);
      }
    }
    const positionOf = (mission: Readonly<Mission>): BlockPosition | undefined => {
      if (view !== 'day') {
        return undefined;
      }
      const place = placeOf(mission);
      return { left: place.left, width: place.width, top: 6 + (laneOf.get(mission.id) ?? 0) * laneHeight };
    };
    return boardCache.board(byRowAndDay, (mission) => ({
      mission,
      conflicts: conflicts.get(mission.id),
      voyage: voyageOf(mission),
      end: endOf(mission),
      editable: editableDay(mission.date_mission) && !preview.has(mission.id),
      preview: preview.has(mission.id),
      notice: notices.get(mission.id),
      position: positionOf(mission),
    }));
  }, [boardCache, byRowAndDay, preview, stacks, view, placeOf, voyageOf, endOf, editableDay, notices, conflicts]);
  const cells = board.cells;
  const unassignedModels = useMemo(() => unassigned.map(board.modelOf), [unassigned, board]);

  const drag = useBoardDrag(docs, snapshot.data, placement.place);
  const deleteMission = (id: string): void => {
    const doc = docs.get(id);
    if (doc && editableDay(doc.date_mission)) {
      undo.remove(doc).catch((error: unknown) => logger.error('suppression de la mission impossible', error));
    }
  };
  useBoardKeys({ onView: setView, onToday: () => setDay(today()), onOpen: setOpenId, onDelete: deleteMission, dragging: drag.activeId !== undefined });
  const printing = usePrinting();

  const dismissNotice = useCallback((key: string) => setDismissed((current) => new Set([...current, key])), []);
  const showDetails = detailsStore.show;
  const blockTexts = useMemo(() => createBlockTexts(t, i18n.language), [t, i18n.language]);
  // The drag's announcements name the mission as people call it and the zone by its row and day.
  const dragA11y = useMemo(() => {
    const rowName = (assignee: Parameters<typeof assigneeKey>[0]): string => rowNames.get(assigneeKey(assignee)) ?? '';
    const names: DragNames = {
      mission: (id) => {
        const doc = docs.get(id);
        return doc ? missionName(doc, i18n.language) : undefined;
      },
      zone: (zone) => {
        if (zone.type === 'unassigned') {
          return t('board.dragZoneUnassigned');
        }
        return zone.type === 'row' ? rowName(zone.assignee) : `${rowName(zone.assignee)}, ${shortDay(zone.date, i18n.language)}`;
      },
    };
    return dragAccessibility(t, names);
  }, [docs, rowNames, t, i18n.language]);
  // Stable while the handlers are: memoised cells and blocks then render again only for their own changes.
  const renderBlock = useCallback(
    (model: BlockModel, positioned: boolean) => (
      <MissionBlock
        key={model.mission.id}
        model={model}
        texts={blockTexts}
        positioned={positioned}
        onDismissNotice={dismissNotice}
        onReassign={setReassignId}
        onOpen={setOpenId}
        onDetails={showDetails}
      />
    ),
    [dismissNotice, showDetails, blockTexts],
  );
  const renderOnTimeline = useCallback((model: BlockModel) => renderBlock(model, true), [renderBlock]);
  const renderInList = useCallback((model: BlockModel) => renderBlock(model, false), [renderBlock]);

  const active = drag.activeId ? docs.get(drag.activeId)?.toJSON() : undefined;
  const carried = active && drag.preview?.missionId === active.id ? proposed(active, drag.preview.patch) : active;
  const previewSeverity = worstSeverity(drag.preview?.conflicts);
  const reassigned = reassignId ? docs.get(reassignId)?.toJSON() : undefined;
  const opened = openId ? docs.get(openId) : undefined;
  const readOnly = view === 'day' && !editableDay(day) && mayEditMissions;
  const shownVoyages = useMemo(() => {
    const used = new Set(shown.map((mission) => mission.voyage_id));
    return snapshot.voyages.filter((voyage) => used.has(voyage.id));
  }, [snapshot.voyages, shown]);
  const exportDays = view === 'day' ? daysOfView('week', day) : days;

  return (
    <section className="page planning-page" data-testid="planning-board" data-day={day} data-view={view}>
      <PlanningFilters
        view={view}
        onView={setView}
        day={day}
        onDay={setDay}
        filters={filters}
        onFilters={setFilters}
        chauffeurs={snapshot.chauffeurs}
        voyages={snapshot.voyages}
        onPrint={printing.print}
        onExport={() => {
          // The CSV writer is loaded on the first export: the board's first screen does without it.
          import('./board-export')
            .then(({ boardExport, downloadText }) =>
              downloadText(
                boardExport({ missions: allMissions, days: exportDays, resourceOf, voyages: fullVoyages, endOf, t, language: i18n.language }),
                `planning-${exportDays[0] ?? day}.csv`,
              ),
            )
            .catch((error: unknown) => logger.error('export du planning impossible', error));
        }}
      />
      <BoardLegend voyages={shownVoyages} showAbsence={absences.size > 0} />
      <p className="board-shortcuts muted">{t('board.shortcuts')}</p>
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
      <DndContext {...dragA11y} sensors={drag.sensors} collisionDetection={boardCollision} {...drag.handlers}>
        <div className="planning-layout">
          <div className="planning-main">
            {view === 'day' ? (
              <DayBoard
                day={day}
                rows={rows}
                cells={cells}
                editable={editableDay(day)}
                renderBlock={renderOnTimeline}
                laneCount={(key) => stacks.get(key)?.count ?? 1}
                absences={absences}
              />
            ) : (
              <WeekBoard
                days={days}
                rows={rows}
                cells={cells}
                editableDay={editableDay}
                dayLabel={dayLabel}
                renderBlock={renderInList}
                absences={absences}
                holdRows={firstSync}
              />
            )}
            {permissions.view_finance ? <BoardSums days={days} shown={shown} dayLabel={dayLabel} /> : null}
          </div>
          <UnassignedList missions={unassignedModels} editable={days.some(editableDay)} renderBlock={renderInList} />
        </div>
        <DragOverlay dropAnimation={null}>
          {carried ? (
            <div className={`mission-block drag-preview${previewSeverity ? ` conflict-${previewSeverity}` : ''}`} data-testid="planning-drag-preview" data-severity={previewSeverity ?? ''}>
              <span className="drop-time" data-testid="planning-drag-time">
                {t('board.dropAt', { time: carried.heure_debut })}
              </span>
              <span className="drag-face">
                {blockFace({ mission: carried, end: endOf(carried), voyage: voyageOf(carried), texts: blockTexts })}
              </span>
              {drag.preview && drag.preview.conflicts.length > 0 ? (
                <span className="preview-reason">{conflictsText(drag.preview.conflicts, i18n.language, t)}</span>
              ) : null}
            </div>
          ) : null}
        </DragOverlay>
      </DndContext>
      {drag.activeId ? null : (
        <DetailsHost
          store={detailsStore}
          render={(shownDetails) => {
            const detailed = docs.get(shownDetails.id)?.toJSON();
            return detailed ? (
              <BlockDetails mission={detailed} end={endOf(detailed)} voyage={voyageOf(detailed)} resource={resourceOf(detailed)} anchor={shownDetails.anchor} />
            ) : null;
          }}
        />
      )}
      {undo.toast ? <UndoToastView toast={undo.toast} onUndo={() => void undo.undo()} onClose={undo.closeToast} /> : null}
      {reassigned && reassignId ? (
        <LazyReassignDialog
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
          onDelete={() => {
            setReassignId(undefined);
            deleteMission(reassignId);
          }}
        />
      ) : null}
      {opened ? (
        <LazyMissionForm
          doc={opened}
          day={opened.date_mission}
          chauffeurs={snapshot.chauffeurs}
          voyages={snapshot.voyages}
          side
          onClose={() => setOpenId(undefined)}
          onSaved={() => setOpenId(undefined)}
        />
      ) : null}
      {placement.pendingForce ? <LazyForceDialog pending={placement.pendingForce} onCancel={placement.cancelForce} onForce={placement.force} /> : null}
      {placement.pendingConfirm ? <LazyConfirmMoveDialog pending={placement.pendingConfirm} onCancel={placement.cancelConfirm} onConfirm={placement.confirm} /> : null}
      {printing.active ? (
        <PrintSheet days={days} rows={rows} byRowAndDay={byRowAndDay} absences={absences} voyageOf={voyageOf} endOf={endOf} unassigned={unassigned} />
      ) : null}
    </section>
  );
}

/** The details popover, re-rendered alone when the hovered or focused block changes. */
function DetailsHost({ store, render }: { store: DetailsStore; render: (shown: ShownDetails) => ReactNode }) {
  const shown = useShownDetails(store);
  return shown ? render(shown) : null;
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
