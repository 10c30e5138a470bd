import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The category of region of the operation (CPR art. 108(2)), stored on the dossier when its project section is saved,
 * with the département it was read from (docs/domain/region-category.md). Older dossiers keep NULL and are categorised
 * on read from their département.
 */
export class DossierRegionCategory1765410000000 implements MigrationInterface {
  name = 'DossierRegionCategory1765410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE application
        ADD COLUMN region_category text,
        ADD COLUMN region_category_departement text,
        ADD CONSTRAINT application_region_category_check CHECK (region_category IS NULL OR region_category IN ('LESS_DEVELOPED','TRANSITION','MORE_DEVELOPED'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE application DROP CONSTRAINT application_region_category_check, DROP COLUMN region_category_departement, DROP COLUMN region_category`,
    );
  }
}
