import { jsPDF } from 'jspdf';
import type { AnnonceMissionLine } from '@relais/schema';

// Landscape A4, millimetres. jsPDF's built-in Helvetica only knows WinAnsi: accents print, "→" would not.
const columns = [
  { title: 'Heure', width: 24 },
  { title: 'Voyage', width: 28 },
  { title: 'Départ -> Destination', width: 90 },
  { title: 'Pays', width: 22 },
  { title: 'Palettes', width: 20 },
  { title: 'Commentaire', width: 93 },
] as const;
const left = 10;
const bottom = 200;
const lineHeight = 5;

function cells(line: AnnonceMissionLine): string[] {
  return [
    line.heure_fin ? `${line.heure_debut}-${line.heure_fin}` : line.heure_debut,
    line.voyage ?? '',
    line.depart ? `${line.depart} -> ${line.destination}` : line.destination,
    line.pays ?? '',
    line.nb_palettes === null ? '' : String(line.nb_palettes),
    line.commentaire ?? '',
  ];
}

function row(doc: jsPDF, values: readonly string[], y: number, bold: boolean): number {
  doc.setFont('helvetica', bold ? 'bold' : 'normal');
  const wrapped = values.map((value, index) => doc.splitTextToSize(value, (columns[index]?.width ?? 20) - 2) as string[]);
  const height = Math.max(1, ...wrapped.map((lines) => lines.length)) * lineHeight;
  let x = left;
  wrapped.forEach((lines, index) => {
    doc.text(lines, x + 1, y + 4);
    x += columns[index]?.width ?? 20;
  });
  doc.line(left, y + height + 1, x, y + height + 1);
  return y + height + 2;
}

/** The missions of one subcontractor as a printable PDF, attached to its mail. */
export function missionsPdf(title: string, sstNom: string, lines: AnnonceMissionLine[]): Buffer {
  const doc = new jsPDF({ orientation: 'landscape', unit: 'mm', format: 'a4' });
  doc.setProperties({ title, creator: 'Relais' });
  doc.setFont('helvetica', 'bold');
  doc.setFontSize(14);
  doc.text(title, left, 15);
  doc.setFontSize(11);
  doc.text(sstNom, left, 22);
  doc.setFontSize(9);
  const header = columns.map((column) => column.title);
  let y = row(doc, header, 28, true);
  for (const line of lines) {
    const values = cells(line);
    if (y + lineHeight * 3 > bottom) {
      doc.addPage();
      y = row(doc, header, 10, true);
    }
    y = row(doc, values, y, false);
  }
  return Buffer.from(doc.output('arraybuffer'));
}
