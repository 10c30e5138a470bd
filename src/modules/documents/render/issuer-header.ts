import type { IssuingBody } from '../../../config/issuing-body';
import type { IssuerHeader } from './layout-model';

/** The header every generated document carries: the configured issuing body's name, address, SIRET and logo. */
export function issuerHeader(body: IssuingBody): IssuerHeader {
  return { name: body.name, details: `${body.address} — SIRET ${body.siret}`, logoPath: body.logoPath };
}
