import { collections, type ColumnMapping, type CollectionName } from '@relais/schema';
import { index, uniqueIndex, integer, real, sqliteTable, text, type SQLiteColumn, type SQLiteColumnBuilderBase } from 'drizzle-orm/sqlite-core';

function column(mapping: ColumnMapping): SQLiteColumnBuilderBase {
  const built = (() => {
    switch (mapping.kind) {
      case 'text':
        return text(mapping.field);
      case 'integer':
        return integer(mapping.field);
      case 'real':
        return real(mapping.field);
      case 'boolean':
        return integer(mapping.field, { mode: 'boolean' });
      case 'json':
        return text(mapping.field, { mode: 'json' });
    }
  })();
  return mapping.field === 'id' ? built.primaryKey() : mapping.notNull ? built.notNull() : built;
}

/** Replication bookkeeping beside each document; never part of what is compared or replicated. */
export const bookkeepingColumns = ['_seq', '_deleted', '_server_updated_at', '_updated_by', '_created_at', '_created_by'] as const;

/**
 * The server table of a collection, derived from its definition in `@relais/schema`: one column per
 * document field, plus the replication bookkeeping that lives beside the document and is never
 * part of what is compared: the server sequence `_seq`, the tombstone flag, who wrote it last and
 * when, and who created it when (TomatoPlan's `created_by`/`created_at`, set by the server).
 */
function collectionTable(name: CollectionName) {
  const definition = collections[name];
  const fields = Object.fromEntries(definition.columns.map((mapping) => [mapping.field, column(mapping)]));
  const extraIndexes = [...(definition.serverIndexes ?? []), ...(definition.uniqueFields ?? []).map((field) => [field])];
  return sqliteTable(
    name,
    {
      ...fields,
      _seq: integer('_seq').notNull(),
      _deleted: integer('_deleted', { mode: 'boolean' }).notNull(),
      _server_updated_at: text('_server_updated_at').notNull(),
      _updated_by: text('_updated_by'),
      _created_at: text('_created_at'),
      _created_by: text('_created_by'),
    },
    (table) => {
      const columns = table as unknown as Record<string, SQLiteColumn>;
      const pick = (field: string): SQLiteColumn => {
        const picked = columns[field];
        if (!picked) {
          throw new Error(`${name}: index sur un champ inconnu ${field}`);
        }
        return picked;
      };
      return [
        uniqueIndex(`${name}_seq_idx`).on(table._seq),
        ...extraIndexes
          .filter((fields, position, all) => all.findIndex((other) => other.join() === fields.join()) === position)
          .map((fields) => {
            const [first, ...rest] = fields.map(pick);
            if (!first) {
              throw new Error(`${name}: index vide`);
            }
            return index(`${name}_${fields.join('_')}_idx`).on(first, ...rest);
          }),
      ];
    },
  );
}

export const chauffeursTable = collectionTable('chauffeurs');
export const disponibilitesTable = collectionTable('disponibilites');
export const voyagesTable = collectionTable('voyages');
export const missionsTable = collectionTable('missions');
export const sstTable = collectionTable('sst');
export const revenusPalettesTable = collectionTable('revenus_palettes');
export const entreprisesTable = collectionTable('entreprises');
export const contactsTable = collectionTable('contacts');
export const articlesTable = collectionTable('articles');
export const devisTable = collectionTable('devis');
export const facturesTable = collectionTable('factures');
export const reglementsTable = collectionTable('reglements');

/** Every collection's table; `satisfies` fails to compile when a collection has none. */
export const collectionTables = {
  chauffeurs: chauffeursTable,
  disponibilites: disponibilitesTable,
  voyages: voyagesTable,
  missions: missionsTable,
  sst: sstTable,
  revenus_palettes: revenusPalettesTable,
  entreprises: entreprisesTable,
  contacts: contactsTable,
  articles: articlesTable,
  devis: devisTable,
  factures: facturesTable,
  reglements: reglementsTable,
} as const satisfies Record<CollectionName, unknown>;

/** The single server sequence: every write of every collection takes the next number. */
export const syncSequence = sqliteTable('sync_sequence', {
  id: integer('id').primaryKey(),
  value: integer('value').notNull(),
});

/**
 * The last number given in each numbering series: one row per issuing company, document type
 * (`devis`, `facture`, `avoir`) and series key (the format with its date filled, see `seriesKey`).
 * Read and bumped inside the write transaction that validates a document, so numbers have no gap.
 */
export const numberingSeries = sqliteTable(
  'numbering_series',
  {
    entreprise_id: text('entreprise_id').notNull(),
    document_type: text('document_type').notNull(),
    series_key: text('series_key').notNull(),
    last_number: integer('last_number').notNull(),
  },
  (table) => [uniqueIndex('numbering_series_key_idx').on(table.entreprise_id, table.document_type, table.series_key)],
);

/**
 * Every number the server ever gave in a company (quotes, invoices, deposit invoices and credit
 * notes share the space): written in the transaction that numbers the document, never deleted.
 * The series skip the numbers found here, so a format changed back and forth never gives one
 * twice; the unique index refuses a duplicate even if a counter were wrong.
 */
export const issuedNumbers = sqliteTable(
  'issued_numbers',
  {
    entreprise_id: text('entreprise_id').notNull(),
    numero: text('numero').notNull(),
    /** The series it was taken from: `devis`, `facture` (deposits included) or `avoir`. */
    document_type: text('document_type').notNull(),
    document_id: text('document_id').notNull(),
    issued_at: text('issued_at').notNull(),
  },
  (table) => [uniqueIndex('issued_numbers_numero_idx').on(table.entreprise_id, table.numero)],
);

/** Who changed what, when, through which path. */
export const activityLog = sqliteTable(
  'activity_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    actor: text('actor'),
    source: text('source').notNull(),
    action: text('action').notNull(),
    collection: text('collection').notNull(),
    document_id: text('document_id').notNull(),
    seq: integer('seq').notNull(),
    /** A compact diff of an update: `{ field: [before, after] }`. */
    details: text('details', { mode: 'json' }),
    hostname: text('hostname'),
    ip: text('ip'),
  },
  (table) => [index('activity_log_at_idx').on(table.at), index('activity_log_document_idx').on(table.collection, table.document_id)],
);

/**
 * People who sign in. `username` is stored normalized (upper case, without a Windows domain);
 * timestamps are ISO strings like the rest of the database. Users are deactivated, never deleted,
 * so the history that names them stays readable.
 */
export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    username: text('username').notNull(),
    display_name: text('display_name').notNull(),
    email: text('email'),
    role: text('role').notNull(),
    is_active: integer('is_active', { mode: 'boolean' }).notNull().default(true),
    is_system_admin: integer('is_system_admin', { mode: 'boolean' }).notNull().default(false),
    /** `scrypt$<log2 N>$<r>$<p>$<salt>$<hash>`; null for an account that cannot sign in with a password. */
    password_hash: text('password_hash'),
    must_change_password: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
    mfa_enabled: integer('mfa_enabled', { mode: 'boolean' }).notNull().default(false),
    failed_attempts: integer('failed_attempts').notNull().default(0),
    locked_until: text('locked_until'),
    last_login: text('last_login'),
    created_at: text('created_at').notNull(),
    updated_at: text('updated_at').notNull(),
  },
  (table) => [uniqueIndex('users_username_idx').on(table.username)],
);

/** One row per sign-in; the refresh token is kept only as its SHA-256. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    user_id: integer('user_id')
      .notNull()
      .references(() => users.id),
    hostname: text('hostname'),
    ip: text('ip'),
    user_agent: text('user_agent'),
    created_at: text('created_at').notNull(),
    last_activity: text('last_activity').notNull(),
    expires_at: text('expires_at').notNull(),
    revoked_at: text('revoked_at'),
    /** logout, kick, kick_all, disconnect, password_changed, deactivated, password_reset, refresh_token_reused */
    revoked_reason: text('revoked_reason'),
    refresh_token_hash: text('refresh_token_hash').notNull(),
  },
  (table) => [uniqueIndex('sessions_refresh_idx').on(table.refresh_token_hash), index('sessions_user_idx').on(table.user_id)],
);

/**
 * The refresh tokens a session has already rotated away from (hashes only): presenting one again
 * means it was copied, so the session is closed (theft detection).
 */
export const refreshTokenRotations = sqliteTable(
  'refresh_token_rotations',
  {
    token_hash: text('token_hash').primaryKey(),
    session_id: text('session_id')
      .notNull()
      .references(() => sessions.id),
    rotated_at: text('rotated_at').notNull(),
  },
  (table) => [index('refresh_token_rotations_session_idx').on(table.session_id, table.rotated_at)],
);

/** A pending e-mailed sign-in code; the code itself is kept only as a hash. */
export const mfaChallenges = sqliteTable(
  'mfa_challenges',
  {
    id: text('id').primaryKey(),
    user_id: integer('user_id')
      .notNull()
      .references(() => users.id),
    code_hash: text('code_hash').notNull(),
    created_at: text('created_at').notNull(),
    expires_at: text('expires_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    used_at: text('used_at'),
    /** The context of the sign-in that asked for the code, given to the session it opens. */
    hostname: text('hostname'),
    ip: text('ip'),
    user_agent: text('user_agent'),
  },
  (table) => [index('mfa_challenges_user_idx').on(table.user_id)],
);

/**
 * Sign-ins, failures, sign-outs, kicks and user administration: the identity half of the activity
 * log (document writes are in `activity_log`). `actor` is who acted (for a failed sign-in, the name
 * that was tried), `target` the user acted upon. Never updated nor deleted by any route.
 */
export const authEvents = sqliteTable(
  'auth_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    actor: text('actor'),
    action: text('action').notNull(),
    target: text('target'),
    session_id: text('session_id'),
    hostname: text('hostname'),
    ip: text('ip'),
    user_agent: text('user_agent'),
    details: text('details', { mode: 'json' }),
  },
  (table) => [index('auth_events_at_idx').on(table.at), index('auth_events_actor_idx').on(table.actor)],
);

/** "Annonces SST": the mail templates, one row (id 1); absent until someone edits them. */
export const annoncesConfig = sqliteTable('annonces_config', {
  id: integer('id').primaryKey(),
  subject_template: text('subject_template').notNull(),
  body_template: text('body_template').notNull(),
  updated_at: text('updated_at').notNull(),
  updated_by: text('updated_by'),
});

/** One row per subcontractor mail tried, sent or failed; never updated nor deleted. */
export const annoncesHistorique = sqliteTable(
  'annonces_historique',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    username: text('username'),
    /** The planning day announced (YYYY-MM-DD). */
    date: text('date').notNull(),
    sst_id: text('sst_id').notNull(),
    sst_nom: text('sst_nom').notNull(),
    recipients: text('recipients', { mode: 'json' }).$type<string[]>().notNull(),
    subject: text('subject').notNull(),
    mission_ids: text('mission_ids', { mode: 'json' }).$type<string[]>().notNull(),
    /** sent | failed */
    status: text('status').notNull(),
    error: text('error'),
  },
  (table) => [index('annonces_historique_at_idx').on(table.at), index('annonces_historique_date_idx').on(table.date, table.sst_id)],
);

/**
 * One row per run of a scheduled job (`scheduler/`), and per scheduled fire that did not run
 * (`missed`: the server was down, or the previous run still went on). `ended_at` stays null until
 * the run's work has really stopped, even once it is recorded `aborted`: no new run of the job
 * starts before that, in this process or another (`relais job run`). `owner` and `heartbeat_at`
 * tell a live run from one its process left behind when it died.
 */
export const jobRuns = sqliteTable(
  'job_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    job: text('job').notNull(),
    /** schedule | manual | cli | startup-catch-up */
    trigger: text('trigger').notNull(),
    /** Who asked: a username, the system account of `relais job run`, or null for the schedule. */
    actor: text('actor'),
    /** The fire time a scheduled (or missed) run was for. */
    scheduled_for: text('scheduled_for'),
    started_at: text('started_at').notNull(),
    ended_at: text('ended_at'),
    /** running | succeeded | failed | aborted | missed */
    status: text('status').notNull(),
    progress_done: integer('progress_done'),
    progress_total: integer('progress_total'),
    progress_label: text('progress_label'),
    counts: text('counts', { mode: 'json' }).$type<Record<string, number>>().notNull(),
    error: text('error'),
    /** The last lines of the run's own log. */
    log_excerpt: text('log_excerpt', { mode: 'json' }).$type<string[]>().notNull(),
    result: text('result', { mode: 'json' }),
    /** `<pid>:<random id>` of the process running it. */
    owner: text('owner'),
    heartbeat_at: text('heartbeat_at'),
  },
  (table) => [index('job_runs_job_idx').on(table.job, table.id), index('job_runs_open_idx').on(table.ended_at)],
);

/** Per job, the last scheduled fire already handled (run, refused or recorded missed): what a restart compares with. */
export const jobState = sqliteTable('job_state', {
  job: text('job').primaryKey(),
  last_fire_at: text('last_fire_at').notNull(),
});

/**
 * The runtime settings an administrator changed (`settings/`): the environment key → its value as
 * JSON (null: cleared). They overlay the environment at each start; absent keys follow the environment.
 */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }),
  updated_at: text('updated_at').notNull(),
  updated_by: text('updated_by'),
});

/**
 * Facts about this database itself, one row per key. `database_id` is its identity: replication
 * checkpoints carry it, and a restore gives the database a new one so every client pulls again.
 */
export const serverMeta = sqliteTable('server_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/**
 * The WMS connections (`connectors/wms/`). Secrets are sealed with the secret box (`v1:…`, bound to
 * `wms:<id>:<field>`), never stored in clear; `host_fingerprint` is the pinned SSH host key.
 */
export const wmsConnections = sqliteTable(
  'wms_connections',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    ssh_host: text('ssh_host').notNull(),
    ssh_port: integer('ssh_port').notNull(),
    ssh_user: text('ssh_user').notNull(),
    /** password | key */
    ssh_auth: text('ssh_auth').notNull(),
    ssh_secret_sealed: text('ssh_secret_sealed'),
    ssh_passphrase_sealed: text('ssh_passphrase_sealed'),
    host_fingerprint: text('host_fingerprint'),
    db_host: text('db_host').notNull(),
    db_port: integer('db_port').notNull(),
    db_user: text('db_user').notNull(),
    db_password_sealed: text('db_password_sealed'),
    db_name: text('db_name').notNull(),
    tables: text('tables', { mode: 'json' }).$type<string[]>().notNull(),
    backup_dir: text('backup_dir').notNull(),
    remote_temp_dir: text('remote_temp_dir').notNull(),
    backup_schedule: text('backup_schedule').notNull(),
    restore_test_schedule: text('restore_test_schedule').notNull(),
    keep_daily: integer('keep_daily').notNull(),
    keep_weekly: integer('keep_weekly').notNull(),
    keep_monthly: integer('keep_monthly').notNull(),
    created_at: text('created_at').notNull(),
    updated_at: text('updated_at').notNull(),
  },
  (table) => [uniqueIndex('wms_connections_name_idx').on(table.name)],
);

/** Saved CSV exports of a WMS connection: a table or one read-only SELECT, run by hand or on a schedule. */
export const wmsExports = sqliteTable(
  'wms_exports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    connection_id: integer('connection_id')
      .notNull()
      .references(() => wmsConnections.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    table_name: text('table_name'),
    query: text('query'),
    separator: text('separator').notNull(),
    format: text('format').notNull(),
    schedule: text('schedule').notNull(),
    folder: text('folder'),
  },
  (table) => [index('wms_exports_connection_idx').on(table.connection_id)],
);

/**
 * The SAGES connector (`connectors/sages/`): its configuration, one row, secrets sealed by the
 * secrets service (`value` never holds a password in clear).
 */
export const sagesConfig = sqliteTable('sages_config', {
  id: integer('id').primaryKey(),
  value: text('value', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  updated_at: text('updated_at').notNull(),
  updated_by: text('updated_by'),
});

/**
 * Chantiers read from Batigest (`ChantierDef`), upserted by code. `hash` is the fingerprint of what
 * BatiSimply receives; `exported_hash` the one last exported: they differ while the chantier is to send.
 */
export const sagesChantiers = sqliteTable(
  'sages_chantiers',
  {
    code: text('code').primaryKey(),
    libelle: text('libelle').notNull(),
    date_debut: text('date_debut'),
    date_fin: text('date_fin'),
    code_client: text('code_client'),
    client: text('client'),
    adresse: text('adresse'),
    code_postal: text('code_postal'),
    ville: text('ville'),
    heures_vendues: real('heures_vendues'),
    /** 1 while Batigest lists it active (`Etat = 'E'`). */
    actif: integer('actif').notNull(),
    hash: text('hash').notNull(),
    changed_at: text('changed_at').notNull(),
    bs_project_id: text('bs_project_id'),
    exported_hash: text('exported_hash'),
    exported_at: text('exported_at'),
  },
  (table) => [index('sages_chantiers_export_idx').on(table.exported_hash)],
);

/**
 * BatiSimply time slots, upserted by slot id; `date_locale` is the day in the connector's time zone.
 * A slot is to send while it is VALIDATED and `sent_hash` differs from `hash`.
 */
export const sagesHeures = sqliteTable(
  'sages_heures',
  {
    slot_id: text('slot_id').primaryKey(),
    user_id: text('user_id').notNull(),
    salarie_nom: text('salarie_nom'),
    project_id: text('project_id'),
    debut_utc: text('debut_utc').notNull(),
    fin_utc: text('fin_utc').notNull(),
    date_locale: text('date_locale').notNull(),
    minutes: integer('minutes').notNull(),
    panier: integer('panier').notNull(),
    trajet: integer('trajet').notNull(),
    statut: text('statut').notNull(),
    hash: text('hash').notNull(),
    changed_at: text('changed_at').notNull(),
    sent_hash: text('sent_hash'),
    sent_at: text('sent_at'),
  },
  (table) => [index('sages_heures_statut_idx').on(table.statut, table.sent_hash), index('sages_heures_date_idx').on(table.date_locale)],
);

/** Where each sent slot lies in `SuiviMO`: a slot moved to another day or chantier updates that row. */
export const sagesSlotRows = sqliteTable('sages_slot_rows', {
  slot_id: text('slot_id').primaryKey(),
  code_chantier: text('code_chantier').notNull(),
  code_salarie: text('code_salarie').notNull(),
  date: text('date').notNull(),
  heures: real('heures').notNull(),
  trajet: integer('trajet').notNull(),
  panier: integer('panier').notNull(),
  sent_at: text('sent_at').notNull(),
});

/** BatiSimply project id ↔ chantier code, refreshed by `codes-projet` and by each export. */
export const sagesProjectCodes = sqliteTable(
  'sages_project_codes',
  {
    project_id: text('project_id').primaryKey(),
    code: text('code').notNull(),
    nom: text('nom'),
    refreshed_at: text('refreshed_at').notNull(),
  },
  (table) => [uniqueIndex('sages_project_codes_code_idx').on(table.code)],
);
