import { Injectable } from '@nestjs/common';
import { CallsService } from '../calls/calls.service';
import { type CallFinancingRules, computeFinancingPlan, REGULATION_MAX_FLAT_RATE_BP } from './domain/cofinancing';
import type { FinancingSimulationResponse } from './dto/financing-simulation.response';
import type { SimulateFinancingDto } from './dto/simulate-financing.dto';

/** Financing plan simulation: the pure computation of docs/domain/cofinancing.md, with a published call's rules when one is named. */
@Injectable()
export class CofinancingService {
  constructor(private readonly calls: CallsService) {}

  async simulate(dto: SimulateFinancingDto): Promise<FinancingSimulationResponse> {
    let call: CallFinancingRules | undefined;
    let rateBp = dto.rateBp;
    if (dto.callId) {
      const found = await this.calls.financingRules(dto.callId);
      call = found.rules;
      // The call's rate is a ceiling: a lower rate may be simulated, never a higher one.
      rateBp = Math.min(rateBp ?? found.maxRateBp, found.maxRateBp);
    }
    const flatRateBp = dto.flatRateBp ?? defaultFlatRate(dto.costOption, call);
    const plan = computeFinancingPlan({
      costOption: dto.costOption,
      flatRateBp,
      rateBp: rateBp!, // required by the DTO when no call is named
      stateAid: dto.stateAid ?? false,
      lines: dto.lines.map((l) => ({ category: l.category, amountCents: l.amountCents })),
      resources: dto.resources.map((r) => ({ type: r.type, amountCents: r.amountCents })),
      call,
    });
    return { ...plan, rateBp: rateBp!, flatRateBp };
  }
}

/** The same default as computeFinancingPlan: the call's rate for the option, capped by the regulation maximum. */
function defaultFlatRate(option: SimulateFinancingDto['costOption'], call: CallFinancingRules | undefined): number {
  const max = REGULATION_MAX_FLAT_RATE_BP[option];
  const callRate = call?.allowedOptions.find((o) => o.option === option)?.rateBp;
  return Math.min(callRate ?? max, max);
}
