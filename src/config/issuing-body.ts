import { existsSync } from 'node:fs';
import { extname, isAbsolute, resolve } from 'node:path';
import type { EnvVars } from './env.validation';

/**
 * The intermediate body that issues every document (docs/domain/documents.md, « Issuing body »): configured once,
 * printed on the receipt, the letters, the conventions, the minutes and every other generated PDF.
 */
export interface IssuingBody {
  readonly name: string;
  readonly address: string;
  readonly siret: string;
  /** The legal representative, party to the conventions. */
  readonly representative: { readonly name: string; readonly title: string };
  /** Who signs letters and conventions (CRPA art. L212-1). */
  readonly signatory: { readonly name: string; readonly title: string };
  /** The service in charge of the dossiers (CRPA art. R112-5). */
  readonly contact: { readonly service: string; readonly email: string; readonly phone: string };
  /** Absolute path of a PNG or JPEG, or null. */
  readonly logoPath: string | null;
  readonly court: { readonly name: string; readonly address: string };
  /** The global grant agreement that makes the body an intermediate body. */
  readonly globalGrant: string;
  readonly committeeRules: string;
}

/** Builds the issuing body, adding to `problems` what would make the documents unprintable (a missing logo file). */
export function issuingBodyFromEnv(env: EnvVars, root: string, problems: string[]): IssuingBody {
  let logoPath: string | null = null;
  if (env.ISSUER_LOGO_PATH) {
    logoPath = isAbsolute(env.ISSUER_LOGO_PATH) ? env.ISSUER_LOGO_PATH : resolve(root, env.ISSUER_LOGO_PATH);
    if (!['.png', '.jpg', '.jpeg'].includes(extname(logoPath).toLowerCase())) problems.push('ISSUER_LOGO_PATH: a PNG or JPEG file is expected');
    else if (!existsSync(logoPath)) problems.push('ISSUER_LOGO_PATH: file not found');
  }
  return {
    name: env.OPERATOR_NAME,
    address: env.ISSUER_ADDRESS,
    siret: env.ISSUER_SIRET,
    representative: { name: env.ISSUER_REPRESENTATIVE_NAME, title: env.ISSUER_REPRESENTATIVE_TITLE },
    signatory: { name: env.ISSUER_SIGNATORY_NAME, title: env.ISSUER_SIGNATORY_TITLE },
    contact: { service: env.ISSUER_SERVICE, email: env.ISSUER_EMAIL, phone: env.ISSUER_PHONE },
    logoPath,
    court: { name: env.ISSUER_ADMINISTRATIVE_COURT, address: env.ISSUER_ADMINISTRATIVE_COURT_ADDRESS },
    globalGrant: env.ISSUER_GLOBAL_GRANT,
    committeeRules: env.ISSUER_COMMITTEE_RULES,
  };
}
