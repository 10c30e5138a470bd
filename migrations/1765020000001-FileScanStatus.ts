import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the antivirus said of each stored upload (docs/architecture.md, "Antivirus"), keyed by its storage key so that
 * every kind of upload (dossier pieces, expenditure files) shares it. An infected file is never stored, so it has no
 * row: a stored file is CLEAN (scanned by clamd) or NOT_SCANNED (no scanner configured), which staff see next to the
 * file; a file without a row was uploaded before scans were recorded, and is shown as not scanned.
 */
export class FileScanStatus1765020000001 implements MigrationInterface {
  name = 'FileScanStatus1765020000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE file_scan (
        storage_key text PRIMARY KEY,
        status text NOT NULL CHECK (status IN ('CLEAN', 'NOT_SCANNED')),
        scanned_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE file_scan`);
  }
}
