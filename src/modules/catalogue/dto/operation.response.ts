import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PUBLISHED_STATUSES, type PublishedStatus } from '../domain/catalogue-query';
import type { PublishedOperation } from '../domain/published-operation';

/** OpenAPI shape of a published operation (CPR art. 49(3)); amounts in euro cents, rates in basis points. */
export class PublishedOperationResponse implements PublishedOperation {
  @ApiProperty({ example: 'AAP-2026-000001', description: "Code unique de l'opération (art. 49, § 3, RPDC)" }) code: string;
  @ApiProperty({ description: "Nom de l'opération" }) name: string;
  @ApiProperty({ description: 'Bénéficiaire (personne morale)' }) beneficiary: string;
  @ApiProperty({ description: "Objet de l'opération" }) purpose: string;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Réalisations attendues : nombre de participants prévus' }) plannedParticipants:
    number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Réalisations effectives : participants enregistrés à ce jour' }) actualParticipants:
    number | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '69008',
    description: "Code postal de l'établissement du bénéficiaire (indicateur de localisation)",
  })
  postalCode: string | null;
  @ApiProperty({ example: 'FR', description: 'Pays (ISO 3166-1 alpha-2)' }) country: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-06-30', description: 'Date de dernière mise à jour' }) lastUpdate: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-03-01' }) startDate: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '2027-02-28' }) endDate: string | null;
  @ApiProperty({ description: 'Coût total éligible retenu, en centimes' }) totalCostCents: number;
  @ApiProperty({ description: 'Montant FSE+ programmé, en centimes' }) euAmountCents: number;
  @ApiProperty({ example: 9500, description: "Taux de cofinancement de l'Union en points de base (arrondi à l'inférieur)" }) euRateBp: number;
  @ApiProperty({ example: 'FSE+' }) fund: string;
  @ApiProperty({ example: 'ESO4.8' }) specificObjective: string;
  @ApiProperty() specificObjectiveLabel: string;
  @ApiProperty({ example: '138', description: "Domaine d'intervention (annexe I du RPDC)" }) interventionField: string;
  @ApiProperty() interventionFieldLabel: string;
  @ApiProperty({ example: 6 }) priority: number;
  @ApiProperty({ format: 'uuid' }) callId: string;
  @ApiProperty() callReference: string;
  @ApiProperty() callTitle: string;
  @ApiProperty({ type: [String], description: 'Publics cibles (libellés)' }) targetPublics: string[];
  @ApiPropertyOptional({ type: String, nullable: true, description: "Type d'opération (libellé)" }) operationType: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '69' }) departement: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Rhône' }) departementName: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '84', description: 'Code INSEE de la région' }) region: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) regionName: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Lieu de réalisation déclaré' }) place: string | null;
  @ApiProperty({ enum: PUBLISHED_STATUSES }) status: PublishedStatus;
  @ApiProperty() statusLabel: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Date de la décision de programmation' }) programmedOn: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Contact public choisi par le bénéficiaire' }) publicContact: string | null;
  @ApiProperty({ description: 'Le bénéficiaire cherche des partenaires pour essaimer le projet' }) seeksPartners: boolean;
}

export class OperationPageResponse {
  @ApiProperty({ type: [PublishedOperationResponse] }) items: PublishedOperationResponse[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Curseur de la page suivante (paramètre cursor)' }) nextCursor: string | null;
}

export class PublicationChoicesResponse {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiPropertyOptional({ type: String, nullable: true }) publicContact: string | null;
  @ApiProperty() seeksPartners: boolean;
  @ApiProperty({ description: 'Le dossier est programmé : ces choix sont visibles dans le catalogue public' }) published: boolean;
  @ApiProperty() version: number;
}
