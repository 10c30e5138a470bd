import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';
import { formatRate } from '../../common/money/cents';
import { PROGRAMME_MAX_RATE_BP, type RateBasis } from './domain/rate-caps';
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
    let rateBasis: RateBasis = dto.rateBasis ?? 'TOTAL_ELIGIBLE_COST';
    if (dto.callId) {
      const found = await this.calls.financingRules(dto.callId);
      call = found.rules;
      rateBasis = found.rateBasis;
      // The call's rate is a ceiling: a lower rate may be simulated, never a higher one.
      rateBp = Math.min(rateBp ?? found.maxRateBp, found.maxRateBp);
    } else if (rateBp! > PROGRAMME_MAX_RATE_BP) {
      // Without a call, the highest rate the programme allows anywhere (Priority 6, ESF+ art. 14(4)) is the ceiling.
      throw new DomainError('VALIDATION_FAILED', `rateBp above the programme maximum ${PROGRAMME_MAX_RATE_BP}`, {
        errors: [
          {
            path: 'rateBp',
            code: 'RATE_ABOVE_PROGRAMME_MAXIMUM',
            message: `Le taux de cofinancement ne peut pas dépasser ${formatRate(PROGRAMME_MAX_RATE_BP)}, le taux maximal du programme national FSE+ (priorité 6, article 14, paragraphe 4, du règlement (UE) 2021/1057).`,
          },
        ],
      });
    }
    const flatRateBp = dto.flatRateBp ?? defaultFlatRate(dto.costOption, call);
    const plan = computeFinancingPlan({
      costOption: dto.costOption,
      flatRateBp,
      rateBp: rateBp!, // required by the DTO when no call is named
      rateBasis,
      stateAid: dto.stateAid ?? false,
      lines: dto.lines.map((l) => ({
        category: l.category,
        amountCents: l.amountCents,
        simplifiedCostCode: l.simplifiedCostCode ?? null,
        quantity: l.quantity ?? null,
      })),
      resources: dto.resources.map((r) => ({ type: r.type, amountCents: r.amountCents })),
      call,
    });
    return { ...plan, rateBp: rateBp!, rateBasis, flatRateBp };
  }
}

/** The same default as computeFinancingPlan: the call's rate for the option, capped by the regulation maximum. */
function defaultFlatRate(option: SimulateFinancingDto['costOption'], call: CallFinancingRules | undefined): number {
  const max = REGULATION_MAX_FLAT_RATE_BP[option];
  const callRate = call?.allowedOptions.find((o) => o.option === option)?.rateBp;
  return Math.min(callRate ?? max, max);
}
