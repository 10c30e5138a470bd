import { ApiProperty } from '@nestjs/swagger';
import { DocumentRequestedResponse } from '../../documents/dto/document.response';

export class ExecutionReportCanResponse {
  @ApiProperty() edit!: boolean;
  @ApiProperty() verify!: boolean;
  @ApiProperty() decide!: boolean;
}

export class LineFileResponse {
  @ApiProperty() id!: string;
  @ApiProperty() originalName!: string;
  @ApiProperty() mediaType!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty() sha256!: string;
  @ApiProperty({ type: Date }) uploadedAt!: Date;
  @ApiProperty({ enum: ['CLEAN', 'NOT_SCANNED'] }) scanStatus!: string;
}

export class ExpenditureLineResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['STAFF', 'OTHER_DIRECT', 'EXTERNAL_SERVICES', 'PARTICIPANTS', 'IN_KIND'] }) category!: string;
  @ApiProperty() label!: string;
  @ApiProperty() supplier!: string;
  @ApiProperty() documentRef!: string;
  @ApiProperty() documentDate!: string;
  @ApiProperty() incurredOn!: string;
  @ApiProperty({ nullable: true, type: String }) paidOn!: string | null;
  @ApiProperty() amountHtCents!: number;
  @ApiProperty() amountTtcCents!: number;
  @ApiProperty() vatRecovered!: boolean;
  @ApiProperty() shareBp!: number;
  @ApiProperty({ nullable: true, type: Number }) hoursCenti!: number | null;
  @ApiProperty({ nullable: true, type: Number }) hourlyCostCents!: number | null;
  @ApiProperty() eligibleCents!: number;
  @ApiProperty({ type: [LineFileResponse] }) files!: LineFileResponse[];
}

export class ExecutionReportPlanResponse {
  @ApiProperty() versionNo!: number;
  @ApiProperty() costOption!: string;
  @ApiProperty({ nullable: true, type: Number }) flatRateBp!: number | null;
  @ApiProperty() totalEligibleCents!: number;
  @ApiProperty() euCents!: number;
}

export class CategoryTotalResponse {
  @ApiProperty({ enum: ['STAFF', 'OTHER_DIRECT', 'EXTERNAL_SERVICES', 'PARTICIPANTS', 'IN_KIND', 'FLAT_RATE'] }) category!: string;
  @ApiProperty() plannedCents!: number;
  @ApiProperty() declaredCents!: number;
  @ApiProperty({ nullable: true, type: Number }) varianceBp!: number | null;
  @ApiProperty() flagged!: boolean;
}

export class StatementResponse {
  @ApiProperty({ type: [CategoryTotalResponse] }) categories!: CategoryTotalResponse[];
  @ApiProperty() directCents!: number;
  @ApiProperty() flatRateCents!: number;
  @ApiProperty() totalCents!: number;
  @ApiProperty() plannedTotalCents!: number;
}

export class IndicatorValueResponse {
  @ApiProperty() total!: number;
  @ApiProperty() women!: number;
  @ApiProperty() men!: number;
  @ApiProperty() nonBinary!: number;
}

export class ExecutionReportIndicatorTargetResponse {
  @ApiProperty() code!: string;
  @ApiProperty() total!: number;
  @ApiProperty({ nullable: true, type: Number }) women!: number | null;
  @ApiProperty({ nullable: true, type: Number }) men!: number | null;
  @ApiProperty({ nullable: true, type: Number }) nonBinary!: number | null;
  @ApiProperty() versionNo!: number;
}

export class ExecutionReportIndicatorResponse {
  @ApiProperty({
    enum: [
      'EECO01',
      'EECO02',
      'EECO03',
      'EECO04',
      'EECO05',
      'EECO06',
      'EECO07',
      'EECO08',
      'EECO09',
      'EECO10',
      'EECO11',
      'EECO12',
      'EECO13',
      'EECO14',
      'EECO15',
      'EECO16',
      'EECO17',
      'EECR01',
      'EECR02',
      'EECR03',
      'EECR04',
    ],
  })
  code!: string;
  @ApiProperty({
    enum: [
      'Nombre total de participants',
      'Chômeurs, y compris de longue durée',
      'Chômeurs de longue durée',
      'Personnes inactives',
      'Personnes exerçant un emploi, y compris les indépendants',
      'Enfants de moins de 18 ans',
      'Jeunes de 18 à 29 ans',
      'Participants de 55 ans et plus',
      'Titulaires d’un diplôme de l’enseignement secondaire inférieur ou moins (CITE 0-2)',
      'Titulaires d’un diplôme du deuxième cycle du secondaire (CITE 3) ou post-secondaire (CITE 4)',
      'Titulaires d’un diplôme de l’enseignement supérieur (CITE 5 à 8)',
      'Participants handicapés',
      'Ressortissants de pays tiers',
      'Participants d’origine étrangère',
      'Minorités (y compris les communautés marginalisées telles que les Roms)',
      'Sans domicile fixe ou personnes confrontées à l’exclusion du logement',
      'Participants des zones rurales',
      'Participants à la recherche d’un emploi au terme de leur participation',
      'Participants suivant un enseignement ou une formation au terme de leur participation',
      'Participants obtenant une qualification au terme de leur participation',
      'Participants exerçant un emploi, y compris indépendant, au terme de leur participation',
    ],
  })
  label!: string;
  @ApiProperty({ type: IndicatorValueResponse }) value!: IndicatorValueResponse;
  @ApiProperty({ nullable: true, type: ExecutionReportIndicatorTargetResponse }) target!: ExecutionReportIndicatorTargetResponse | null;
}

export class ExecutionReportPostponementResponse {
  @ApiProperty() status!: string;
  @ApiProperty({ nullable: true, type: String }) dueDate!: string | null;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
}

export class ExecutionReportResourceResponse {
  @ApiProperty() type!: string;
  @ApiProperty({ nullable: true, type: String }) funderName!: string | null;
  @ApiProperty() amountCents!: number;
  @ApiProperty({ nullable: true, type: String }) receivedOn!: string | null;
}

export class ExecutionReportResponse {
  @ApiProperty({ nullable: true, type: DocumentRequestedResponse }) document!: DocumentRequestedResponse | null;
  @ApiProperty({ nullable: true, type: DocumentRequestedResponse }) verification!: DocumentRequestedResponse | null;
  @ApiProperty({ type: ExecutionReportCanResponse }) can!: ExecutionReportCanResponse;
  @ApiProperty({ type: [ExpenditureLineResponse] }) lines!: ExpenditureLineResponse[];
  @ApiProperty({ type: ExecutionReportPlanResponse }) plan!: ExecutionReportPlanResponse;
  @ApiProperty({ type: StatementResponse }) statement!: StatementResponse;
  @ApiProperty() toleranceBp!: number;
  @ApiProperty({ type: [ExecutionReportIndicatorResponse] }) indicators!: ExecutionReportIndicatorResponse[];
  @ApiProperty() participantCount!: number;
  @ApiProperty() id!: string;
  @ApiProperty() applicationId!: string;
  @ApiProperty({ nullable: true, type: String }) number!: string | null;
  @ApiProperty({ nullable: true, type: String }) title!: string | null;
  @ApiProperty() seq!: number;
  @ApiProperty({ enum: ['INTERMEDIATE', 'FINAL'] }) kind!: string;
  @ApiProperty() periodStart!: string;
  @ApiProperty() periodEnd!: string;
  @ApiProperty() dueDate!: string;
  @ApiProperty({ nullable: true, type: ExecutionReportPostponementResponse }) postponement!: ExecutionReportPostponementResponse | null;
  @ApiProperty({ enum: ['DRAFT', 'SUBMITTED', 'CANCELLED'] }) status!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ nullable: true, type: Date }) submittedAt!: Date | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) achievements!: Record<string, string>;
  @ApiProperty({ type: [ExecutionReportResourceResponse] }) resources!: ExecutionReportResourceResponse[];
}

export class ExpenditureLineCreatedResponse {
  @ApiProperty() id!: string;
  @ApiProperty() eligibleCents!: number;
}

export class ExpenditureFileResponse {
  @ApiProperty() id!: string;
  @ApiProperty() sha256!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty() mediaType!: string;
}

/** POST /execution-reports/{id}/submit (replayed as is for the same Idempotency-Key). */
export class ExecutionReportSubmittedResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['SUBMITTED'] }) status!: string;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
  @ApiProperty() version!: number;
  @ApiProperty() totalCents!: number;
  @ApiProperty() participants!: number;
  @ApiProperty({ format: 'uuid', description: 'The execution report PDF, produced by the worker' }) documentId!: string;
}
