import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../roles';

@Entity('app_user')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') email: string;
  @Column('text') displayName: string;
  @Column('text', { select: false }) passwordHash: string;
  @Column('text', { array: true }) roles: Role[];
  @Column('boolean') isActive: boolean;
  @Column('timestamptz') createdAt: Date;
  @Column('timestamptz') updatedAt: Date;
}
