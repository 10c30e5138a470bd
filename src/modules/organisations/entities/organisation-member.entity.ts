import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('organisation_member')
export class OrganisationMemberEntity {
  @PrimaryColumn('uuid') organisationId: string;
  @PrimaryColumn('uuid') userId: string;
  @Column('text') memberRole: 'OWNER' | 'MEMBER';
  @Column('timestamptz') createdAt: Date;
}
