import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { DomainError } from '../../common/errors/domain-error';
import type { AuthUser } from '../auth/auth-context';
import { OperationAccess } from '../operations/operation-access';
import { OperationReader } from '../operations/operation-reader';
import { INDICATOR_LABELS, type IndicatorCode } from './domain/indicators';
import { checkTargets, targetedCodes, type TargetInput } from './domain/targets';

/** Writes one version of a dossier's indicator targets (1 at submission; later versions from amendments). */
export async function insertTargets(em: EntityManager, applicationId: string, versionNo: number, targets: readonly TargetInput[]): Promise<void> {
  for (const t of targets) {
    await em.query(`INSERT INTO indicator_target (application_id, version_no, code, total, women, men, non_binary) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      applicationId,
      versionNo,
      t.code,
      t.total,
      t.women,
      t.men,
      t.nonBinary,
    ]);
  }
}

/** The dossier's targets for the call's indicators (EECO01 always), declared while drafting and frozen at submission. */
@Injectable()
export class IndicatorTargetsService {
  constructor(
    private readonly access: OperationAccess,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly operations: OperationReader,
  ) {}

  async get(user: AuthUser, applicationId: string) {
    const app = await this.access.forRead(user, applicationId);
    const settings = await this.operations.callSettings(app.callId);
    const rows: (TargetInput & { versionNo: number })[] = await this.dataSource.query(
      `SELECT code, total, women, men, non_binary AS "nonBinary", version_no AS "versionNo" FROM indicator_target
        WHERE application_id = $1 AND version_no = (SELECT max(version_no) FROM indicator_target WHERE application_id = $1) ORDER BY code`,
      [applicationId],
    );
    const codes = targetedCodes(settings.indicatorCodes);
    return { codes: codes.map((code) => ({ code, label: INDICATOR_LABELS[code as IndicatorCode] ?? code })), targets: rows };
  }

  async put(user: AuthUser, actor: Actor, applicationId: string, targets: TargetInput[]): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const app = await this.access.forMember(user, applicationId, em, true);
      if (app.status !== 'DRAFT')
        throw new DomainError('APPLICATION_NOT_EDITABLE', 'Les cibles se déclarent avant le dépôt ; ensuite, elles changent par avenant.');
      const settings = await this.operations.callSettings(app.callId, em);
      const errors = checkTargets(targets, settings.indicatorCodes).map((e) => ({ ...e, path: `targets${e.path}` }));
      if (errors.length) throw new DomainError('VALIDATION_FAILED', `${errors.length} champ(s) invalide(s).`, { errors });
      await em.query(`DELETE FROM indicator_target WHERE application_id = $1`, [applicationId]);
      await insertTargets(em, applicationId, 1, targets);
      await this.audit.record(em, actor, {
        action: 'application.indicator_targets.updated',
        subjectType: 'application',
        subjectId: applicationId,
        after: { targets },
      });
    });
  }
}
