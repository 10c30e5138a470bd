/** Citations stored with each rule result; ids in brackets are those of docs/domain/legal-references.md. */
export const LEGAL_REFERENCES = {
  ART15_I: 'Loi n° 2014-856 du 31 juillet 2014, art. 15, I [SI-B2]',
  ART15_II: 'Loi n° 2014-856 du 31 juillet 2014, art. 15, II [SI-B3]',
  P6_SCOPE: "PN FSE+ 2021-2027, priorité 6 « Innovation sociale » — cahier des charges de l'appel [SI-B5]",
} as const;
