import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../server/db/connect.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { createDatabase, dropDatabase } from './database.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/** One fresh, migrated database for the run; dropped at the end. */
export default async function setup(project: TestProject) {
  const { name, url } = await createDatabase();
  const database = await openDatabase({ DATABASE_URL: url, DATA_DIR: 'data/test' });
  await migrateToLatest(database.db);
  // The first account of a database becomes its admin; take that seat here so
  // accounts registered by parallel test files are plain members.
  await database.db
    .insertInto('users')
    .values({
      handle: 'bootstrap-admin',
      email: 'bootstrap@example.test',
      password_hash: 'x',
      role: 'admin',
    })
    .execute();
  await database.close();
  project.provide('databaseUrl', url);
  return async () => {
    await dropDatabase(name);
  };
}
