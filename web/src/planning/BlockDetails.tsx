import type { Mission } from '@relais/schema';
import { useTranslation } from 'react-i18next';
import type { BlockVoyage } from './block-models';
import { missionName } from './mission-name';

interface BlockDetailsProps {
  mission: Readonly<Mission>;
  end: string;
  voyage: BlockVoyage | undefined;
  resource: string | undefined;
  /** The block's box on screen: the details open under it (above it near the bottom). */
  anchor: DOMRect;
}

/** Everything about a mission, shown while its block is hovered or focused. */
export function BlockDetails({ mission, end, voyage, resource, anchor }: BlockDetailsProps) {
  const { t, i18n } = useTranslation();
  const below = anchor.bottom + 160 < window.innerHeight;
  const style = {
    left: `${Math.max(8, Math.min(anchor.left, window.innerWidth - 328))}px`,
    top: below ? `${anchor.bottom + 4}px` : undefined,
    bottom: below ? undefined : `${window.innerHeight - anchor.top + 4}px`,
  };
  return (
    <div className="block-details" role="tooltip" data-testid="planning-block-details" style={style}>
      <strong>{missionName(mission, i18n.language)}</strong>
      <span>
        {mission.heure_debut}–{end}
        {resource ? ` · ${resource}` : ''}
      </span>
      {voyage ? <span>{t('board.detailVoyage', { code: voyage.code, name: voyage.nom })}</span> : null}
      {mission.nb_palettes !== undefined ? <span>{t('board.pallets', { count: mission.nb_palettes })}</span> : null}
      <span>{t('board.detailStatut', { statut: t(`missions.statut.${mission.statut}`) })}</span>
      {mission.commentaire ? <span>{t('board.detailComment', { comment: mission.commentaire })}</span> : null}
      <span className="muted">{t('board.openHint')}</span>
    </div>
  );
}
