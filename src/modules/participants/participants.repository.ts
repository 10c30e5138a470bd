import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource, type EntityManager } from 'typeorm';
import type { IndicatorParticipant } from './domain/indicators';
import type { ParticipantInput } from './domain/participant';
import { first } from '../../common/collections';

type Runner = DataSource | EntityManager;

const COPY_BLOCK_ROWS = 500;

export interface ParticipantRow extends ParticipantInput {
  id: string;
  pseudonym: string;
  reportId: string;
  createdAt: Date;
}

const COLUMNS = `id, pseudonym, report_id AS "reportId", last_name AS "lastName", first_name AS "firstName", birth_date::text AS "birthDate", sex,
  entry_date::text AS "entryDate", employment_status AS "employmentStatus", education_level AS "educationLevel", disability,
  third_country_national AS "thirdCountryNational", foreign_background AS "foreignBackground", minority, homeless, rural,
  exit_date::text AS "exitDate", exit_job_search AS "exitJobSearch", exit_education AS "exitEducation", exit_qualification AS "exitQualification",
  exit_employed AS "exitEmployed", created_at AS "createdAt"`;

/** The identity key stored instead of comparing names in SQL: SHA-256 of the operation and the normalised identity. */
export function identityKey(applicationId: string, identity: string): string {
  return createHash('sha256').update(`${applicationId}|${identity}`).digest('hex');
}

/** A pseudonymous participant id for exports to the managing authority (never derived from the person). */
export function newPseudonym(): string {
  return first(newPseudonyms(1), 'a new pseudonym');
}

/** `n` pseudonyms from one draw of random bytes (one call per import rather than one per participant). */
export function newPseudonyms(n: number): string[] {
  const hex = randomBytes(8 * n)
    .toString('hex')
    .toUpperCase();
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) out[i] = `P-${hex.slice(16 * i, 16 * i + 16)}`;
  return out;
}

/**
 * SQL of participants. Personal data: callers check access first; errors raised here never carry row values (a
 * constraint failure is rethrown without PostgreSQL's "failing row" detail, so names never reach a log).
 */
@Injectable()
export class ParticipantsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private run(em?: Runner): Runner {
    return em ?? this.dataSource;
  }

  list(reportId: string, em?: Runner): Promise<ParticipantRow[]> {
    return this.run(em).query(`SELECT ${COLUMNS} FROM participant WHERE report_id = $1 ORDER BY created_at, last_name, first_name`, [reportId]);
  }

  async existingKeys(applicationId: string, em?: Runner): Promise<Set<string>> {
    const rows: { identity_key: string }[] = await this.run(em).query(`SELECT identity_key FROM participant WHERE application_id = $1`, [applicationId]);
    return new Set(rows.map((r) => r.identity_key));
  }

  /** Indicator facts of the operation's participants who entered within [from, to] (no names). */
  indicatorFacts(applicationId: string, from: string, to: string, em?: Runner): Promise<IndicatorParticipant[]> {
    return this.run(em).query(
      `SELECT identity_key AS key, sex, birth_date::text AS "birthDate", entry_date::text AS "entryDate", employment_status AS "employmentStatus",
              education_level AS "educationLevel", disability, third_country_national AS "thirdCountryNational", foreign_background AS "foreignBackground",
              minority, homeless, rural, exit_date::text AS "exitDate", exit_job_search AS "exitJobSearch", exit_education AS "exitEducation",
              exit_qualification AS "exitQualification", exit_employed AS "exitEmployed"
         FROM participant WHERE application_id = $1 AND entry_date BETWEEN $2 AND $3`,
      [applicationId, from, to],
    );
  }

  /**
   * Inserts participants with one `COPY … FROM STDIN` on the transaction's own connection (all or nothing with the rest
   * of the transaction); returns how many were written. COPY is several times faster than a multi-row INSERT for an
   * import of thousands of rows (bench/participants.ts). `keyOf` gives each row's identity key, computed once.
   */
  async insertMany(
    em: EntityManager,
    applicationId: string,
    reportId: string,
    rows: readonly (ParticipantInput & { identity: string })[],
    userId: string,
    keyOf = (identity: string) => identityKey(applicationId, identity),
  ): Promise<number> {
    if (rows.length === 0) return 0;
    if (!em.queryRunner) throw new Error('participants are inserted inside a transaction');
    const client = (await em.queryRunner.connect()) as PoolClient;
    const head = `${applicationId}\t${reportId}\t${userId}\t`;
    const pseudonyms = newPseudonyms(rows.length);
    // COPY text, one Buffer per block of rows: PostgreSQL starts inserting while the next block is built.
    function* blocks(): Generator<Buffer> {
      for (let from = 0; from < rows.length; from += COPY_BLOCK_ROWS) {
        const lines: string[] = [];
        for (const [k, r] of rows.slice(from, from + COPY_BLOCK_ROWS).entries()) {
          lines.push(
            head +
              pseudonyms[from + k] +
              '\t' +
              keyOf(r.identity) +
              '\t' +
              copyText(r.lastName) +
              '\t' +
              copyText(r.firstName) +
              '\t' +
              r.birthDate +
              '\t' +
              r.sex +
              '\t' +
              r.entryDate +
              '\t' +
              r.employmentStatus +
              '\t' +
              r.educationLevel +
              '\t' +
              copyNull(r.disability) +
              '\t' +
              copyNull(r.thirdCountryNational) +
              '\t' +
              copyNull(r.foreignBackground) +
              '\t' +
              copyNull(r.minority) +
              '\t' +
              copyNull(r.homeless) +
              '\t' +
              copyNull(r.rural) +
              '\t' +
              copyNull(r.exitDate) +
              (r.exitJobSearch ? '\tt' : '\tf') +
              (r.exitEducation ? '\tt' : '\tf') +
              (r.exitQualification ? '\tt' : '\tf') +
              (r.exitEmployed ? '\tt\n' : '\tf\n'),
          );
        }
        yield Buffer.from(lines.join(''), 'utf8');
      }
    }
    try {
      const copy = client.query(
        copyFrom(`COPY participant (application_id, report_id, created_by, pseudonym, identity_key, last_name, first_name, birth_date, sex, entry_date,
                  employment_status, education_level, disability, third_country_national, foreign_background, minority, homeless, rural,
                  exit_date, exit_job_search, exit_education, exit_qualification, exit_employed) FROM STDIN`),
      );
      await pipeline(Readable.from(blocks()), copy);
      return copy.rowCount;
    } catch (e) {
      throw scrubbed(e);
    }
  }

  async find(reportId: string, id: string, em?: Runner): Promise<ParticipantRow | null> {
    const [row] = await this.run(em).query<ParticipantRow[]>(`SELECT ${COLUMNS} FROM participant WHERE id = $1 AND report_id = $2`, [id, reportId]);
    return row ?? null;
  }

  /** Rewrites one participant's Annex I data (same id and pseudonym); false when it is not a participant of the report. */
  async update(em: EntityManager, reportId: string, id: string, p: ParticipantInput, key: string): Promise<boolean> {
    try {
      const [, n] = (await em.query(
        `UPDATE participant SET identity_key = $3, last_name = $4, first_name = $5, birth_date = $6, sex = $7, entry_date = $8, employment_status = $9,
                education_level = $10, disability = $11, third_country_national = $12, foreign_background = $13, minority = $14, homeless = $15, rural = $16,
                exit_date = $17, exit_job_search = $18, exit_education = $19, exit_qualification = $20, exit_employed = $21
          WHERE id = $1 AND report_id = $2`,
        [
          id,
          reportId,
          key,
          p.lastName,
          p.firstName,
          p.birthDate,
          p.sex,
          p.entryDate,
          p.employmentStatus,
          p.educationLevel,
          p.disability,
          p.thirdCountryNational,
          p.foreignBackground,
          p.minority,
          p.homeless,
          p.rural,
          p.exitDate,
          p.exitJobSearch,
          p.exitEducation,
          p.exitQualification,
          p.exitEmployed,
        ],
      )) as [unknown, number];
      return n === 1;
    } catch (e) {
      throw scrubbed(e);
    }
  }

  async remove(em: EntityManager, reportId: string, id: string): Promise<boolean> {
    const [, n] = (await em.query(`DELETE FROM participant WHERE id = $1 AND report_id = $2`, [id, reportId])) as [unknown, number];
    return n === 1;
  }

  /** Pseudonymous records for the managing authority: no names, no birth date (the age band is enough). */
  pseudonymous(applicationId: string): Promise<Record<string, unknown>[]> {
    return this.dataSource.query(
      `SELECT pseudonym, sex, entry_date::text AS "entryDate", birth_date::text AS "birthDate", employment_status AS "employmentStatus",
              education_level AS "educationLevel", disability, third_country_national AS "thirdCountryNational", foreign_background AS "foreignBackground",
              minority, homeless, rural, exit_date::text AS "exitDate", exit_job_search AS "exitJobSearch", exit_education AS "exitEducation",
              exit_qualification AS "exitQualification", exit_employed AS "exitEmployed"
         FROM participant WHERE application_id = $1 ORDER BY pseudonym`,
      [applicationId],
    );
  }
}

/** A text value in COPY's text format: backslash, tab and line breaks escaped (names cannot hold them, but a backslash can). */
function copyText(v: string): string {
  return /[\\\t\n\r]/.test(v) ? v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : v;
}

function copyNull(v: string | null): string {
  return v === null ? '\\N' : v;
}

/** A database error without its detail (which would quote the row, i.e. personal data). */
function scrubbed(e: unknown): Error {
  const pg = e as { code?: string; constraint?: string };
  const err = new Error(`participant insert failed (${pg.code ?? 'unknown'}${pg.constraint ? ` ${pg.constraint}` : ''})`);
  (err as Error & { code?: string; constraint?: string }).code = pg.code;
  (err as Error & { constraint?: string }).constraint = pg.constraint;
  return err;
}
