import type { FieldError } from '../../../common/errors/domain-error';
import { indicatorLabel, isIndicatorCode } from './indicators';

/** Annex I asks every participant indicator with the breakdown by sex; EECO01 is always targeted. */
export interface TargetInput {
  code: string;
  total: number;
  women: number | null;
  men: number | null;
  nonBinary: number | null;
}

export const ALWAYS_TARGETED = 'EECO01';

/** Users read the indicator's French label; the Annex I code follows as a reference (docs/ui.md: no bare codes). */
function named(code: string): string {
  return `« ${indicatorLabel(code)} » (${code})`;
}

/** The codes a dossier of this call sets targets for: EECO01, then the call's chosen indicators. */
export function targetedCodes(callIndicatorCodes: readonly string[]): string[] {
  return [ALWAYS_TARGETED, ...callIndicatorCodes.filter((c) => c !== ALWAYS_TARGETED)];
}

/** Checks targets: known codes of the call, non-negative integers, and a breakdown by sex that adds up to the total. */
export function checkTargets(targets: readonly TargetInput[], callIndicatorCodes: readonly string[]): FieldError[] {
  const allowed = targetedCodes(callIndicatorCodes);
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  targets.forEach((t, i) => {
    const p = `[${i}]`;
    if (!isIndicatorCode(t.code) || !allowed.includes(t.code))
      errors.push({
        path: `${p}.code`,
        code: 'NOT_ALLOWED_VALUE',
        message: `Indicateur non retenu par l’appel ; indicateurs retenus : ${allowed.map(named).join(', ')}.`,
      });
    else if (seen.has(t.code)) errors.push({ path: `${p}.code`, code: 'DUPLICATE', message: `L’indicateur ${named(t.code)} figure deux fois.` });
    seen.add(t.code);
    for (const k of ['total', 'women', 'men', 'nonBinary'] as const) {
      const v = t[k];
      if (v !== null && !(Number.isSafeInteger(v) && v >= 0))
        errors.push({ path: `${p}.${k}`, code: 'INVALID_NUMBER', message: 'Un nombre entier positif ou nul est attendu.' });
    }
    const parts = [t.women, t.men, t.nonBinary];
    if (parts.some((x) => x !== null) && parts.reduce<number>((s, x) => s + (x ?? 0), 0) !== t.total) {
      errors.push({
        path: `${p}.total`,
        code: 'SEX_BREAKDOWN_MISMATCH',
        message: `${named(t.code)} : femmes + hommes + personnes non binaires doivent égaler le total.`,
      });
    }
  });
  if (!targets.some((t) => t.code === ALWAYS_TARGETED))
    errors.push({ path: '', code: 'EECO01_REQUIRED', message: `La cible ${named(ALWAYS_TARGETED)} est obligatoire.` });
  return errors;
}

/**
 * What a dossier must have declared before submission (issue point 4 of docs/domain/execution.md): a target for every
 * indicator of the call, and EECO01 with its breakdown by sex (Annex I). Paths are `indicatorTargets.<code>[.<field>]`.
 */
export function missingTargets(targets: readonly TargetInput[], callIndicatorCodes: readonly string[]): FieldError[] {
  const errors: FieldError[] = [];
  for (const code of targetedCodes(callIndicatorCodes)) {
    const t = targets.find((x) => x.code === code);
    if (!t) {
      errors.push({ path: `indicatorTargets.${code}`, code: 'TARGET_REQUIRED', message: `${named(code)} : déclarez la valeur cible avant le dépôt.` });
    } else if (code === ALWAYS_TARGETED && (t.women === null || t.men === null || t.nonBinary === null)) {
      errors.push({
        path: `indicatorTargets.${code}.women`,
        code: 'SEX_BREAKDOWN_REQUIRED',
        message: `${named(code)} : indiquez la répartition de la cible par sexe (femmes, hommes, personnes non binaires).`,
      });
    }
  }
  return errors;
}
