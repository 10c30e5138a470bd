import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { parisToday } from '../operations/domain/dates';
import { addDays } from '../documents/domain/convention-terms';
import { OPEN_CLAIMS_SQL } from './open-claims.sql';
import { type ClockState, clockState, elapsedClockDays, PAYMENT_DEADLINE_DAYS } from './domain/payment-clock';

export interface ClockLine {
  reportId: string;
  applicationId: string;
  number: string | null;
  organisationName: string;
  reportKind: 'INTERMEDIATE' | 'FINAL';
  submittedOn: string;
  verificationStatus: string | null;
  /** Days counted on the clock (pauses excluded). */
  elapsedDays: number;
  daysLeft: number;
  /** The date the deadline falls on if the clock is not stopped again. */
  deadline: string;
  state: ClockState;
}

/**
 * The 80-day clock of every payment claim still open (CPR art. 74(1)(b)): a submitted report whose verification has
 * not yet led to a validated payment or a recovery order, on an operation not closed. The clock runs from the
 * submission and stops while the contradictory step waits on the beneficiary (sent → answered, or today).
 */
@Injectable()
export class PaymentClockService {
  constructor(private readonly dataSource: DataSource) {}

  async open(today = parisToday()): Promise<ClockLine[]> {
    const rows: {
      reportId: string;
      applicationId: string;
      number: string | null;
      organisationName: string;
      reportKind: 'INTERMEDIATE' | 'FINAL';
      submittedOn: string;
      verificationStatus: string | null;
      pauseFrom: string | null;
      pauseTo: string | null;
    }[] = await this.dataSource.query(OPEN_CLAIMS_SQL);
    return rows
      .map((r) => {
        const pauses = r.pauseFrom ? [{ from: r.pauseFrom, to: r.pauseTo ?? undefined }] : [];
        const elapsedDays = elapsedClockDays(r.submittedOn, pauses, today);
        const daysLeft = PAYMENT_DEADLINE_DAYS - elapsedDays;
        return {
          reportId: r.reportId,
          applicationId: r.applicationId,
          number: r.number,
          organisationName: r.organisationName,
          reportKind: r.reportKind,
          submittedOn: r.submittedOn,
          verificationStatus: r.verificationStatus,
          elapsedDays,
          daysLeft,
          deadline: addDays(today, daysLeft),
          state: clockState(elapsedDays),
        };
      })
      .sort((a, b) => a.daysLeft - b.daysLeft);
  }

  /** Late and soon-late claims (15 days or fewer left), most urgent first. */
  async urgent(today = parisToday()): Promise<ClockLine[]> {
    return (await this.open(today)).filter((l) => l.state !== 'ON_TIME');
  }
}
