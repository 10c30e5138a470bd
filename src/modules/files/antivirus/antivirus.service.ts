import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/config';
import { ClamdClient } from './clamd-client';

/** What is known of a stored file: scanned and clean, or kept without a scan because no scanner is configured. */
export type ScanStatus = 'CLEAN' | 'NOT_SCANNED';

export type ScanResult = { status: ScanStatus } | { status: 'INFECTED'; signature: string };

/**
 * Scans uploads before they are stored (docs/architecture.md, "Antivirus"). With clamd configured, a file is stored
 * only once clamd called it clean; an infected one is refused and removed; clamd away means the upload is refused
 * with a 503 (never stored unscanned behind the operator's back). Without clamd (the embedded default) files are
 * stored "not scanned" and staff see that mark.
 */
@Injectable()
export class Antivirus implements OnModuleInit {
  private readonly logger = new Logger(Antivirus.name);
  private readonly client: ClamdClient | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.client = config.antivirus.clamd ? new ClamdClient(config.antivirus.clamd, config.antivirus.timeoutMs) : null;
  }

  get enabled(): boolean {
    return this.client !== null;
  }

  onModuleInit(): void {
    if (!this.client) this.logger.warn('no ClamAV daemon configured (CLAMD_SOCKET / CLAMD_HOST): uploads are stored "not scanned"');
  }

  async scanFile(path: string): Promise<ScanResult> {
    if (!this.client) return { status: 'NOT_SCANNED' };
    const verdict = await this.client.scanFile(path);
    return verdict.infected ? { status: 'INFECTED', signature: verdict.signature } : { status: 'CLEAN' };
  }
}
