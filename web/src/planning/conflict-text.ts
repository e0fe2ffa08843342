import type { PlanningConflict } from '@relais/domain';
import type { TFunction } from 'i18next';

/** A conflict for the user: the domain's French message in French, rebuilt from its code and params otherwise. */
export function conflictText(found: PlanningConflict, language: string, t: TFunction): string {
  if (language.startsWith('fr')) {
    return found.message;
  }
  return t(`planning.codes.${found.code}`, { ...found.params, defaultValue: found.message });
}

export function conflictsText(conflicts: readonly PlanningConflict[], language: string, t: TFunction): string {
  return conflicts.map((found) => conflictText(found, language, t)).join(' ; ');
}

/** The worst severity of a mission's conflicts, for the block's colour. */
export function worstSeverity(conflicts: readonly PlanningConflict[] | undefined): 'hard' | 'soft' | undefined {
  if (!conflicts || conflicts.length === 0) {
    return undefined;
  }
  return conflicts.some((found) => found.severity === 'hard') ? 'hard' : 'soft';
}
