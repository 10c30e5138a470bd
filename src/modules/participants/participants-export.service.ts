import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-context';
import { OperationAccess } from '../operations/operation-access';
import { ageBand } from './domain/participant';
import { ParticipantsRepository } from './participants.repository';

const COLUMNS = [
  'pseudonym',
  'sex',
  'ageBand',
  'entryDate',
  'employmentStatus',
  'educationLevel',
  'disability',
  'thirdCountryNational',
  'foreignBackground',
  'minority',
  'homeless',
  'rural',
  'exitDate',
  'exitJobSearch',
  'exitEducation',
  'exitQualification',
  'exitEmployed',
];

/**
 * The participants of an operation for the managing authority: a pseudonymous id, never a name nor a birth date
 * (the Annex I age band is computed here), CSV separated by `;`.
 */
@Injectable()
export class ParticipantsExport {
  constructor(
    private readonly access: OperationAccess,
    private readonly participants: ParticipantsRepository,
  ) {}

  async csv(user: AuthUser, applicationId: string): Promise<string> {
    await this.access.forRead(user, applicationId);
    const rows = await this.participants.pseudonymous(applicationId);
    const lines = rows.map((r) => {
      const withBand: Record<string, unknown> = { ...r, ageBand: ageBand(String(r.birthDate), String(r.entryDate)) };
      return COLUMNS.map((c) => csvCell(withBand[c])).join(';');
    });
    return `\ufeff${[COLUMNS.join(';'), ...lines].join('\r\n')}\r\n`;
  }
}

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
