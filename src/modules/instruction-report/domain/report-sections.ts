import type { FieldError } from '../../../common/errors/domain-error';

/**
 * The sections of an instruction report (docs/domain/instruction-report.md), each a written assessment the committee
 * reads before deciding; the legal basis of each is in the hint shown to the instructor.
 */
export const REPORT_SECTIONS = ['publicTargeted', 'capacity', 'horizontalPrinciples', 'stateAid', 'doubleFunding'] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];
export type ReportSections = Partial<Record<ReportSection, string>>;

export const REPORT_SECTION_LABELS: Readonly<Record<ReportSection, string>> = {
  publicTargeted: 'Public visé',
  capacity: 'Capacité administrative et financière du porteur',
  horizontalPrinciples: 'Principes horizontaux',
  stateAid: 'Aides d’État',
  doubleFunding: 'Absence de double financement',
};

export const REPORT_SECTION_HINTS: Readonly<Record<ReportSection, string>> = {
  publicTargeted: 'Les personnes visées, leur nombre et leur correspondance avec les publics de l’appel et de la priorité.',
  capacity:
    'Capacité administrative, financière et opérationnelle à mener l’opération et à en justifier les dépenses (règlement (UE) 2021/1060, art. 73, § 2, d).',
  horizontalPrinciples:
    'Égalité entre les femmes et les hommes, non-discrimination et accessibilité, développement durable, respect de la Charte des droits fondamentaux (règlement (UE) 2021/1060, art. 9).',
  stateAid: 'Régime applicable (de minimis, exemption par catégorie, SIEG) ou motif pour lequel l’aide n’en relève pas (TFUE, art. 107).',
  doubleFunding:
    'Les autres financements publics de l’opération et l’absence de double financement des mêmes dépenses (règlement (UE) 2021/1060, art. 63, § 9).',
};

export const OPINIONS = ['FAVORABLE', 'RESERVED', 'DEFAVORABLE'] as const;
export type InstructionOpinion = (typeof OPINIONS)[number];
export const OPINION_LABELS: Readonly<Record<InstructionOpinion, string>> = { FAVORABLE: 'Favorable', RESERVED: 'Réservé', DEFAVORABLE: 'Défavorable' };

/** Shorter than this a section says nothing an auditor could check. */
export const SECTION_MIN_LENGTH = 10;

/** Trims each section and drops the empty ones (a draft may leave some for later). */
export function normaliseSections(input: Readonly<Record<string, string | null | undefined>> | null | undefined): ReportSections {
  const out: ReportSections = {};
  for (const key of REPORT_SECTIONS) {
    const text = input?.[key]?.trim();
    if (text) out[key] = text;
  }
  return out;
}

/**
 * What keeps a report from being validated: every section written (10 characters at least) and the opinion reasoned.
 * A draft may be saved with gaps; validation (UNDER_INSTRUCTION → INSTRUCTED) may not. Paths: `sections.<key>`, `motivation`.
 */
export function reportGaps(report: { sections: ReportSections; motivation: string }): FieldError[] {
  const errors: FieldError[] = [];
  for (const key of REPORT_SECTIONS) {
    const text = report.sections[key]?.trim() ?? '';
    if (text.length < SECTION_MIN_LENGTH) {
      errors.push({
        path: `sections.${key}`,
        code: text ? 'TOO_SHORT' : 'REQUIRED',
        message: `Rédigez la rubrique « ${REPORT_SECTION_LABELS[key]} » (${SECTION_MIN_LENGTH} caractères au moins) avant de valider le rapport.`,
      });
    }
  }
  if (report.motivation.trim().length < SECTION_MIN_LENGTH) {
    errors.push({ path: 'motivation', code: 'REQUIRED', message: "Motivez l'avis avant de valider le rapport." });
  }
  return errors;
}

/** An ineligible dossier can only receive an unfavourable opinion; a reserved opinion is a favourable one with reservations. */
export function opinionAllowed(opinion: InstructionOpinion, verdict: 'ELIGIBLE' | 'INELIGIBLE' | string | null): boolean {
  return verdict !== 'INELIGIBLE' || opinion === 'DEFAVORABLE';
}
