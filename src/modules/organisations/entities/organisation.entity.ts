import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('organisation')
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('char', { length: 14 }) siret: string;
  @Column('text') legalName: string;
  @Column('text') legalForm: string;
  @Column('boolean') essStatus: boolean;
  @Column('boolean') vatRecovery: boolean;
  @Column('text') advanceCategory: string;
  @Column('text') addressLine: string;
  @Column('text') postalCode: string;
  @Column('text') city: string;
  @Column('text') departement: string;
  @Column('integer') version: number;
  @Column('timestamptz') createdAt: Date;
  @Column('timestamptz') updatedAt: Date;
}
