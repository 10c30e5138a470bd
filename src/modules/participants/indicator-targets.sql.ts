import type { EntityManager } from 'typeorm';

export interface TargetRow {
  code: string;
  total: number;
  women: number | null;
  men: number | null;
  nonBinary: number | null;
}

/** The dossier's indicator targets in force ($1 = application id; highest version), by code. */
export const TARGETS_IN_FORCE_SQL = `SELECT code, total, women, men, non_binary AS "nonBinary" FROM indicator_target
  WHERE application_id = $1 AND version_no = (SELECT max(version_no) FROM indicator_target WHERE application_id = $1) ORDER BY code`;

/** The dossier's indicator targets in force (highest version), for the submission snapshot. */
export function targetsInForce(em: EntityManager, applicationId: string): Promise<TargetRow[]> {
  return em.query(TARGETS_IN_FORCE_SQL, [applicationId]);
}
