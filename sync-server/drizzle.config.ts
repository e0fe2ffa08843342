import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/tables.ts',
  // The drift check generates into a copy of the committed migrations and compares.
  out: process.env['RELAIS_MIGRATIONS_OUT'] ?? './drizzle',
});
