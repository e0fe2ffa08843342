import { lazy, Suspense, type ComponentProps } from 'react';
import type { ConfirmMoveDialog, ForceDialog, ReassignDialog } from './PlanningDialogs';

// The board's dialogs open on a user's action: their code is downloaded then, not with the first screen.
const Reassign = lazy(async () => ({ default: (await import('./PlanningDialogs')).ReassignDialog }));
const Force = lazy(async () => ({ default: (await import('./PlanningDialogs')).ForceDialog }));
const ConfirmMove = lazy(async () => ({ default: (await import('./PlanningDialogs')).ConfirmMoveDialog }));

export function LazyReassignDialog(props: ComponentProps<typeof ReassignDialog>) {
  return (
    <Suspense fallback={null}>
      <Reassign {...props} />
    </Suspense>
  );
}

export function LazyForceDialog(props: ComponentProps<typeof ForceDialog>) {
  return (
    <Suspense fallback={null}>
      <Force {...props} />
    </Suspense>
  );
}

export function LazyConfirmMoveDialog(props: ComponentProps<typeof ConfirmMoveDialog>) {
  return (
    <Suspense fallback={null}>
      <ConfirmMove {...props} />
    </Suspense>
  );
}
