/** The mail each subcontractor receives: templates, placeholder filling, HTML and text bodies. */
import type { AnnonceMissionLine, AnnoncesPlaceholder, AnnoncesTemplates } from '@relais/schema';

export const defaultAnnoncesTemplates: AnnoncesTemplates = {
  subject_template: 'Annonce missions transport - {date}',
  body_template: [
    'Bonjour,',
    '',
    'Veuillez trouver ci-dessous les missions confiées à {sst} pour le {date} ({nb_missions} mission(s)).',
    '',
    'Merci de nous confirmer leur bonne prise en charge.',
    '',
    'Cordialement,',
    "L'équipe planning",
  ].join('\n'),
};

/** `2026-11-28` → `28/11/2026`, as French readers expect dates. */
export function formatDateFr(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}

/**
 * Replaces `{name}` by its value. An unknown placeholder is left as typed, so a typo shows up in
 * the preview instead of silently vanishing from the mail.
 */
export function fillTemplate(template: string, values: Record<AnnoncesPlaceholder, string>): string {
  return template.replace(/\{([a-z_]+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? values[name as AnnoncesPlaceholder] : whole,
  );
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const columns = ['Heure', 'Voyage', 'Départ → Destination', 'Pays', 'Palettes', 'Commentaire'] as const;

function hours(line: AnnonceMissionLine): string {
  return line.heure_fin ? `${line.heure_debut}–${line.heure_fin}` : line.heure_debut;
}

function route(line: AnnonceMissionLine): string {
  return line.depart ? `${line.depart} → ${line.destination}` : line.destination;
}

function cells(line: AnnonceMissionLine): string[] {
  return [hours(line), line.voyage ?? '', route(line), line.pays ?? '', line.nb_palettes === null ? '' : String(line.nb_palettes), line.commentaire ?? ''];
}

/** The HTML body: the filled text, then the missions as a table (inline styles: mail clients drop `<style>`). */
export function missionsHtml(body: string, lines: AnnonceMissionLine[]): string {
  const cell = 'border:1px solid #999;padding:4px 8px;text-align:left;vertical-align:top';
  const head = columns.map((title) => `<th style="${cell};background:#eee">${escapeHtml(title)}</th>`).join('');
  const rows = lines
    .map((line) => `<tr>${cells(line).map((value) => `<td style="${cell}">${escapeHtml(value)}</td>`).join('')}</tr>`)
    .join('\n');
  const paragraphs = escapeHtml(body).replace(/\n/g, '<br>\n');
  return [
    '<!DOCTYPE html><html><body style="font-family:Arial,sans-serif;font-size:14px">',
    `<p>${paragraphs}</p>`,
    `<table style="border-collapse:collapse"><thead><tr>${head}</tr></thead><tbody>`,
    rows,
    '</tbody></table></body></html>',
  ].join('\n');
}

/** The plain-text alternative: the filled text, then one line per mission. */
export function missionsText(body: string, lines: AnnonceMissionLine[]): string {
  const rows = lines.map((line) => `- ${cells(line).map((value) => value || '-').join(' | ')}`);
  return [body, '', `${columns.join(' | ')}`, ...rows].join('\n');
}
