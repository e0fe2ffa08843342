/** English texts, downloaded only when English is chosen (`i18n/en.ts`); the French are beside them. */
import type { voyageMessages } from './messages';

export const voyageMessagesEn: (typeof voyageMessages)['fr'] = {
  fields: {
    duree_conduite_min: 'Driving (h:mm)',
    competences_requises: 'Required skills',
    permis_requis: 'Required licence',
    type_mission: 'Mission type',
    chauffeur_habituel_id: 'Usual driver',
  },
  dureeHint: 'Planned driving time, e.g. 4:30',
  requirementsColumn: 'Requirements',
  generate: {
    button: 'Generate missions',
    title: 'Generate missions',
    from: 'From',
    to: 'To (included)',
    assignUsual: 'Assign the usual driver',
    submit: 'Generate',
    created: '{{n}} mission(s) created',
    unassigned: 'of which {{n}} without a driver: the usual driver is not available that day',
    unassignedEntry: '{{mission}} ({{voyage}}) — {{reason}}',
    skipped: '{{n}} day(s) already planned, skipped',
    pastDays: '{{n}} past day(s) skipped: changing past planning needs a right you do not have',
    onServer: 'On the server: {{n}} / {{total}}',
    waiting: 'Waiting to be sent: {{n}}',
    refused: 'Refused by the server: {{n}} — kept on this device, under “To review” (Missions and Planning)',
    invalidRange: 'Invalid period.',
  },
};
