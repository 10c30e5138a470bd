import type { FieldError } from '../../../common/errors/domain-error';
import { operationTypeLabel, targetPublicLabel } from '../../applications/domain/labels';
import type { EligibilityFacts, RuleId } from '../domain/eligibility-facts';
import type { EligibilityView } from '../eligibility.view';
import { frenchCalendarDate, frenchDateTime } from '../../../common/fr';

const RULE_LABELS: Readonly<Record<RuleId, string>> = {
  ART15_I: 'Article 15, I — besoin social mal satisfait ou forme innovante',
  ART15_II: 'Article 15, II — difficulté de financement aux conditions du marché',
  P6_TARGET_PUBLIC: 'Priorité 6 — publics cibles',
  P6_OPERATION_TYPE: "Priorité 6 — type d'opération",
  P6_EXISTING_PROJECT: 'Priorité 6 — projet existant',
};

/** The page model of the eligibility report: rule rows with badges, the override forms, the CSESS form and subtotals. */
export function eligibilityPageModel(view: EligibilityView | null, posted: Record<string, string> = {}) {
  if (!view) return null;
  const scores = new Map(view.csess.scores.map((s) => [s.code, s]));
  return {
    version: view.version,
    editable: view.status === 'UNDER_INSTRUCTION',
    evaluatedAtText: frenchDateTime(new Date(view.evaluatedAt)),
    confirmedAtText: view.confirmedAt ? frenchDateTime(new Date(view.confirmedAt)) : null,
    verdict: view.verdict,
    eligible: view.eligible,
    verdictReasons: view.verdictReasons.map((r) => ({ ...r, label: RULE_LABELS[r.ruleId] ?? r.ruleId })),
    ruleSetVersion: view.ruleSetVersion,
    facts: factsText(view.facts),
    rules: view.results.map((r) => ({
      ruleId: r.ruleId,
      label: RULE_LABELS[r.ruleId] ?? r.ruleId,
      passed: r.passed,
      reason: r.reason,
      legalReference: r.legalReference,
      enginePassed: r.engineResult.passed,
      engineReason: r.engineResult.reason,
      override: r.override ? { ...r.override, atText: frenchDateTime(new Date(r.override.at)) } : null,
      formPassed: posted[`passed-${r.ruleId}`] ?? String(r.passed),
      formReason: posted[`reason-${r.ruleId}`] ?? r.override?.reason ?? '',
    })),
    csess: {
      defaultGrid: view.csess.defaultGrid,
      total: view.csess.total,
      max: view.csess.max,
      categories: view.csess.grid.categories.map((c, i) => ({
        ...c,
        subtotal: view.csess.subtotals[i],
        criteria: c.criteria.map((k) => ({
          ...k,
          options: Array.from({ length: k.scaleMax + 1 }, (_, n) => String(n)),
          score: posted[`score-${k.code}`] ?? (scores.has(k.code) ? String(scores.get(k.code)!.score) : ''),
          comment: posted[`comment-${k.code}`] ?? scores.get(k.code)?.comment ?? '',
        })),
      })),
    },
  };
}

const yesNo = (v: boolean): string => (v ? 'oui' : 'non');

/** The facts the engine read, in words, so the instructor sees what each rule was judged on. */
function factsText(f: EligibilityFacts): { label: string; value: string }[] {
  const list = (codes: readonly string[], label: (c: string) => string) => (codes.length ? codes.map(label).join(', ') : 'aucun');
  return [
    { label: 'Article 15, I 1° (besoins sociaux non ou mal satisfaits)', value: yesNo(f.answers.I_1) },
    {
      label:
        "Article 15, I 2° (forme innovante d'entreprise, processus innovant de production de biens ou de services, ou mode innovant d'organisation du travail)",
      value: yesNo(f.answers.I_2),
    },
    { label: 'Article 15, II (difficulté de financement aux conditions du marché)', value: yesNo(f.answers.II) },
    {
      label: "Aide accordée par une collectivité territoriale (exemption du II, selon la nature de l'organisme qui accorde l'aide)",
      value: yesNo(f.funderIsCollectiviteTerritoriale),
    },
    { label: 'Publics cibles du dossier', value: list(f.targetPublics, targetPublicLabel) },
    { label: "Publics cibles de l'appel", value: f.allowedTargetPublics.length ? list(f.allowedTargetPublics, targetPublicLabel) : 'non restreints' },
    { label: "Type d'opération", value: f.operationType ? operationTypeLabel(f.operationType) : 'non déclaré' },
    { label: "Types d'opération de l'appel", value: f.allowedOperationTypes.length ? list(f.allowedOperationTypes, operationTypeLabel) : 'non restreints' },
    { label: 'Projet existant', value: yesNo(f.existingProject) },
    ...(f.existingProject
      ? [
          { label: 'Début de la phase expérimentale', value: f.experimentationStartDate ? frenchCalendarDate(f.experimentationStartDate) : 'non renseigné' },
          { label: 'Essaimage sur un territoire jamais financé', value: yesNo(f.newTerritory) },
          { label: "Modification substantielle de l'approche", value: yesNo(f.substantialChange) },
        ]
      : []),
    { label: 'Date de dépôt (heure de Paris)', value: frenchCalendarDate(f.submissionDate) },
  ];
}

/**
 * API error paths → the ids of the page's fields (`reason-ART15_I`, `passed-ART15_I`, `score-A1`), for the summary
 * links and the field messages; an error on no field of the form points at the form itself (`form-ART15_I`, `form-csess`).
 */
export function pageErrors(errors: readonly FieldError[], target: { ruleId?: string; scoreCodes?: readonly string[] }): FieldError[] {
  return errors.map((e) => {
    if (target.ruleId) {
      const field = e.path.replace(/^overrides\[\d+\]\./, '');
      return { ...e, path: field === 'passed' || field === 'reason' ? `${field}-${target.ruleId}` : `form-${target.ruleId}` };
    }
    const score = /^scores\[(\d+)\]/.exec(e.path);
    const code = score ? target.scoreCodes?.[Number(score[1])] : undefined;
    if (code) return { ...e, path: /\.comment$/.test(e.path) ? `comment-${code}` : `score-${code}` };
    return { ...e, path: 'form-csess' };
  });
}
