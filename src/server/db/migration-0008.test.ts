import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Factories } from '../test/factories.js';
import { createTestDatabase } from '../test/harness.js';
import { down, up } from './migrations/0008_worklist_keys.js';

// Migration 0008 on a database as 0007 left it: lists get keys, and templates saved before (and the
// copies reports keep) name the lists' facts by key, with the new period rules.

let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.dispose());

const OLD_TEMPLATE = {
  name: '半年工作总结(默认)',
  title: '{org.name}{period.label}工作总结',
  opening: '现将{period.label}汇报如下:',
  outreachType: '送科技下乡',
  sections: [
    {
      key: 'x',
      heading: '征收',
      enumerate: true,
      sentences: [
        '包干{list.征收包干.itemsAtEnd|unit:户|share:list.征收包干.doneAtEnd}落实到位',
        '期内登记{list.征收包干.registeredInPeriod},销号{list.征收包干.closedInPeriod},已签约{list.征收包干.status.已签约}',
        '共投入{list.为民.实事.figure.money|more:多},培训{list.为民.实事.figure.by_kind.科技培训|unit:次},开展{list.统计报送.doneNames}',
      ],
    },
  ],
  plan: { listName: '工作计划', periodField: 'period', titleField: 'title', contentField: 'content' },
};

describe('migration 0008', () => {
  it("keys every list list_<id> and rewrites the slots and plan of stored templates and of reports' copies", async () => {
    const db = database.db as Kysely<any>;
    await down(db);
    const org = await new Factories(database.db).org({ name: '迁移县科技局' });
    const now = '2024-01-01T00:00:00.000Z';
    const list = async (name: string, statuses: { key: string; label: string }[] = []) =>
      (
        await db
          .insertInto('worklists')
          .values({
            org_id: org.id,
            name,
            topic: null,
            description: null,
            definition_json: JSON.stringify({ fields: [], statuses, figures: [] }),
            sort_order: 0,
            archived: 0,
            created_by: null,
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id as number;
    const expropriation = await list('征收包干', [
      { key: 'unsigned', label: '未签约' },
      { key: 'signed', label: '已签约' },
    ]);
    const deeds = await list('为民.实事');
    const stats = await list('统计报送');
    const plan = await list('工作计划');
    const json = JSON.stringify(OLD_TEMPLATE);
    const untouched = (
      await db
        .insertInto('report_templates')
        .values({
          org_id: org.id,
          name: OLD_TEMPLATE.name,
          definition_json: json,
          is_default: 1,
          created_by: null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const edited = (
      await db
        .insertInto('report_templates')
        .values({
          org_id: org.id,
          name: '简报',
          definition_json: json,
          is_default: 0,
          created_by: null,
          created_at: now,
          updated_at: '2024-02-01T00:00:00.000Z',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const report = (
      await db
        .insertInto('reports')
        .values({
          org_id: org.id,
          title: 't',
          period_from: '2023-01-01',
          period_to: '2023-06-30',
          period_label: '2023年上半年',
          template_id: untouched,
          template_json: json,
          created_by: null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;

    await up(db);

    const keys = await db.selectFrom('worklists').select(['id', 'key']).where('org_id', '=', org.id).orderBy('id').execute();
    expect(keys.map((k) => k.key)).toEqual([expropriation, deeds, stats, plan].map((id) => `list_${id}`));
    const sentences = [
      `包干{list.list_${expropriation}.itemsAtEnd|unit:户|share:list.list_${expropriation}.doneAtEnd}落实到位`,
      `期内登记{list.list_${expropriation}.registered},销号{list.list_${expropriation}.closed},已签约{list.list_${expropriation}.status.signedAtEnd}`,
      `共投入{list.list_${deeds}.figure.moneyAtEnd|more:多},培训{list.list_${deeds}.figure.by_kindAtEnd.科技培训|unit:次},开展{list.list_${stats}.doneNames}`,
    ];
    const read = async (table: string, column: string, id: number) =>
      JSON.parse((await db.selectFrom(table).select(column).where('id', '=', id).executeTakeFirstOrThrow())[column]);
    for (const def of [
      await read('report_templates', 'definition_json', untouched),
      await read('report_templates', 'definition_json', edited),
      await read('reports', 'template_json', report),
    ]) {
      expect(def.sections[0].sentences).toEqual(sentences);
      expect(def.plan).toEqual({ listKey: `list_${plan}`, periodField: 'period', titleField: 'title', contentField: 'content' });
    }
    // The default nobody edited is rebuilt from the lists from now on; the others stay their authors'.
    expect((await read('report_templates', 'definition_json', untouched)).auto).toBe(true);
    expect((await read('report_templates', 'definition_json', edited)).auto).toBeUndefined();
    await expect(
      db
        .insertInto('worklists')
        .values({
          org_id: org.id,
          key: `list_${plan}`,
          name: '重复',
          topic: null,
          description: null,
          definition_json: '{}',
          sort_order: 0,
          archived: 0,
          created_by: null,
          created_at: now,
          updated_at: now,
        })
        .execute(),
    ).rejects.toThrow();
  });
});
