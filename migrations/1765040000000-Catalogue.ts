import { MigrationInterface, QueryRunner } from 'typeorm';

/** Statuses of a "programmed operation" (CPR art. 2(4), selected operations), the only ones ever published. */
const PUBLISHED = `'PROGRAMMED','CONVENTION_ISSUED','CONVENTION_SIGNED','IN_PROGRESS','CLOSED'`;

/**
 * Public catalogue of programmed operations (CPR art. 49(3)): French full-text search with accents ignored, the
 * beneficiary's publication choices, and the dated releases of the list of operations.
 *
 * `unaccent` is a trusted extension (PostgreSQL ≥ 13): the migration role creates it without superuser when it holds
 * CREATE on the database. Where it cannot (extension files missing, or no privilege), the catalogue still folds the
 * usual French accents itself with `translate()`, so search stays accent-insensitive; the migration only logs it.
 */
export class Catalogue1765040000000 implements MigrationInterface {
  name = 'Catalogue1765040000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$ BEGIN
        CREATE EXTENSION IF NOT EXISTS unaccent;
      EXCEPTION WHEN insufficient_privilege OR undefined_file OR feature_not_supported OR object_not_in_prerequisite_state THEN
        RAISE NOTICE 'unaccent unavailable (%): the catalogue folds accents with translate()', SQLERRM;
      END $$`);
    await q.query(`CREATE TEXT SEARCH CONFIGURATION essaim_french (COPY = pg_catalog.french)`);
    const hasUnaccent = ((await q.query(`SELECT 1 FROM pg_extension WHERE extname = 'unaccent'`)) as unknown[]).length > 0;
    if (hasUnaccent) {
      await q.query(`ALTER TEXT SEARCH CONFIGURATION essaim_french ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem`);
      await q.query(`CREATE FUNCTION catalogue_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT t $$`);
    } else {
      await q.query(`
        CREATE FUNCTION catalogue_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
          SELECT translate(t, 'àâäáãåçéèêëíìîïñóòôöõúùûüýÿœæÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸŒÆ', 'aaaaaaceeeeiiiinooooouuuuyyoaAAAAAACEEEEIIIINOOOOOUUUUYYOA')
        $$`);
    }
    // The searchable text of an operation: its name weighs most, then its purpose and the need it meets, then the place.
    await q.query(`
      CREATE FUNCTION catalogue_document(title text, summary text, social_need text, place text) RETURNS tsvector
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT setweight(to_tsvector('essaim_french'::regconfig, catalogue_fold(coalesce(title, ''))), 'A')
            || setweight(to_tsvector('essaim_french'::regconfig, catalogue_fold(coalesce(summary, '') || ' ' || coalesce(social_need, ''))), 'B')
            || setweight(to_tsvector('essaim_french'::regconfig, catalogue_fold(coalesce(place, ''))), 'C')
      $$`);
    await q.query(`
      CREATE FUNCTION catalogue_name_document(name text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT to_tsvector('essaim_french'::regconfig, catalogue_fold(coalesce(name, '')))
      $$`);
    await q.query(`
      CREATE FUNCTION catalogue_query(text) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT websearch_to_tsquery('essaim_french'::regconfig, catalogue_fold($1))
      $$`);
    // Partial indexes over published operations only: the catalogue never reads anything else.
    await q.query(`
      CREATE INDEX application_catalogue_search_idx ON application USING gin (catalogue_document(title, summary, social_need, place))
        WHERE status IN (${PUBLISHED})`);
    await q.query(`CREATE INDEX application_catalogue_number_idx ON application (number DESC) WHERE status IN (${PUBLISHED})`);
    await q.query(`CREATE INDEX application_catalogue_departement_idx ON application (departement, number DESC) WHERE status IN (${PUBLISHED})`);
    await q.query(`CREATE INDEX organisation_catalogue_name_idx ON organisation USING gin (catalogue_name_document(legal_name))`);

    // What the beneficiary chooses to publish beyond the art. 49(3) fields: a public contact and whether it seeks
    // partners to replicate the project (essaimage). Nothing else personal is published.
    await q.query(`
      CREATE TABLE application_publication (
        application_id uuid PRIMARY KEY,
        public_contact text,
        seeks_partners boolean NOT NULL DEFAULT false,
        version integer NOT NULL DEFAULT 1,
        updated_by uuid NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT application_publication_application_fkey FOREIGN KEY (application_id) REFERENCES application(id) ON DELETE CASCADE,
        CONSTRAINT application_publication_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES app_user(id) ON DELETE RESTRICT,
        CONSTRAINT application_publication_contact_check CHECK (public_contact IS NULL OR char_length(public_contact) BETWEEN 1 AND 300),
        CONSTRAINT application_publication_version_check CHECK (version >= 1)
      )`);

    // Releases of the list of operations (CPR art. 49(3): updated at least every four months), kept with their dates.
    await q.query(`
      CREATE TABLE open_data_release (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        released_at timestamptz NOT NULL DEFAULT now(),
        operation_count integer NOT NULL,
        csv bytea NOT NULL,
        json bytea NOT NULL,
        csv_sha256 text NOT NULL,
        json_sha256 text NOT NULL,
        released_by uuid,
        CONSTRAINT open_data_release_released_by_fkey FOREIGN KEY (released_by) REFERENCES app_user(id) ON DELETE RESTRICT,
        CONSTRAINT open_data_release_count_check CHECK (operation_count >= 0)
      )`);
    await q.query(`CREATE INDEX open_data_release_released_at_idx ON open_data_release (released_at DESC)`);
    // A published release is evidence of what was published and when: the application role only adds releases.
    await q.query(`REVOKE UPDATE, DELETE ON open_data_release FROM essaim_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE open_data_release`);
    await q.query(`DROP TABLE application_publication`);
    await q.query(`DROP INDEX organisation_catalogue_name_idx`);
    await q.query(`DROP INDEX application_catalogue_departement_idx`);
    await q.query(`DROP INDEX application_catalogue_number_idx`);
    await q.query(`DROP INDEX application_catalogue_search_idx`);
    await q.query(`DROP FUNCTION catalogue_query(text)`);
    await q.query(`DROP FUNCTION catalogue_name_document(text)`);
    await q.query(`DROP FUNCTION catalogue_document(text, text, text, text)`);
    await q.query(`DROP FUNCTION catalogue_fold(text)`);
    await q.query(`DROP TEXT SEARCH CONFIGURATION essaim_french`);
    // unaccent is left installed: other objects of the database may use it.
  }
}
