/**
 * The "Annonces SST" wire shapes (`/annonces` routes), shared by the server that answers them and
 * the PWA that shows them.
 */

/** The subject and body a subcontractor's mail is built from. */
export interface AnnoncesTemplates {
  subject_template: string;
  body_template: string;
}

export interface AnnoncesConfig extends AnnoncesTemplates {
  updated_at: string | null;
  updated_by: string | null;
}

/** The placeholders a template may use; the config form lists them. */
export const annoncesPlaceholders = ['sst', 'sst_code', 'date', 'nb_missions'] as const;

export type AnnoncesPlaceholder = (typeof annoncesPlaceholders)[number];

/** One mission as the mail shows it. */
export interface AnnonceMissionLine {
  id: string;
  heure_debut: string;
  heure_fin: string | null;
  voyage: string | null;
  depart: string | null;
  destination: string;
  pays: string | null;
  nb_palettes: number | null;
  commentaire: string | null;
}

export interface AnnoncePreviewItem {
  sst_id: string;
  sst_code: string;
  sst_nom: string;
  recipients: string[];
  subject: string;
  nb_missions: number;
  missions: AnnonceMissionLine[];
}

export type AnnonceSkipReason = 'no_email' | 'no_missions';

export interface AnnonceSkipped {
  sst_id: string;
  sst_code: string;
  sst_nom: string;
  reason: AnnonceSkipReason;
  nb_missions: number;
}

export interface AnnoncesPreview {
  date: string;
  date_label: string;
  items: AnnoncePreviewItem[];
  skipped: AnnonceSkipped[];
}

export interface AnnonceSendResult {
  sst_id: string;
  sst_nom: string;
  recipients: string[];
  subject: string;
  mission_ids: string[];
  status: 'sent' | 'failed';
  error: string | null;
}

export interface AnnoncesSendResponse {
  date: string;
  results: AnnonceSendResult[];
  skipped: AnnonceSkipped[];
}

export interface AnnonceHistoryEntry extends AnnonceSendResult {
  id: number;
  at: string;
  username: string | null;
  date: string;
}

export interface AnnoncesHistory {
  entries: AnnonceHistoryEntry[];
  total: number;
  limit: number;
  offset: number;
}
