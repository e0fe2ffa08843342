import { missionStatutValues, typeMissionValues, type Chauffeur, type Contact, type Mission, type Voyage } from '@relais/schema';
import { resendRefusedWrite, type RefusedWrite } from '@relais/replica';
import { useMemo, type ChangeEvent } from 'react';
import { useMayRead, useSignedIn } from '../auth/use-session';
import { contactName } from '../invoicing/documents/use-invoicing-data';
import { useDatabase, useQueryResults } from '../sync/hooks';
import { useTranslation } from 'react-i18next';
import { chauffeurName } from '../chauffeurs/chauffeur-form';
import { FormDialog } from '../ui/FormDialog';
import { enumOptions, InputField, SelectField, TextAreaField, TimeField } from '../ui/FormFields';
import { useDocumentForm, type DocumentFormProps } from '../ui/use-document-form';
import { missionForm } from './mission-form';

interface MissionFormProps extends DocumentFormProps<Mission> {
  /** The day of a new mission. */
  day: string;
  chauffeurs: readonly Readonly<Chauffeur>[];
  voyages: readonly Readonly<Voyage>[];
  /** Called once the mission is written locally, with its day. */
  onSaved: (day: string) => void;
  /** Opened from the planning board: a side panel next to the board rather than a centred modal. */
  side?: boolean | undefined;
  /** A mission the server refused, kept on this PC: the form corrects it and sends it again. */
  refused?: RefusedWrite | undefined;
}

/** The customers a mission may be billed to, for those who read the invoicing contacts; `undefined` otherwise. */
function useCustomers(): Contact[] | undefined {
  const db = useDatabase();
  const mayRead = useMayRead('contacts');
  const query = useMemo(() => db.contacts.find({ sort: [{ nom: 'asc' }] }), [db]);
  const contacts = useQueryResults(query);
  return mayRead ? (contacts ?? []).map((contact) => contact.toJSON() as Contact) : undefined;
}

export function MissionForm({ doc, day, chauffeurs, voyages, onClose, onSaved, side = false, refused }: MissionFormProps) {
  const { t } = useTranslation();
  const db = useDatabase();
  const { permissions } = useSignedIn();
  const customers = useCustomers();
  const invoiced = doc?.facture_id !== undefined;
  const form = useDocumentForm({
    definition: missionForm,
    collection: (db) => db.missions,
    doc,
    initial: { date_mission: day },
    label: (field) => t(`missions.fields.${field}`),
    saveFailedLog: 'enregistrement de la mission impossible',
    onSaved: (values) => onSaved(values.date_mission),
    describeInputs: true,
    lockWhileSaving: true,
    explainInvalid: true,
    ...(refused
      ? {
          refused: {
            document: refused.document as unknown as Mission,
            resend: (fields: Record<string, unknown>) => resendRefusedWrite(db.missions, refused, fields),
          },
        }
      : {}),
  });
  const { values, setValues } = form;

  const chooseVoyage = (event: ChangeEvent<HTMLSelectElement>): void => {
    const voyage = voyages.find((candidate) => candidate.id === event.target.value);
    setValues((current) => ({
      ...current,
      voyage_id: event.target.value,
      // A route brings its usual destination and times when the mission has none yet.
      destination: current.destination || voyage?.destination || '',
      depart: current.depart || voyage?.depart || '',
      pays: current.pays || voyage?.pays_destination || '',
      heure_debut: current.heure_debut || voyage?.heure_depart_defaut || '',
      heure_fin: current.heure_fin || voyage?.heure_arrivee_defaut || '',
    }));
  };

  const activeChauffeurs = chauffeurs.filter((chauffeur) => chauffeur.is_active || chauffeur.id === values.chauffeur_id);
  const activeVoyages = voyages.filter((voyage) => voyage.is_active || voyage.id === values.voyage_id);

  return (
    <FormDialog
      title={refused ? t('review.fixTitle') : doc ? t('missions.editTitle') : t('missions.createTitle')}
      form={form}
      onCancel={onClose}
      saveTestId="mission-form-save"
      side={side}
    >
      <InputField form={form} field="date_mission" type="date" required data-testid="mission-form-date" />
      <TimeField form={form} field="heure_debut" hint={t('missions.timeHint')} required autoFocus data-testid="mission-form-heure-debut" />
      <TimeField form={form} field="heure_fin" />
      <SelectField
        form={form}
        field="statut"
        data-testid="mission-form-statut"
        options={enumOptions(missionStatutValues, (statut) => t(`missions.statut.${statut}`))}
      />
      <SelectField form={form} field="type_mission" options={enumOptions(typeMissionValues, (type) => t(`missions.type.${type}`))} />
      <InputField form={form} field="destination" span={2} type="text" required maxLength={120} data-testid="mission-form-destination" />
      <InputField form={form} field="pays" type="text" maxLength={60} />
      <InputField form={form} field="depart" type="text" maxLength={120} />
      <SelectField
        form={form}
        field="chauffeur_id"
        allowNone
        options={activeChauffeurs.map((chauffeur) => ({ value: chauffeur.id, label: `${chauffeurName(chauffeur)} (${chauffeur.code})` }))}
      />
      <SelectField
        form={form}
        field="voyage_id"
        // Two columns: on one, « LYO-ANV — Lyon → Anvers » was cut at 1280 px with no way to read it.
        span={2}
        allowNone
        onChange={chooseVoyage}
        options={activeVoyages.map((voyage) => ({ value: voyage.id, label: `${voyage.code} — ${voyage.nom}` }))}
      />
      <InputField form={form} field="nb_palettes" type="number" min={0} max={1000} step={1} />
      {customers ? (
        <SelectField
          form={form}
          field="client_id"
          allowNone
          disabled={invoiced}
          hint={invoiced ? t('missions.invoicedHint') : undefined}
          data-testid="mission-form-client"
          options={customers
            .filter((contact) => contact.is_active || contact.id === values.client_id)
            .map((contact) => ({ value: contact.id, label: contactName(contact) }))}
        />
      ) : null}
      {permissions.view_finance ? (
        <InputField form={form} field="revenu" type="text" inputMode="decimal" hint={t('missions.revenuHint')} data-testid="mission-form-revenu" />
      ) : null}
      <TextAreaField form={form} field="commentaire" span={3} rows={2} maxLength={2000} />
    </FormDialog>
  );
}
