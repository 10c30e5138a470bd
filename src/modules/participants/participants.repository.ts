import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { IndicatorParticipant } from './domain/indicators';
import type { ParticipantInput } from './domain/participant';

type Runner = DataSource | EntityManager;

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
  return `P-${randomBytes(8).toString('hex').toUpperCase()}`;
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

  /** Inserts many participants in one statement (arrays unnested server-side); returns how many were written. */
  async insertMany(em: EntityManager, applicationId: string, reportId: string, rows: readonly (ParticipantInput & { identity: string })[], userId: string): Promise<number> {
    if (rows.length === 0) return 0;
    const col = <K extends keyof ParticipantInput>(k: K) => rows.map((r) => r[k]);
    try {
      // TypeORM answers an INSERT with its rows only: count them in SQL rather than returning every row.
      const [{ n }] = (await em.query(
        `WITH inserted AS (INSERT INTO participant (application_id, report_id, created_by, pseudonym, identity_key, last_name, first_name, birth_date, sex, entry_date,
                                  employment_status, education_level, disability, third_country_national, foreign_background, minority, homeless, rural,
                                  exit_date, exit_job_search, exit_education, exit_qualification, exit_employed)
         SELECT $1::uuid, $2::uuid, $3::uuid, * FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::date[], $9::text[], $10::date[], $11::text[], $12::text[],
                                       $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::date[], $20::boolean[],
                                       $21::boolean[], $22::boolean[], $23::boolean[])
           RETURNING 1)
         SELECT count(*)::int AS n FROM inserted`,
        [
          applicationId,
          reportId,
          userId,
          rows.map(() => newPseudonym()),
          rows.map((r) => identityKey(applicationId, r.identity)),
          col('lastName'),
          col('firstName'),
          col('birthDate'),
          col('sex'),
          col('entryDate'),
          col('employmentStatus'),
          col('educationLevel'),
          col('disability'),
          col('thirdCountryNational'),
          col('foreignBackground'),
          col('minority'),
          col('homeless'),
          col('rural'),
          col('exitDate'),
          col('exitJobSearch'),
          col('exitEducation'),
          col('exitQualification'),
          col('exitEmployed'),
        ],
      )) as { n: number }[];
      return n;
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

/** A database error without its detail (which would quote the row, i.e. personal data). */
function scrubbed(e: unknown): Error {
  const pg = e as { code?: string; constraint?: string };
  const err = new Error(`participant insert failed (${pg.code ?? 'unknown'}${pg.constraint ? ` ${pg.constraint}` : ''})`);
  (err as Error & { code?: string; constraint?: string }).code = pg.code;
  (err as Error & { constraint?: string }).constraint = pg.constraint;
  return err;
}
