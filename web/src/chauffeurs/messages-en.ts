/** English texts, downloaded only when English is chosen (`i18n/en.ts`); the French are beside them. */
import type { chauffeurMessages, absenceMessages, daySheetMessages } from './messages';

export const chauffeurMessagesEn: (typeof chauffeurMessages)['fr'] = {
  fields: {
    tracteur_attire: 'Assigned tractor',
    zones_preferees: 'Preferred areas',
    sst_id: 'Subcontractor',
    permis_validite: 'Licence valid until',
    fimo_validite: 'FIMO valid until',
    adr_validite: 'ADR valid until',
    visite_medicale_validite: 'Medical check valid until',
  },
  expiry: {
    column: 'Expiry',
    expired: 'Expired since {{date}} ({{n}} d)',
    soon: 'Expires on {{date}} (in {{n}} d)',
    short: {
      permis_validite: 'Licence',
      fimo_validite: 'FIMO',
      adr_validite: 'ADR',
      visite_medicale_validite: 'Medical',
    },
  },
};

export const absenceMessagesEn: (typeof absenceMessages)['fr'] = {
  title: 'Absences of {{name}}',
  button: 'Absences',
  column: 'Absences',
  new: 'Add an absence',
  createTitle: 'New absence',
  editTitle: 'Edit absence',
  empty: 'No absence recorded.',
  deleteConfirm: 'Delete the absence from {{from}} to {{to}}?',
  calendar: { previous: 'Previous month', next: 'Next month' },
  fields: {
    chauffeur_id: 'Driver',
    date_debut: 'From',
    date_fin: 'To (included)',
    type_absence: 'Type',
    motif: 'Reason',
  },
  type: { conges: 'Leave', maladie: 'Sick', formation: 'Training', autre: 'Other' },
};

export const daySheetMessagesEn: (typeof daySheetMessages)['fr'] = {
  title: 'Day sheet',
  nav: 'Day sheet',
  chauffeur: 'Driver',
  day: 'Day',
  print: 'Print',
  empty: 'No mission that day for this driver.',
  pick: 'Choose a driver and a day.',
  time: 'Time',
  vehicle: 'Tractor / trailer',
};
