import type { IssuingBody } from '../../../config/issuing-body';
import type { IssuerHeader, LayoutModel } from './layout-model';

/** The header every generated document carries: the configured issuing body's name, address, SIRET and logo. */
export function issuerHeader(body: IssuingBody): IssuerHeader {
  return { name: body.name, details: `${body.address} — SIRET ${body.siret}`, logoPath: body.logoPath };
}

/** A layout of another module with the issuing body's header in place of a bare name. */
export function withIssuer(layout: LayoutModel, body: IssuingBody): LayoutModel {
  return { ...layout, issuer: issuerHeader(body) };
}
