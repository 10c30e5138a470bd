import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { DomainError } from '../../common/errors/domain-error';
import { staleVersion } from '../../common/http/etag';
import type { EvaluationGridDto } from '../calls/dto/create-call.dto';
import { assertValidCallGrid, callGridOf, CSESS_TEMPLATE, GRID_DEFAULTS, type CallGrid } from './domain/call-grid';
import { callNotFound } from './evaluation-access';
import { PanelRepository } from './panel.repository';

export interface GridView {
  callId: string;
  reference: string;
  title: string;
  callStatus: string;
  /** The grid can change only while the call is a draft; publication freezes it in `call_version`. */
  editable: boolean;
  version: number;
  grid: CallGrid | null;
  template: CallGrid;
}

/** The evaluation grid of a call and its panel options (docs/domain/evaluation.md). */
@Injectable()
export class GridService {
  constructor(
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly panel: PanelRepository,
  ) {}

  async get(callId: string): Promise<GridView> {
    const call = await this.panel.findCall(callId);
    if (!call) throw callNotFound();
    return {
      callId: call.id,
      reference: call.reference,
      title: call.title,
      callStatus: call.status,
      editable: call.status === 'DRAFT',
      version: call.version,
      grid: callGridOf(call.grid),
      template: CSESS_TEMPLATE,
    };
  }

  async put(callId: string, dto: EvaluationGridDto, expectedVersion: number, actor: Actor): Promise<GridView> {
    const grid = toGrid(dto);
    assertValidCallGrid(grid);
    await this.dataSource.transaction(async (em) => {
      const call = await this.panel.findCall(callId, em, true);
      if (!call) throw callNotFound();
      if (call.version !== expectedVersion) throw staleVersion("L'appel");
      if (call.status !== 'DRAFT') throw new DomainError('EVALUATION_GRID_FROZEN', "La grille d'évaluation est figée depuis la publication de l'appel.");
      const version = await this.panel.updateGrid(em, callId, expectedVersion, grid);
      if (version === null) throw staleVersion("L'appel");
      await this.audit.record(em, actor, { action: 'call.evaluation_grid_updated', subjectType: 'call', subjectId: callId, before: call.grid, after: grid });
    });
    return this.get(callId);
  }
}

/** Only the known fields, in a stable order, with the option defaults filled in. */
function toGrid(dto: EvaluationGridDto): CallGrid {
  return {
    criteria: dto.criteria.map((c) => ({
      code: c.code,
      label: c.label.trim(),
      ...(c.guidance?.trim() ? { guidance: c.guidance.trim() } : {}),
      weight: c.weight,
      scaleMin: c.scaleMin,
      scaleMax: c.scaleMax,
      ...(c.threshold !== undefined ? { threshold: c.threshold } : {}),
      ...(c.eliminatory ? { eliminatory: true } : {}),
    })),
    ...(dto.overallThreshold !== undefined ? { overallThreshold: dto.overallThreshold } : {}),
    tieBreak: dto.tieBreak ?? [],
    divergenceGap: dto.divergenceGap ?? GRID_DEFAULTS.divergenceGap,
    evaluatorsPerDossier: dto.evaluatorsPerDossier ?? GRID_DEFAULTS.evaluatorsPerDossier,
    fillRemainder: dto.fillRemainder ?? GRID_DEFAULTS.fillRemainder,
  };
}
