import { wmsConnectionInputSchema, type WmsConnectionView } from '@relais/schema';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { wmsConnections } from '../../db/tables';
import { ApiError } from '../../http/errors';
import { isValidCron, scheduleOff } from '../../scheduler/cron';
import { maskedSecret, type SecretBox } from '../../secrets/secret-box';

type Row = typeof wmsConnections.$inferSelect;

/** A connection with its secrets opened: only for the code that connects, never answered nor logged. */
export interface WmsConnection extends Omit<WmsConnectionView, 'ssh_secret' | 'ssh_passphrase' | 'db_password'> {
  ssh_secret: string | null;
  ssh_passphrase: string | null;
  db_password: string | null;
}

const sealedFields = { ssh_secret: 'ssh_secret_sealed', ssh_passphrase: 'ssh_passphrase_sealed', db_password: 'db_password_sealed' } as const;
type SecretField = keyof typeof sealedFields;

function contextOf(id: number, field: SecretField): string {
  return `wms:${id}:${field}`;
}

function view(row: Row): WmsConnectionView {
  const { ssh_secret_sealed, ssh_passphrase_sealed, db_password_sealed, ...rest } = row;
  return {
    ...rest,
    ssh_auth: row.ssh_auth === 'key' ? 'key' : 'password',
    ssh_secret: ssh_secret_sealed ? maskedSecret : null,
    ssh_passphrase: ssh_passphrase_sealed ? maskedSecret : null,
    db_password: db_password_sealed ? maskedSecret : null,
  };
}

function parseInput(input: unknown) {
  const parsed = wmsConnectionInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new ApiError('VALIDATION_FAILED', parsed.error.issues.map((issue) => `${issue.path.join('.')} : ${issue.message}`).join(' ; '), { issues: parsed.error.issues });
  }
  for (const key of ['backup_schedule', 'restore_test_schedule'] as const) {
    const value = parsed.data[key];
    if (value !== scheduleOff && !isValidCron(value)) {
      throw new ApiError('VALIDATION_FAILED', `${key} : expression cron invalide (ou « off »)`);
    }
  }
  return parsed.data;
}

/** The WMS connections, secrets sealed at rest and masked (`********`) in every view. */
export function createWmsConnections(db: Db, box: SecretBox, now: () => Date = () => new Date()) {
  function row(id: number): Row {
    const found = db.select().from(wmsConnections).where(eq(wmsConnections.id, id)).get();
    if (!found) {
      throw new ApiError('NOT_FOUND', `Connexion WMS inconnue : ${id}`);
    }
    return found;
  }

  function byName(name: string): Row | undefined {
    return db.select().from(wmsConnections).where(eq(wmsConnections.name, name)).get();
  }

  /** The sealed columns for the secrets given; a secret omitted stays as it was, `null` clears it. */
  function sealed(id: number, secrets: Partial<Record<SecretField, string | null | undefined>>): Partial<Record<(typeof sealedFields)[SecretField], string | null>> {
    const out: Partial<Record<(typeof sealedFields)[SecretField], string | null>> = {};
    for (const field of Object.keys(sealedFields) as SecretField[]) {
      const value = secrets[field];
      if (value === undefined || value === maskedSecret) {
        continue;
      }
      out[sealedFields[field]] = value === null || value === '' ? null : box.seal(value, contextOf(id, field));
    }
    return out;
  }

  return {
    list: (): WmsConnectionView[] => db.select().from(wmsConnections).orderBy(asc(wmsConnections.name)).all().map(view),
    view: (id: number): WmsConnectionView => view(row(id)),
    ids: (): number[] => db.select({ id: wmsConnections.id }).from(wmsConnections).all().map(({ id }) => id),
    idByName(name: string): number {
      const found = byName(name);
      if (!found) {
        throw new ApiError('NOT_FOUND', `Connexion WMS inconnue : ${name}`);
      }
      return found.id;
    },

    /** With its secrets opened, to connect. */
    open(id: number): WmsConnection {
      const found = row(id);
      const openField = (field: SecretField): string | null => {
        const value = found[sealedFields[field]];
        return value ? box.open(value, contextOf(id, field)) : null;
      };
      return { ...view(found), ssh_secret: openField('ssh_secret'), ssh_passphrase: openField('ssh_passphrase'), db_password: openField('db_password') };
    },

    create(input: unknown): WmsConnectionView {
      const data = parseInput(input);
      if (byName(data.name)) {
        throw new ApiError('CONFLICT', `Une connexion WMS s'appelle déjà « ${data.name} ».`);
      }
      const at = now().toISOString();
      const { ssh_secret, ssh_passphrase, db_password, ...plain } = data;
      return db.transaction((tx) => {
        const inserted = tx
          .insert(wmsConnections)
          .values({ ...plain, created_at: at, updated_at: at })
          .returning({ id: wmsConnections.id })
          .get();
        tx.update(wmsConnections).set(sealed(inserted.id, { ssh_secret, ssh_passphrase, db_password })).where(eq(wmsConnections.id, inserted.id)).run();
        return view(tx.select().from(wmsConnections).where(eq(wmsConnections.id, inserted.id)).get() as Row);
      });
    },

    update(id: number, input: unknown): WmsConnectionView {
      row(id);
      const data = parseInput(input);
      const other = byName(data.name);
      if (other && other.id !== id) {
        throw new ApiError('CONFLICT', `Une connexion WMS s'appelle déjà « ${data.name} ».`);
      }
      const { ssh_secret, ssh_passphrase, db_password, ...plain } = data;
      db.update(wmsConnections)
        .set({ ...plain, ...sealed(id, { ssh_secret, ssh_passphrase, db_password }), updated_at: now().toISOString() })
        .where(eq(wmsConnections.id, id))
        .run();
      return view(row(id));
    },

    /** Pins (or re-pins) the host key the administrator confirmed. */
    pin(id: number, fingerprint: string): WmsConnectionView {
      row(id);
      db.update(wmsConnections).set({ host_fingerprint: fingerprint, updated_at: now().toISOString() }).where(eq(wmsConnections.id, id)).run();
      return view(row(id));
    },

    remove(id: number): void {
      row(id);
      db.delete(wmsConnections).where(eq(wmsConnections.id, id)).run();
    },
  };
}

export type WmsConnections = ReturnType<typeof createWmsConnections>;
