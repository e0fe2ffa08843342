// @vitest-environment happy-dom
import { DndContext, useDndContext, useDraggable } from '@dnd-kit/core';
import type { PlanningData } from '@relais/domain';
import type { Mission } from '@relais/schema';
import i18next from 'i18next';
import { act, memo, useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fr } from '../i18n/fr';
import type { BlockModel } from './block-models';
import { createBlockTexts, type BlockTexts } from './block-texts';
import { DropArea } from './DropArea';
import { MissionBlock } from './MissionBlock';
import { dragAccessibility, useBoardDrag } from './use-board-drag';

// React only runs `act` without warnings where the test environment says so.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const renders = { label: 0, naive: 0, cell: 0 };
function counted(what: keyof typeof renders): void {
  renders[what] += 1;
}
/** Set by the components below once mounted: what the tests do to them. */
const controls: { addZones: Dispatch<SetStateAction<number>>; rerenderPage: Dispatch<SetStateAction<number>> } = { addZones: () => undefined, rerenderPage: () => undefined };
let texts: BlockTexts;
/** The board's DndContext props for screen readers, in French. */
let a11y: ReturnType<typeof dragAccessibility>;

function model(id: string, editable = true): BlockModel {
  const mission = { id, heure_debut: '08:00', destination: `Lyon ${id}`, statut: 'planifiee' } as unknown as Mission;
  return { mission, conflicts: undefined, voyage: undefined, end: '12:00', editable, preview: false, notice: undefined, position: undefined };
}

const models = [model('m1'), model('m2'), model('m3', false)];
const noop = () => undefined;

/** A block as it was written before the split: memoised, the dnd-kit hook and the content in one piece. */
const NaiveBlock = memo(function NaiveBlock() {
  const { setNodeRef } = useDraggable({ id: 'naive' });
  counted('naive');
  return <div ref={setNodeRef}>naive</div>;
});

const CellContent = memo(function CellContent({ id }: { id: string }) {
  counted('cell');
  return <span>{id}</span>;
});

/** Drop zones that appear later, as the week's rows drawn frame after frame during a first sync. */
function LateZones() {
  const [count, setCount] = useState(0);
  useEffect(() => {
    controls.addZones = setCount;
  }, []);
  return Array.from({ length: count }, (_, index) => <DropArea key={index} zone={{ type: 'cell', assignee: { kind: 'chauffeur', id: `late${index}` }, date: '2026-12-08' }} className="week-cell" />);
}

/** How many drop zones dnd-kit knows of, read from its context. */
const zones = { registered: -1 };
function ZoneCount() {
  const size = useDndContext().droppableContainers.size;
  useEffect(() => {
    zones.registered = size;
  });
  return null;
}

const data: PlanningData = { missions: [], chauffeurs: new Map(), voyages: new Map(), absences: [] };
const docs = new Map();

/** The planning page's part: it re-renders on each replication batch, its board's props unchanged. */
function Board() {
  const [, setTick] = useState(0);
  useEffect(() => {
    controls.rerenderPage = setTick;
  }, []);
  const drag = useBoardDrag(docs, data, noop);
  return (
    <DndContext {...a11y} sensors={drag.sensors}>
      {models.map((block) => (
        <MissionBlock key={block.mission.id} model={block} texts={texts} positioned={false} onDismissNotice={noop} onReassign={noop} onOpen={noop} onDetails={noop} />
      ))}
      <NaiveBlock />
      <DropArea zone={{ type: 'cell', assignee: { kind: 'chauffeur', id: 'c1' }, date: '2026-12-07' }} className="week-cell" testId="planning-cell">
        <CellContent id="c1" />
      </DropArea>
      <LateZones />
      <ZoneCount />
    </DndContext>
  );
}

describe('MissionBlock under dnd-kit', () => {
  let container: HTMLElement;
  let root: Root;

  beforeAll(async () => {
    const instance = i18next.createInstance();
    await instance.init({ lng: 'fr', resources: { fr: { translation: fr } }, interpolation: { escapeValue: false } });
    const base = createBlockTexts(instance.t, 'fr');
    // As the board names them: the mission as people call it, the zone by its row and day (never an id).
    const names: Record<string, string> = { m1: 'Rungis → Lyon, lun. 7 déc. 08:00', m2: 'Rungis → Nantes, lun. 7 déc. 09:00' };
    a11y = dragAccessibility(instance.t, { mission: (id) => names[id], zone: () => 'Dupont Jean, lun. 7 déc.' });
    // The content calls `label` once per render: the count of its renders.
    texts = {
      ...base,
      label: (time, destination) => {
        counted('label');
        return base.label(time, destination);
      },
    };
  });

  beforeEach(() => {
    renders.label = 0;
    renders.naive = 0;
    renders.cell = 0;
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
    act(() => root.render(<Board />));
  });

  afterEach(() => {
    act(() => root.unmount());
    container.remove();
  });

  it('does not re-render the contents of blocks and cells when drop zones register', () => {
    expect(renders.label).toBe(models.length);
    const before = { ...renders };
    act(() => controls.addZones(6));
    act(() => controls.addZones(12));
    expect(container.querySelectorAll('.week-cell')).toHaveLength(13);
    expect(renders).toEqual(before);
  });

  it("re-renders no block when the page re-renders: the sensors, so dnd-kit's context, stay the same", () => {
    const before = { ...renders };
    act(() => controls.rerenderPage((tick) => tick + 1));
    act(() => controls.rerenderPage((tick) => tick + 1));
    // A block reading dnd-kit's context in one piece would re-render if the context changed.
    expect(renders).toEqual(before);
  });

  it('keeps the handle draggable and accessible, dnd-kit joining it when the focus reaches it', () => {
    const handles = [...container.querySelectorAll<HTMLElement>('.block-handle')];
    expect(handles.map((handle) => handle.dataset['blockId'])).toEqual(['m1', 'm2', 'm3']);
    const [editable, , readOnly] = handles;
    expect(editable?.getAttribute('role')).toBe('button');
    expect(editable?.getAttribute('tabindex')).toBe('0');
    expect(editable?.getAttribute('aria-disabled')).toBe('false');
    expect(editable?.getAttribute('aria-roledescription')).toBeTruthy();
    // dnd-kit, joining the block on focus, describes it by the element the resting block named.
    const resting = editable?.getAttribute('aria-describedby');
    act(() => editable?.focus());
    expect(editable?.getAttribute('aria-describedby')).toBe(resting);
    expect(editable?.getAttribute('aria-label')).toContain('Lyon m1');
    expect(readOnly?.getAttribute('aria-disabled')).toBe('true');
  });

  it('describes every block by the drag instructions from its first render, before the pointer or the focus reaches it', () => {
    const handles = [...container.querySelectorAll<HTMLElement>('.block-handle')];
    expect(handles).toHaveLength(models.length);
    for (const handle of handles) {
      const described = (handle.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent);
      expect(described).toEqual([fr.board.dragInstructions]);
    }
    // One element for the whole board, not one per block.
    expect(document.querySelectorAll(`[id="${a11y.id}"]`)).toHaveLength(1);
  });

  it('marks the block being dragged with the keyboard, and re-renders only its content', async () => {
    const handle = container.querySelector<HTMLElement>('[data-block-id="m2"]');
    expect(handle).not.toBeNull();
    // The focus makes the block draggable: its content renders once with dnd-kit's attributes.
    act(() => handle?.focus());
    expect(zones.registered).toBe(0);
    const before = { ...renders };
    act(() => {
      handle?.dispatchEvent(new KeyboardEvent('keydown', { code: 'Space', key: ' ', bubbles: true }));
    });
    // Drop zones join dnd-kit when a drag starts, not before (each registration copies its map).
    expect(zones.registered).toBeGreaterThan(0);
    // The drag changed dnd-kit's context (every shell re-rendered, as the one-piece block shows)...
    expect(renders.naive).toBeGreaterThan(before.naive);
    // ...and only the dragged block's content, once for its new state.
    expect(renders.label).toBe(before.label + 1);
    const dragging = [...container.querySelectorAll<HTMLElement>('.mission-block.dragging')].map((block) => block.dataset['id']);
    expect(dragging).toEqual(['m2']);
    expect(handle?.getAttribute('aria-pressed')).toBe('true');
    // Screen readers hear the pick-up in French, the mission named as people call it, no id.
    const liveRegion = document.querySelector('[role="status"][aria-live]');
    expect(liveRegion?.textContent).toBe('Mission Rungis → Nantes, lun. 7 déc. 09:00 prise.');
    // dnd-kit's keyboard sensor listens for the keys that end a drag from the next task on.
    await new Promise((resolve) => setTimeout(resolve, 0));
    act(() => {
      handle?.dispatchEvent(new KeyboardEvent('keydown', { code: 'Escape', key: 'Escape', bubbles: true }));
    });
    expect(container.querySelectorAll('.mission-block.dragging')).toHaveLength(0);
    expect(liveRegion?.textContent).toBe('Déplacement de la mission Rungis → Nantes, lun. 7 déc. 09:00 annulé.');
  });
});

describe('MissionBlock faces', () => {
  it('draws in a list block (week, side list) only what it shows: no end time, no voyage code; the timeline block has its end', async () => {
    const instance = i18next.createInstance();
    await instance.init({ lng: 'fr', resources: { fr: { translation: fr } }, interpolation: { escapeValue: false } });
    const faceTexts = createBlockTexts(instance.t, 'fr');
    const withVoyage: BlockModel = { ...model('v1'), voyage: { code: 'LYO', nom: 'Lyon', couleur: '#16a34a' } };
    const container = document.createElement('div');
    document.body.append(container);
    const root = createRoot(container);
    act(() =>
      root.render(
        <DndContext>
          <div className="list">
            <MissionBlock model={withVoyage} texts={faceTexts} positioned={false} onDismissNotice={noop} onReassign={noop} onOpen={noop} onDetails={noop} />
          </div>
          <div className="timeline">
            <MissionBlock model={{ ...withVoyage, position: { left: 10, width: 20, top: 6 } }} texts={faceTexts} positioned onDismissNotice={noop} onReassign={noop} onOpen={noop} onDetails={noop} />
          </div>
        </DndContext>,
      ),
    );
    const list = container.querySelector('.list .block-handle');
    expect(list?.textContent).toBe('08:00Lyon v1');
    expect(list?.querySelector('.block-end, .block-voyage')).toBeNull();
    expect(container.querySelector('.list .mission-block')?.classList.contains('has-voyage')).toBe(true);
    expect(container.querySelector('.timeline .block-end')?.textContent).toBe('–12:00');
    expect(container.querySelector('.timeline .block-voyage')).toBeNull();
    act(() => root.unmount());
    container.remove();
  });
});
