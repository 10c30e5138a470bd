/**
 * Citations stored with each rule result and printed to users: legal texts only, never an internal rule id (the ids
 * of docs/domain/legal-references.md stay in code). The ESF+ definition of social innovation is cited beside
 * article 15; the priority carries its official title.
 */
export const LEGAL_REFERENCES = {
  ART15_I:
    "Loi n° 2014-856 du 31 juillet 2014, art. 15, I ; règlement (UE) 2021/1057 du 24 juin 2021 (FSE+), art. 2, point 8 (définition de l'innovation sociale)",
  ART15_II:
    "Loi n° 2014-856 du 31 juillet 2014, art. 15, II ; règlement (UE) 2021/1057 du 24 juin 2021 (FSE+), art. 2, point 8 (définition de l'innovation sociale)",
  P6_SCOPE:
    "Programme national FSE+ 2021-2027, priorité 6 « Favoriser l'innovation sociale et l'essaimage des dispositifs innovants » — cahier des charges de l'appel à projets",
} as const;
