export type PanelRole = 'CHAIR' | 'RAPPORTEUR' | 'MEMBER';

export interface PanelEvaluator {
  id: string;
  role: PanelRole;
  /** Dossiers of this call already assigned to the evaluator (conflicted ones excepted). */
  load: number;
  /** Dossiers where the evaluator is already rapporteur. */
  rapporteurLoad: number;
}

export interface DossierToAssign {
  applicationId: string;
  /** Evaluators already assigned, conflicted or not: never assigned twice. */
  assignedIds: readonly string[];
  /** How many of them count (not conflicted). */
  countedIds: readonly string[];
  /** The counted evaluator already rapporteur, if any. */
  rapporteurId: string | null;
  /** Evaluators excluded from this dossier (automatic or declared conflicts). */
  excludedIds: readonly string[];
}

export interface AssignmentPlan {
  assignments: { applicationId: string; evaluatorId: string }[];
  /** A rapporteur to name on each dossier without one (a new or an existing counted evaluator). */
  rapporteurs: { applicationId: string; evaluatorId: string }[];
  /** Dossiers that could not reach `perDossier` counted evaluators for lack of unconflicted members. */
  shortfalls: { applicationId: string; missing: number }[];
}

const byRapporteurPreference = (a: PanelEvaluator, b: PanelEvaluator) =>
  rolePreference(a.role) - rolePreference(b.role) || a.rapporteurLoad - b.rapporteurLoad || compare(a.id, b.id);

/**
 * Completes every dossier to `perDossier` counted evaluators (docs/domain/evaluation.md): never an excluded or already assigned
 * evaluator, always the least loaded one first (ties by id, for a repeatable plan). The most constrained dossiers
 * (fewest possible evaluators) are served first so that conflicts do not starve them. Each dossier gets a
 * rapporteur, preferably a member with the RAPPORTEUR role, then the one with fewest reports.
 */
export function planAssignments(dossiers: readonly DossierToAssign[], panel: readonly PanelEvaluator[], perDossier: number): AssignmentPlan {
  const evaluators = new Map(panel.map((e) => [e.id, { ...e }]));
  const candidatesOf = (d: DossierToAssign) => panel.filter((e) => !d.assignedIds.includes(e.id) && !d.excludedIds.includes(e.id));
  const order = [...dossiers].sort((a, b) => candidatesOf(a).length - candidatesOf(b).length || compare(a.applicationId, b.applicationId));
  const plan: AssignmentPlan = { assignments: [], rapporteurs: [], shortfalls: [] };

  for (const d of order) {
    const chosen: PanelEvaluator[] = [];
    const needed = Math.max(0, perDossier - d.countedIds.length);
    for (let slot = 0; slot < needed; slot++) {
      const next = candidatesOf(d)
        .map((e) => evaluators.get(e.id) as PanelEvaluator)
        .filter((e) => !chosen.includes(e))
        .sort((a, b) => a.load - b.load || compare(a.id, b.id))[0];
      if (!next) {
        plan.shortfalls.push({ applicationId: d.applicationId, missing: needed - slot });
        break;
      }
      next.load += 1;
      chosen.push(next);
      plan.assignments.push({ applicationId: d.applicationId, evaluatorId: next.id });
    }
    if (d.rapporteurId === null) {
      const pool = [...d.countedIds.map((id) => evaluators.get(id)).filter((e): e is PanelEvaluator => !!e), ...chosen];
      const rapporteur = pool.sort(byRapporteurPreference)[0];
      if (rapporteur) {
        rapporteur.rapporteurLoad += 1;
        plan.rapporteurs.push({ applicationId: d.applicationId, evaluatorId: rapporteur.id });
      }
    }
  }
  return plan;
}

function rolePreference(role: PanelRole): number {
  return role === 'RAPPORTEUR' ? 0 : role === 'MEMBER' ? 1 : 2;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
