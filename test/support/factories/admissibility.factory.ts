import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { TestApp } from '../test-app';
import { type Applicant, completeDraft, createDraft, validSiret } from './application.factory';

export { validSiret } from './application.factory';

/** A complete dossier submitted through the API by an organisation with a valid SIRET; returns its id. */
export async function submittedDossier(t: TestApp, owner: DataSource, a: Applicant, callId: string, siret = validSiret()): Promise<string> {
  await owner.query(`UPDATE organisation SET siret = $2 WHERE id = $1`, [a.organisation.id, siret]);
  const { id } = await createDraft(t, a, callId);
  await completeDraft(t, a, id);
  const res = await t.http().post(`/api/v1/applications/${id}/submit`).set(a.auth).set('Idempotency-Key', randomUUID()).send({ attestation: true });
  if (res.status !== 200) throw new Error(`submit: ${res.status} ${res.text}`);
  return id;
}
