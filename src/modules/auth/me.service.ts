import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from './auth-context';
import type { MeOrganisation, MeResponse } from './dto/me.response';

@Injectable()
export class MeService {
  constructor(private readonly dataSource: DataSource) {}

  async describe(user: AuthUser): Promise<MeResponse> {
    const organisations: MeOrganisation[] = await this.dataSource.query(
      `SELECT o.id, o.legal_name AS "legalName", o.siret, m.member_role AS "memberRole"
         FROM organisation_member m JOIN organisation o ON o.id = m.organisation_id
        WHERE m.user_id = $1 ORDER BY o.legal_name`,
      [user.id],
    );
    return { id: user.id, email: user.email, displayName: user.displayName, roles: user.roles, organisations };
  }
}
