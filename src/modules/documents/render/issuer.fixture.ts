import type { IssuingBody } from '../../../config/issuing-body';

/** An issuing body for layout tests (the configuration's demo values are not relied on). */
export const TEST_ISSUER: IssuingBody = {
  name: 'Agence régionale pour l’innovation sociale',
  address: '5 place Bellecour, 69002 Lyon',
  siret: '98765430800012',
  representative: { name: 'Camille Martin', title: 'présidente' },
  signatory: { name: 'Dominique Bernard', title: 'directrice générale, par délégation de la présidente' },
  contact: { service: 'Service des subventions FSE+', email: 'fse@agence.example', phone: '04 00 00 00 00' },
  logoPath: null,
  court: { name: 'Tribunal administratif de Lyon', address: '184 rue Duguesclin, 69003 Lyon' },
  globalGrant: 'la convention de subvention globale n° SG-2023-07 du 3 avril 2023 conclue avec l’État, autorité de gestion',
  committeeRules: 'règlement intérieur du 3 avril 2023',
};
