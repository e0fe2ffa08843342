import { z } from 'zod';
import { CodeAllocator, codeFromText } from './codes';
import { NameIndex, type Candidate, type MapContext } from './context';
import { describe, importId, isRecord, nameKey } from './values';

export interface SstRef {
  id: string;
  nom: string;
  candidate: Candidate;
}

const emailSchema = z.email();

/** `sst.json` (a list of names) and `sst_emails.json` (name → addresses): subcontractors and their contacts. */
export function mapSst(context: MapContext, files: Record<string, unknown>): NameIndex<SstRef> {
  const index = new NameIndex<SstRef>();
  const codes = new CodeAllocator(context.lookup, 'sst');
  const names = files['sst.json'];
  if (names !== undefined && !Array.isArray(names)) {
    context.reject('sst', 'sst.json', 'fichier', 'liste de noms attendue');
  }
  const list: unknown[] = Array.isArray(names) ? names : [];
  list.forEach((value, position) => {
    const entry = `#${position + 1}`;
    if (typeof value !== 'string' || value.trim() === '') {
      context.reject('sst', 'sst.json', entry, `nom de sous-traitant attendu, reçu ${describe(value)}`);
      return;
    }
    const nom = value.trim();
    const id = importId('sst', nameKey(nom));
    const stored = context.lookup.get('sst', id);
    const defaults: Record<string, unknown> = { is_active: true, contacts: [] };
    if (typeof stored?.['code'] === 'string') {
      codes.reserve(stored['code'], id);
    } else {
      defaults['code'] = codes.allocate(codeFromText(nom) || 'SST', id, 20, false);
    }
    const candidate: Candidate = { id, fields: { nom }, defaults, file: 'sst.json', entry };
    if (context.add('sst', candidate)) {
      index.set(nom, { id, nom, candidate });
    }
  });
  mapEmails(context, files['sst_emails.json'], index);
  return index;
}

function mapEmails(context: MapContext, content: unknown, index: NameIndex<SstRef>): void {
  if (content === undefined) {
    return;
  }
  const file = 'sst_emails.json';
  if (!isRecord(content)) {
    context.reject('sst', file, 'fichier', 'objet « nom du sous-traitant → adresses » attendu');
    return;
  }
  for (const [name, addresses] of Object.entries(content)) {
    const sst = index.get(name);
    if (!sst) {
      context.reject('sst', file, name, sst === null ? 'nom de sous-traitant ambigu' : 'sous-traitant absent de sst.json');
      continue;
    }
    const list: unknown[] = Array.isArray(addresses) ? addresses : [addresses];
    const contacts: Record<string, unknown>[] = [];
    const seen = new Set<string>();
    list.forEach((address, position) => {
      const email = typeof address === 'string' ? address.trim() : '';
      if (!emailSchema.safeParse(email).success) {
        context.reject('sst', file, `${name} #${position + 1}`, `adresse e-mail invalide : ${describe(address)}`);
        return;
      }
      if (seen.has(email.toLowerCase())) {
        return;
      }
      seen.add(email.toLowerCase());
      contacts.push({
        id: importId('sst-contact', `${nameKey(sst.nom)}:${email.toLowerCase()}`),
        email,
        // The old tool wrote to the first address it listed.
        is_primary: contacts.length === 0,
      });
    });
    sst.candidate.fields['contacts'] = contacts;
    sst.candidate.fields['email'] = contacts[0]?.['email'];
  }
}
