import { z } from 'zod';

/** The JSON-schema subset our collections use, as derived from zod. */
export interface JsonSchemaProperty {
  type: 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object';
  enum?: readonly string[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  items?: JsonSchemaProperty;
  properties?: Record<string, JsonSchemaProperty>;
  required?: string[];
  additionalProperties?: boolean;
}

export interface RxJsonSchemaShape {
  version: number;
  primaryKey: 'id';
  type: 'object';
  properties: Record<string, JsonSchemaProperty>;
  required: string[];
  indexes: string[][];
  additionalProperties: false;
}

export type ColumnKind = 'text' | 'integer' | 'real' | 'boolean' | 'json';

/** How a document field is stored in its server table column. */
export interface ColumnMapping {
  field: string;
  kind: ColumnKind;
  notNull: boolean;
}

/** Turns a stored document of the previous schema version into one of this version. */
export type DocumentMigration = (doc: Record<string, unknown>) => Record<string, unknown>;

export interface CollectionInput<S extends z.ZodObject> {
  name: string;
  version: number;
  schema: S;
  /** Local (RxDB) indexes: required fields only. */
  indexes: string[][];
  /** One migration per version above 0, keyed by the version it produces (RxDB's migration strategies). */
  migrations?: Record<number, DocumentMigration>;
  /** Extra server-side indexes (SQLite), for the queries of the REST API and the planning checks. */
  serverIndexes?: string[][];
  /** Fields whose value no two live documents may share (e.g. a chauffeur's `code`); checked on every write. */
  uniqueFields?: string[];
}

export interface CollectionDefinition<S extends z.ZodObject = z.ZodObject> extends CollectionInput<S> {
  /** The document as replicated on the wire: the fields plus `_deleted`. */
  wireSchema: z.ZodObject;
  jsonSchema: RxJsonSchemaShape;
  columns: ColumnMapping[];
}

function columnKind(property: JsonSchemaProperty): ColumnKind {
  switch (property.type) {
    case 'string':
      return 'text';
    case 'integer':
      return 'integer';
    case 'number':
      return 'real';
    case 'boolean':
      return 'boolean';
    case 'array':
    case 'object':
      return 'json';
  }
}

function toJsonSchema<S extends z.ZodObject>(input: CollectionInput<S>): RxJsonSchemaShape {
  const generated = z.toJSONSchema(input.schema, { target: 'draft-07', io: 'input' }) as {
    properties?: Record<string, JsonSchemaProperty>;
    required?: string[];
  };
  const properties = generated.properties ?? {};
  const required = generated.required ?? [];
  for (const index of input.indexes) {
    for (const field of index) {
      // RxDB can only index required fields with a bounded length.
      if (!required.includes(field)) {
        throw new Error(`${input.name}: le champ indexé ${field} doit être obligatoire`);
      }
      const property = properties[field];
      if (property?.type === 'string' && property.maxLength === undefined) {
        throw new Error(`${input.name}: le champ indexé ${field} doit avoir une longueur maximale (pas d'énumération)`);
      }
    }
  }
  return {
    version: input.version,
    primaryKey: 'id',
    type: 'object',
    properties,
    required,
    indexes: input.indexes,
    additionalProperties: false,
  };
}

export function defineCollection<S extends z.ZodObject>(input: CollectionInput<S>): CollectionDefinition<S> {
  const jsonSchema = toJsonSchema(input);
  for (let version = 1; version <= input.version; version += 1) {
    if (!input.migrations?.[version]) {
      throw new Error(`${input.name}: migration vers la version ${version} manquante`);
    }
  }
  const columns = Object.entries(jsonSchema.properties).map(([field, property]) => ({
    field,
    kind: columnKind(property),
    notNull: jsonSchema.required.includes(field),
  }));
  return {
    ...input,
    wireSchema: input.schema.extend({ _deleted: z.boolean() }),
    jsonSchema,
    columns,
  };
}
