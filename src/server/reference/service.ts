import type { Kysely } from 'kysely';
import type { DB } from '../db/types.js';
import { DEFAULT_DICTIONARIES } from './defaults.js';
import * as repo from './repo.js';

/** Gives a new organisation its default dictionaries (skipping any it already has). */
export async function seedReferenceDefaults(db: Kysely<DB>, orgId: number): Promise<void> {
  for (const dict of DEFAULT_DICTIONARIES) {
    if (await repo.findDictionaryByCode(db, orgId, dict.code)) continue;
    const created = await repo.insertDictionary(db, orgId, { code: dict.code, name: dict.name, description: dict.description });
    for (const [index, label] of dict.items.entries()) {
      await repo.insertDictionaryItem(db, orgId, created.id, {
        value: label,
        label,
        sortOrder: (index + 1) * 10,
        active: true,
      });
    }
  }
}
