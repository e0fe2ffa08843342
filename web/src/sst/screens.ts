import { canRead, type PermissionMap } from '@relais/domain';
import { moduleScreens, type ModuleScreen, type Screen } from '../ui/route';

/** Whether this user may open a module screen (the UI's mirror: the server decides what it sends). */
export function mayOpenModuleScreen(screen: ModuleScreen, permissions: PermissionMap): boolean {
  switch (screen) {
    case 'sst':
      return canRead('sst', permissions);
    case 'revenus':
      return canRead('revenus_palettes', permissions);
    case 'daySheet':
      return canRead('missions', permissions) && canRead('chauffeurs', permissions);
  }
}

/** The module screens of the navigation this user may open. */
export function visibleModuleScreens(permissions: PermissionMap): ModuleScreen[] {
  return moduleScreens.filter((screen) => mayOpenModuleScreen(screen, permissions));
}

export function isModuleScreen(screen: Screen): screen is ModuleScreen {
  return (moduleScreens as readonly string[]).includes(screen);
}
