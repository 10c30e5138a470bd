/** A checked or unchecked line of one category, with what the instructor retained (undefined when not checked). */
export interface VerifiedLine {
  readonly id: string;
  readonly amountCents: number;
  /** 'EXHAUSTIVE' (≥ threshold), 'SAMPLED', or 'UNSAMPLED' (not checked; the sample's error rate applies). */
  readonly selection: 'EXHAUSTIVE' | 'SAMPLED' | 'UNSAMPLED';
  /** Amount retained after the check; ignored for UNSAMPLED lines. */
  readonly retainedCents?: number;
}

export interface CategoryOutcome {
  readonly declaredCents: number;
  readonly rejectedInCheckedCents: number;
  readonly rejectedInSampleCents: number;
  readonly sampledCents: number;
  readonly unsampledCents: number;
  readonly extrapolatedCents: number;
  readonly retainedCents: number;
}

/**
 * Retained expenditure of one cost category (docs/domain/verification.md):
 * extrapolated = floor(rejectedInSample × unsampled / sampled), 0 when nothing was sampled — floored so that the
 * beneficiary is never charged a fraction of a cent that the sample did not show;
 * retained = declared − rejected in the checked lines − extrapolated.
 */
export function categoryOutcome(lines: readonly VerifiedLine[]): CategoryOutcome {
  let declared = 0n;
  let rejectedChecked = 0n;
  let rejectedSample = 0n;
  let sampled = 0n;
  let unsampled = 0n;
  for (const line of lines) {
    const amount = BigInt(line.amountCents);
    declared += amount;
    if (line.selection === 'UNSAMPLED') {
      unsampled += amount;
      continue;
    }
    const retained = BigInt(Math.min(line.amountCents, Math.max(0, line.retainedCents ?? line.amountCents)));
    const rejected = amount - retained;
    rejectedChecked += rejected;
    if (line.selection === 'SAMPLED') {
      sampled += amount;
      rejectedSample += rejected;
    }
  }
  const extrapolated = sampled === 0n ? 0n : (rejectedSample * unsampled) / sampled;
  return {
    declaredCents: Number(declared),
    rejectedInCheckedCents: Number(rejectedChecked),
    rejectedInSampleCents: Number(rejectedSample),
    sampledCents: Number(sampled),
    unsampledCents: Number(unsampled),
    extrapolatedCents: Number(extrapolated),
    retainedCents: Number(declared - rejectedChecked - extrapolated),
  };
}
