import { addDays, today } from '@relais/domain';
import type { Voyage } from '@relais/schema';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDatabase } from '../sync/hooks';
import { Dialog } from '../ui/Dialog';
import { Checkbox } from '../ui/Field';
import { isValidDay } from '../ui/format';
import { logger } from '../ui/logger';
import { useSignedIn } from '../auth/use-session';
import { generateLocalMissions, type GenerationResult } from './generate-missions';
import { GenerationReport } from './GenerationReport';
import { useVoyages } from './use-voyages';
import './voyages.css';

/** Generates the missions of the active voyages over a date range, for `generate_planning`. */
export function GenerateMissionsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const db = useDatabase();
  const { permissions } = useSignedIn();
  const voyageDocs = useVoyages();
  const voyages = useMemo(
    () => new Map((voyageDocs ?? []).map((doc) => [doc.id, doc.toJSON() as Readonly<Voyage>])),
    [voyageDocs],
  );
  const [from, setFrom] = useState(() => today());
  const [to, setTo] = useState(() => addDays(today(), 6));
  const [assignUsualChauffeur, setAssign] = useState(true);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<GenerationResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const invalid = !isValidDay(from) || !isValidDay(to) || to < from;

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (invalid || running) {
      return;
    }
    setRunning(true);
    setError(null);
    generateLocalMissions(db, { from, to, assignUsualChauffeur, permissions })
      .then(setResult)
      .catch((cause: unknown) => {
        logger.error('génération des missions impossible', cause);
        setError(cause instanceof Error ? cause.message : String(cause));
      })
      .finally(() => setRunning(false));
  };

  return (
    <Dialog title={t('voyages.generate.title')} onClose={onClose}>
      <form className="form" noValidate onSubmit={submit} data-testid="generate-form">
        <div className="form-grid">
          <div className="field span-2">
            <label htmlFor="generate-from">{t('voyages.generate.from')}</label>
            <input id="generate-from" type="date" value={from} onChange={(event) => setFrom(event.target.value)} />
          </div>
          <div className="field span-2">
            <label htmlFor="generate-to">{t('voyages.generate.to')}</label>
            <input id="generate-to" type="date" value={to} onChange={(event) => setTo(event.target.value)} />
          </div>
          <div className="field span-4 checkbox-row">
            <Checkbox label={t('voyages.generate.assignUsual')} checked={assignUsualChauffeur} onChange={setAssign} />
          </div>
        </div>
        {result ? <GenerationReport result={result} voyages={voyages} /> : null}
        <footer className="form-footer">
          {error ? (
            <span className="form-error" role="alert">
              {t('common.saveFailed', { message: error })}
            </span>
          ) : invalid ? (
            <span className="form-error" role="alert">
              {t('voyages.generate.invalidRange')}
            </span>
          ) : null}
          <button type="button" className="button ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button primary" data-testid="generate-submit" disabled={running || invalid}>
            {t('voyages.generate.submit')}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
