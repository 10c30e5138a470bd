import type { FieldError } from '../../../common/errors/domain-error';
import { isCalendarDate } from '../../applications/domain/duration';

/** Annex I data of one participant (ESF+ Regulation 2021/1057), at entry and at exit. */
export const SEXES = ['F', 'M', 'X'] as const;
export type Sex = (typeof SEXES)[number];
export const EMPLOYMENT_STATUSES = ['UNEMPLOYED', 'LONG_TERM_UNEMPLOYED', 'INACTIVE', 'EMPLOYED'] as const;
export type EmploymentStatus = (typeof EMPLOYMENT_STATUSES)[number];
export const EDUCATION_LEVELS = ['ISCED_0_2', 'ISCED_3_4', 'ISCED_5_8'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];
/** A sensitive situation: asked and answered, or the participant prefers not to say (REFUSED); null when not asked. */
export const SENSITIVE_ANSWERS = ['YES', 'NO', 'REFUSED'] as const;
export type SensitiveAnswer = (typeof SENSITIVE_ANSWERS)[number];

export const SENSITIVE_KEYS = ['disability', 'thirdCountryNational', 'foreignBackground', 'minority', 'homeless', 'rural'] as const;
export type SensitiveKey = (typeof SENSITIVE_KEYS)[number];

export interface ParticipantInput {
  lastName: string;
  firstName: string;
  /** `YYYY-MM-DD` */
  birthDate: string;
  sex: Sex;
  entryDate: string;
  employmentStatus: EmploymentStatus;
  educationLevel: EducationLevel;
  disability: SensitiveAnswer | null;
  thirdCountryNational: SensitiveAnswer | null;
  foreignBackground: SensitiveAnswer | null;
  minority: SensitiveAnswer | null;
  homeless: SensitiveAnswer | null;
  rural: SensitiveAnswer | null;
  exitDate: string | null;
  exitJobSearch: boolean;
  exitEducation: boolean;
  exitQualification: boolean;
  exitEmployed: boolean;
}

/** Raw values as typed in a form or read from a file cell (strings, possibly empty). */
export type RawParticipant = Partial<Record<keyof ParticipantInput, string | boolean | null | undefined>>;

export const AGE_BANDS = ['UNDER_18', 'FROM_18_TO_29', 'FROM_30_TO_54', 'FROM_55'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Whole years between the birth date and `on` (both `YYYY-MM-DD`); a 29 February birthday counts on 1 March. */
export function ageOn(birthDate: string, on: string): number {
  // Whole years from the year difference, minus one when the birthday (`MM-DD`) has not come yet: a string comparison.
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** Annex I age groups, computed at entry: below 18 (EECO06), 18-29 (EECO07), 55 and above (EECO08). */
export function ageBand(birthDate: string, entryDate: string): AgeBand {
  const age = ageOn(birthDate, entryDate);
  if (age < 18) return 'UNDER_18';
  if (age <= 29) return 'FROM_18_TO_29';
  if (age <= 54) return 'FROM_30_TO_54';
  return 'FROM_55';
}

const FIELD_LABELS: Record<keyof ParticipantInput, string> = {
  lastName: 'Nom',
  firstName: 'Prénom',
  birthDate: 'Date de naissance',
  sex: 'Sexe',
  entryDate: "Date d'entrée",
  employmentStatus: "Situation sur le marché du travail à l'entrée",
  educationLevel: "Niveau d'études",
  disability: 'Handicap',
  thirdCountryNational: 'Ressortissant de pays tiers',
  foreignBackground: "Personne d'origine étrangère",
  minority: 'Minorité',
  homeless: 'Sans domicile ou exclusion du logement',
  rural: 'Zone rurale',
  exitDate: 'Date de sortie',
  exitJobSearch: 'En recherche d’emploi à la sortie',
  exitEducation: 'En études ou formation à la sortie',
  exitQualification: 'Qualification obtenue à la sortie',
  exitEmployed: 'En emploi à la sortie',
};

export function fieldLabel(field: keyof ParticipantInput): string {
  return FIELD_LABELS[field];
}

const TEXT_MAX = 100;
// Built once: parseParticipant runs for every row of an import (10 000 rows in bench/participants.ts).
const FLAG_NO = new Set(['', 'non', 'no', 'false', '0', 'n']);
const FLAG_YES = new Set(['oui', 'yes', 'true', '1', 'o']);
const SEX_ALIASES: Record<string, Sex> = { femme: 'F', homme: 'M', 'non binaire': 'X', 'non-binaire': 'X' };
const SENSITIVE_ALIASES: Record<string, SensitiveAnswer> = { oui: 'YES', non: 'NO', 'ne souhaite pas répondre': 'REFUSED', nsp: 'REFUSED' };

/**
 * Checks and normalises one participant; returns every field error (path = the field name), never throws.
 * `today` bounds the dates: a participant cannot have entered, nor left, in the future.
 */
export function parseParticipant(raw: RawParticipant, today: string): { value: ParticipantInput | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const err = (path: keyof ParticipantInput, code: string, message: string) => errors.push({ path, code, message });
  const text = (k: 'lastName' | 'firstName'): string => {
    const v = typeof raw[k] === 'string' ? (raw[k] as string).trim().replace(/\s+/g, ' ') : '';
    if (!v) err(k, 'REQUIRED', `${FIELD_LABELS[k]} : obligatoire.`);
    else if (v.length > TEXT_MAX) err(k, 'TOO_LONG', `${FIELD_LABELS[k]} : ${TEXT_MAX} caractères au plus.`);
    // Names are never echoed back in messages: the error report may be kept or forwarded.
    else if (/[\p{Cc}<>]/u.test(v)) err(k, 'INVALID_CHARACTERS', `${FIELD_LABELS[k]} : caractères non autorisés.`);
    return v;
  };
  const date = (k: 'birthDate' | 'entryDate' | 'exitDate', required: boolean): string | null => {
    const v = typeof raw[k] === 'string' ? normaliseDate((raw[k] as string).trim()) : '';
    if (!v) {
      if (required) err(k, 'REQUIRED', `${FIELD_LABELS[k]} : obligatoire.`);
      return null;
    }
    if (!isCalendarDate(v)) {
      err(k, 'INVALID_DATE', `${FIELD_LABELS[k]} : date invalide (AAAA-MM-JJ ou JJ/MM/AAAA).`);
      return null;
    }
    if (v > today) err(k, 'FUTURE_DATE', `${FIELD_LABELS[k]} : la date ne peut pas être dans le futur.`);
    return v;
  };
  const oneOf = <T extends string>(k: keyof ParticipantInput, values: readonly T[], required: boolean, aliases: Record<string, T> = {}): T | null => {
    const rawValue = typeof raw[k] === 'string' ? (raw[k] as string).trim() : '';
    if (!rawValue) {
      if (required) err(k, 'REQUIRED', `${FIELD_LABELS[k]} : obligatoire.`);
      return null;
    }
    const v = aliases[rawValue.toLowerCase()] ?? rawValue.toUpperCase();
    if (!(values as readonly string[]).includes(v)) {
      err(k, 'NOT_ALLOWED_VALUE', `${FIELD_LABELS[k]} : valeur attendue parmi ${values.join(', ')}.`);
      return null;
    }
    return v as T;
  };
  const flag = (k: 'exitJobSearch' | 'exitEducation' | 'exitQualification' | 'exitEmployed'): boolean => {
    const v = raw[k];
    if (typeof v === 'boolean') return v;
    const s = typeof v === 'string' ? v.trim().toLowerCase() : '';
    if (FLAG_NO.has(s)) return false;
    if (FLAG_YES.has(s)) return true;
    err(k, 'NOT_ALLOWED_VALUE', `${FIELD_LABELS[k]} : répondez oui ou non.`);
    return false;
  };

  const lastName = text('lastName');
  const firstName = text('firstName');
  const birthDate = date('birthDate', true);
  const entryDate = date('entryDate', true);
  const exitDate = date('exitDate', false);
  const sex = oneOf('sex', SEXES, true, SEX_ALIASES);
  const employmentStatus = oneOf('employmentStatus', EMPLOYMENT_STATUSES, true);
  const educationLevel = oneOf('educationLevel', EDUCATION_LEVELS, true);
  const sensitive = {} as Record<SensitiveKey, SensitiveAnswer | null>;
  for (const k of SENSITIVE_KEYS) sensitive[k] = oneOf(k, SENSITIVE_ANSWERS, false, SENSITIVE_ALIASES);
  const exits = {
    exitJobSearch: flag('exitJobSearch'),
    exitEducation: flag('exitEducation'),
    exitQualification: flag('exitQualification'),
    exitEmployed: flag('exitEmployed'),
  };

  if (birthDate && entryDate && birthDate >= entryDate) err('birthDate', 'AFTER_ENTRY', 'Date de naissance : elle doit précéder la date d’entrée.');
  if (birthDate && entryDate && birthDate < entryDate && ageOn(birthDate, entryDate) > 120)
    err('birthDate', 'IMPLAUSIBLE', 'Date de naissance : plus de 120 ans à l’entrée.');
  if (exitDate && entryDate && exitDate < entryDate) err('exitDate', 'BEFORE_ENTRY', 'Date de sortie : elle ne peut pas précéder la date d’entrée.');
  const anyExit = Object.values(exits).some(Boolean);
  if (anyExit && !exitDate) err('exitDate', 'REQUIRED', 'Date de sortie : obligatoire quand une situation à la sortie est indiquée.');
  // Annex I: EECR01 (job searching) and EECR04 (employed) exclude each other; the last situation within 4 weeks counts.
  if (exits.exitJobSearch && exits.exitEmployed)
    err('exitEmployed', 'EXCLUSIVE_EXIT', 'En emploi et en recherche d’emploi à la sortie s’excluent : indiquez la dernière situation.');

  if (errors.length) return { value: null, errors };
  return {
    value: {
      lastName,
      firstName,
      birthDate: birthDate!,
      entryDate: entryDate!,
      exitDate,
      sex: sex!,
      employmentStatus: employmentStatus!,
      educationLevel: educationLevel!,
      ...sensitive,
      ...exits,
    },
    errors,
  };
}

/** `JJ/MM/AAAA` (what spreadsheets export in France) to `AAAA-MM-JJ`; anything else unchanged. */
export function normaliseDate(v: string): string {
  return v.replace(/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, (_, d: string, m: string, y: string) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`);
}

/** What makes two records the same person within an operation: names without accents or case, and the birth date. */
export function identityText(p: Pick<ParticipantInput, 'lastName' | 'firstName' | 'birthDate'>): string {
  const norm = (s: string) =>
    s
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  return `${norm(p.lastName)}|${norm(p.firstName)}|${p.birthDate}`;
}
