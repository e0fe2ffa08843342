/** English texts, downloaded only when English is chosen (`i18n/en.ts`); the French are beside them. */
import type { reviewMessages } from './review-messages';

export const reviewMessagesEn: (typeof reviewMessages)['fr'] = {
  title: 'To review ({{n}})',
  hint: 'Refused by the server, kept on this device: fix and resend them, or discard them.',
  refused: 'Refused',
  creation: 'creation',
  update: 'change',
  reason: 'Reason: {{message}}',
  noChauffeur: 'no driver',
  fix: 'Fix',
  resend: 'Resend as is',
  discard: 'Discard',
  discardConfirm: 'Discard the mission {{name}} for good? It will never be sent.',
  fixTitle: 'Fix the refused mission',
  failed: 'Could not do it: {{message}}',
};
