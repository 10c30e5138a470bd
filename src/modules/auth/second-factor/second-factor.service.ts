import { Inject, Injectable } from '@nestjs/common';
import QRCode from 'qrcode';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../config/config';
import { type Role, STAFF_ROLES } from '../roles';
import { looksLikeRecoveryCode, matchTotp, newRecoveryCodes, newTotpSecret, recoveryCodeHash, totpUri } from './domain/totp';
import { SecondFactorRepository } from './second-factor.repository';

export interface Enrolment {
  /** Base32, shown as text beside the QR code for manual entry. */
  secret: string;
  /** The QR code of the otpauth:// URI, an SVG as a data: URL (the CSP allows data: images only). */
  qrDataUrl: string;
}

export type SecondFactorMethod = 'TOTP' | 'RECOVERY_CODE';

/**
 * The second factor (docs/security.md): required for every staff role signing in with a password, optional for
 * applicants who enrol from their profile. A TOTP code is accepted once (replay guard on its time step); a recovery
 * code works once.
 */
@Injectable()
export class SecondFactorService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly repo: SecondFactorRepository,
  ) {}

  static requiredFor(roles: readonly Role[]): boolean {
    return roles.some((r) => STAFF_ROLES.includes(r));
  }

  async isEnrolled(userId: string): Promise<boolean> {
    return Boolean((await this.repo.findTotp(userId))?.enabledAt);
  }

  async recoveryCodesLeft(userId: string): Promise<number> {
    return this.repo.unusedRecoveryCodes(userId);
  }

  /** The pending secret to scan (kept across reloads of the page until confirmed). */
  async pendingEnrolment(userId: string, email: string): Promise<Enrolment | null> {
    let row = await this.repo.findTotp(userId);
    if (row?.enabledAt) return null;
    if (!row) {
      await this.dataSource.transaction((em) => this.repo.savePending(em, userId, newTotpSecret()));
      row = (await this.repo.findTotp(userId))!;
    }
    const uri = totpUri(this.config.operatorName ? `Essaim (${this.config.operatorName})` : 'Essaim', email, row.secret);
    const svg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
    return { secret: row.secret, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
  }

  /** Confirms the pending secret with a first code; returns the recovery codes to show once, or null for a wrong code. */
  async confirmEnrolment(em: EntityManager, userId: string, code: string): Promise<string[] | null> {
    const row = await this.repo.findTotp(userId, em, true);
    if (!row || row.enabledAt) return null;
    const step = matchTotp(row.secret, code, null);
    if (step === null) return null;
    await this.repo.enable(em, userId, step);
    return this.newRecoveryCodes(em, userId);
  }

  /** Checks a code (TOTP or recovery) in the caller's transaction; null when wrong, reused or not enrolled. */
  async check(em: EntityManager, userId: string, code: string): Promise<SecondFactorMethod | null> {
    const row = await this.repo.findTotp(userId, em, true);
    if (!row?.enabledAt) return null;
    if (looksLikeRecoveryCode(code)) return (await this.repo.useRecoveryCode(em, userId, recoveryCodeHash(code))) ? 'RECOVERY_CODE' : null;
    const step = matchTotp(row.secret, code, row.lastUsedStep);
    return step !== null && (await this.repo.useStep(em, userId, step)) ? 'TOTP' : null;
  }

  /** Ten new recovery codes; the previous ones stop working. */
  async newRecoveryCodes(em: EntityManager, userId: string): Promise<string[]> {
    const codes = newRecoveryCodes();
    await this.repo.replaceRecoveryCodes(em, userId, codes.map(recoveryCodeHash));
    return codes;
  }
}
