import { ApiProperty } from '@nestjs/swagger';
import { ExecutionReportIndicatorTargetResponse } from '../../execution-reports/dto/report.response';

export class IndicatorTargetsCodeResponse {
  @ApiProperty() code!: string;
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
}

export class IndicatorTargetsResponse {
  @ApiProperty({ type: [IndicatorTargetsCodeResponse] }) codes!: IndicatorTargetsCodeResponse[];
  @ApiProperty({ type: [ExecutionReportIndicatorTargetResponse] }) targets!: ExecutionReportIndicatorTargetResponse[];
}

export class ParticipantResponse {
  @ApiProperty() id!: string;
  @ApiProperty() pseudonym!: string;
  @ApiProperty() reportId!: string;
  @ApiProperty({ type: Date }) createdAt!: Date;
  @ApiProperty() lastName!: string;
  @ApiProperty() firstName!: string;
  @ApiProperty() birthDate!: string;
  @ApiProperty({ enum: ['F', 'M', 'X'] }) sex!: string;
  @ApiProperty() entryDate!: string;
  @ApiProperty({ enum: ['UNEMPLOYED', 'LONG_TERM_UNEMPLOYED', 'INACTIVE', 'EMPLOYED'] }) employmentStatus!: string;
  @ApiProperty({ enum: ['ISCED_0_2', 'ISCED_3_4', 'ISCED_5_8'] }) educationLevel!: string;
  @ApiProperty({ nullable: true, enum: ['REFUSED', 'YES', 'NO'] }) disability!: string | null;
  @ApiProperty({ nullable: true, enum: ['REFUSED', 'YES', 'NO'] }) thirdCountryNational!: string | null;
  @ApiProperty({ nullable: true, enum: ['REFUSED', 'YES', 'NO'] }) foreignBackground!: string | null;
  @ApiProperty({ nullable: true, enum: ['REFUSED', 'YES', 'NO'] }) minority!: string | null;
  @ApiProperty({ nullable: true, enum: ['REFUSED', 'YES', 'NO'] }) homeless!: string | null;
  @ApiProperty({ nullable: true, enum: ['REFUSED', 'YES', 'NO'] }) rural!: string | null;
  @ApiProperty({ nullable: true, type: String }) exitDate!: string | null;
  @ApiProperty() exitJobSearch!: boolean;
  @ApiProperty() exitEducation!: boolean;
  @ApiProperty() exitQualification!: boolean;
  @ApiProperty() exitEmployed!: boolean;
}

export class ParticipantListResponse {
  @ApiProperty() reportId!: string;
  @ApiProperty({ type: [ParticipantResponse] }) items!: ParticipantResponse[];
}

export class ParticipantCreatedResponse {
  @ApiProperty() id!: string;
  @ApiProperty() pseudonym!: string;
}

export class ParticipantImportResponse {
  @ApiProperty() imported!: number;
}
