// Frozen in time: this file never imports app code.
// Organisations can be deactivated (issue 12): nothing is deleted, but the users of an inactive
// organisation, or of one below it, can no longer sign in. Every existing organisation is active.
import type { Kysely } from 'kysely';

type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .alterTable('orgs')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('orgs').dropColumn('active').execute();
}
