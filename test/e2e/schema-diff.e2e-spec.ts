import { DataSource } from 'typeorm';
import { entities } from '../../src/database/entities';
import { ownerDataSource } from '../support/test-app';

/**
 * The entities are the typed description of every table (docs/decisions/0001-raw-sql.md): on the freshly migrated
 * database of this run, TypeORM's schema diff must be empty. A migration that changes a table without its entity,
 * or an entity edited without a migration, fails here with the SQL TypeORM would run to reconcile them.
 */
describe('entities and migrated schema', () => {
  let owner: DataSource;

  beforeAll(async () => {
    owner = await ownerDataSource();
  });

  afterAll(async () => {
    await owner?.destroy();
  });

  it('the app DataSource registers the entities but never synchronises: migrations stay the source of truth', () => {
    expect(owner.options.synchronize).toBe(false);
    expect(owner.options.migrationsRun).toBe(false);
    expect(owner.entityMetadatas.length).toBe(entities.length);
  });

  it('has one entity per table the migrations create', async () => {
    const tables: { tablename: string }[] = await owner.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations' ORDER BY 1`,
    );
    const described = owner.entityMetadatas.map((m) => m.tableName).sort();
    expect(described).toEqual(tables.map((t) => t.tablename));
  });

  it("TypeORM's schema diff against the migrated database is empty", async () => {
    const sql = await owner.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });
});
