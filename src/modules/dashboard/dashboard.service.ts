import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';
import { DashboardRepository, type DashboardScope } from './dashboard.repository';
import { buildDashboard, type Dashboard } from './domain/dashboard';
import { parseScope, type ScopeInput } from './domain/dashboard-scope';

/** The managing authority's dashboard: programme indicators and one table per chart, for a period and a call. */
@Injectable()
export class DashboardService {
  constructor(private readonly repository: DashboardRepository) {}

  scope(input: ScopeInput): DashboardScope {
    const { scope, errors } = parseScope(input);
    if (errors.length) throw new DomainError('VALIDATION_FAILED', 'Filtres du tableau de bord invalides.', { errors });
    return scope;
  }

  async dashboard(scope: DashboardScope): Promise<Dashboard> {
    return buildDashboard(await this.repository.load(scope));
  }

  calls() {
    return this.repository.calls();
  }
}
