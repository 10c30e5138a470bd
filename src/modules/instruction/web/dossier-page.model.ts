import { Injectable } from '@nestjs/common';
import { formatRate } from '../../../common/money/cents';
import type { AuthUser } from '../../auth/auth-context';
import { ApplicationViews } from '../../applications/application-view.service';
import type { CostOption, LineCategory, ResourceType } from '../../cofinancing/domain/cofinancing';
import {
  ARTICLE15_KEYS,
  ARTICLE15_QUESTIONS,
  COST_OPTION_LABELS,
  LINE_CATEGORY_LABELS,
  operationTypeLabel,
  RESOURCE_TYPE_LABELS,
} from '../../applications/domain/labels';
import { dossierModel } from '../../web/dossier-model';
import { euros } from '../../web/format';
import { GeneratedDocumentsView } from '../../documents/generated-documents.view';
import { InstructionDossierQuery } from '../instruction-dossier.query';
import { InstructionRepository, type PlanVersionRow } from '../instruction.repository';
import { frenchCalendarDate, frenchDateTime } from '../../../common/fr';

const SOURCE_LABELS: Record<PlanVersionRow['source'], string> = {
  APPLICANT: 'Plan déposé par le porteur',
  INSTRUCTOR: "Plan proposé à l'instruction",
  COMMITTEE: 'Plan retenu par le comité',
  AMENDMENT: 'Plan modifié par avenant',
};
const yesNo = (v: boolean | null): string => (v === null ? 'Non renseigné' : v ? 'Oui' : 'Non');

/** Everything the instructor's dossier page shows: what the applicant sent, plan versions, messages, assignment. */
@Injectable()
export class DossierPageModel {
  constructor(
    private readonly applicationViews: ApplicationViews,
    private readonly dossiers: InstructionDossierQuery,
    private readonly generatedDocuments: GeneratedDocumentsView,
    private readonly repo: InstructionRepository,
  ) {}

  async build(user: AuthUser, id: string) {
    const dossier = await this.dossiers.load(user, id);
    const [view, facts, versions, messages, instructors, generatedDocuments] = await Promise.all([
      this.applicationViews.get(user, id),
      this.repo.facts(id),
      this.repo.planVersions(id),
      this.repo.messages(id),
      this.repo.instructors(),
      this.generatedDocuments.forApplication(user, id),
    ]);
    const d = dossierModel(view, 'overview');
    const retained = versions[versions.length - 1];
    return {
      dossier,
      generatedDocuments,
      documentsStatusUrl: `/documents/dossiers/${id}/etat`,
      activeTab: 'dossier',
      d,
      article15: ARTICLE15_KEYS.map((key) => ({
        key,
        question: ARTICLE15_QUESTIONS[key],
        answer: view.article15[key] ? yesNo(view.article15[key]!.answer) : 'Non renseigné',
        justification: view.article15[key]?.justification ?? null,
      })),
      facts: facts && {
        operationType: facts.operationType ? operationTypeLabel(facts.operationType) : 'Non renseigné',
        existingProject: yesNo(facts.existingProject),
        experimentationStartDate: facts.experimentationStartDate ? frenchCalendarDate(facts.experimentationStartDate) : 'Non renseignée',
        newTerritory: yesNo(facts.newTerritory),
        substantialChange: yesNo(facts.substantialChange),
      },
      instructor: facts?.instructorId ? { id: facts.instructorId, displayName: facts.instructorName } : null,
      labels: facts?.labels ?? [],
      instructorOptions: [{ value: 'aucun', text: 'Aucun (non affecté)' }, ...instructors.map((i) => ({ value: i.id, text: i.displayName }))],
      planVersions: versions.map((v) => ({
        ...v,
        retained: v === retained,
        sourceLabel: SOURCE_LABELS[v.source],
        costOptionLabel: COST_OPTION_LABELS[v.costOption as CostOption] ?? v.costOption,
        createdAtText: frenchDateTime(v.createdAt),
        rateText: formatRate(v.rateBp),
        text: {
          direct: euros(v.totals.directCostsCents),
          flat: euros(v.totals.flatRateCostsCents),
          cte: euros(v.totals.totalEligibleCents),
          maxEu: euros(v.totals.maxEuCents),
          eu: euros(v.totals.euCents),
          other: euros(v.totals.otherResourcesCents),
        },
        linesView: v.lines.map((l) => ({
          ...l,
          categoryLabel: LINE_CATEGORY_LABELS[l.category as LineCategory] ?? l.category,
          amountText: euros(l.amountCents),
        })),
        resourcesView: v.resources.map((r) => ({ ...r, typeLabel: RESOURCE_TYPE_LABELS[r.type as ResourceType] ?? r.type, amountText: euros(r.amountCents) })),
      })),
      messages: messages.map((m) => ({ ...m, createdAtText: frenchDateTime(m.createdAt) })),
    };
  }
}
