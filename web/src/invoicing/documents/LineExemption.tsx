import { motifOf, motifsExoneration } from '@relais/domain';
import { useTranslation } from 'react-i18next';
import type { LineDraft } from './lines';

const NONE = '';
const OTHER = 'autre';

/** The select's value of a line: no exemption (zero-rated), a listed reason, or another one typed. */
function choiceOf(line: Pick<LineDraft, 'exoneration' | 'exoneration_code'>): string {
  const motif = motifOf(line);
  if (motif) {
    return motif.id;
  }
  return line.exoneration === undefined && line.exoneration_code === undefined ? NONE : OTHER;
}

/** What choosing `value` writes on the line: the reason's text and its VATEX code, or a free text to type. */
function patchOf(value: string): Pick<LineDraft, 'exoneration' | 'exoneration_code'> {
  if (value === OTHER) {
    return { exoneration: '', exoneration_code: undefined };
  }
  const motif = motifsExoneration.find((candidate) => candidate.id === value);
  return motif ? { exoneration: motif.texte, exoneration_code: motif.code } : { exoneration: undefined, exoneration_code: undefined };
}

interface LineExemptionProps {
  line: LineDraft;
  /** Line number, for the labels. */
  n: number;
  onChange: (patch: Pick<LineDraft, 'exoneration' | 'exoneration_code'>) => void;
}

/**
 * Why a 0 % invoice line bears no VAT: zero-rated, one of the usual CGI reasons (with its VATEX
 * code), or another reason typed; printed on the invoice and put in its Factur-X (BT-120/121).
 */
export function LineExemption({ line, n, onChange }: LineExemptionProps) {
  const { t } = useTranslation();
  const choice = choiceOf(line);
  return (
    <div className="doc-exemption">
      <select
        title={line.exoneration}
        data-testid="line-exoneration"
        aria-label={t('invoicingDocuments.editor.exemption', { n })}
        value={choice}
        onChange={(event) => onChange(patchOf(event.target.value))}
      >
        <option value={NONE}>{t('invoicingDocuments.editor.exemptionNone')}</option>
        {motifsExoneration.map((motif) => (
          <option key={motif.id} value={motif.id} title={motif.texte}>
            {motif.libelle}
          </option>
        ))}
        <option value={OTHER}>{t('invoicingDocuments.editor.exemptionOther')}</option>
      </select>
      {choice === OTHER ? (
        <input
          data-testid="line-exoneration-texte"
          aria-label={t('invoicingDocuments.editor.exemptionText', { n })}
          placeholder={t('invoicingDocuments.editor.exemptionPlaceholder')}
          maxLength={200}
          value={line.exoneration ?? ''}
          onChange={(event) => onChange({ exoneration: event.target.value, exoneration_code: undefined })}
        />
      ) : null}
    </div>
  );
}
