/**
 * The beneficiary as named in the dossier's submission snapshot (CPR art. 69 and Annex XIII): reports, exports,
 * documents and the catalogue print these, so an identity change approved later (docs/security.md) never makes an
 * export disagree with the convention. The organisation's live row is the fallback for rows without a snapshot.
 * `a` is the application alias, `o` the organisation alias.
 */
export function beneficiaryLegalNameSql(a = 'a', o = 'o'): string {
  return `coalesce(${a}.submitted_snapshot->'organisation'->>'legalName', ${o}.legal_name)`;
}

export function beneficiarySiretSql(a = 'a', o = 'o'): string {
  return `coalesce(${a}.submitted_snapshot->'organisation'->>'siret', ${o}.siret)`;
}
