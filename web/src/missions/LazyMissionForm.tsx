import { lazy, Suspense, type ComponentProps } from 'react';
import type { MissionForm } from './MissionForm';

const MissionFormModule = lazy(async () => ({ default: (await import('./MissionForm')).MissionForm }));

/**
 * The mission form, downloaded the first time a mission is opened: the board's first screen does
 * without it (and the service worker precaches it for offline use).
 */
export function LazyMissionForm(props: ComponentProps<typeof MissionForm>) {
  return (
    <Suspense fallback={null}>
      <MissionFormModule {...props} />
    </Suspense>
  );
}
