import { randomInt, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { TestApp } from '../test-app';
import { type Applicant, completeDraft, createDraft } from './application.factory';

/** A SIRET whose SIREN and whole number both pass the Luhn checksum (random, so organisations never collide). */
export function validSiret(): string {
  const withKey = (digits: string) => {
    for (let k = 0; k <= 9; k++) if (luhn(digits + k)) return digits + k;
    throw new Error('unreachable');
  };
  const siren = withKey(String(randomInt(10_000_000, 99_999_999)));
  return withKey(siren + String(randomInt(0, 10_000)).padStart(4, '0'));
}

function luhn(digits: string): boolean {
  let total = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    total += d;
  }
  return total % 10 === 0;
}

/** A complete dossier submitted through the API by an organisation with a valid SIRET; returns its id. */
export async function submittedDossier(t: TestApp, owner: DataSource, a: Applicant, callId: string, siret = validSiret()): Promise<string> {
  await owner.query(`UPDATE organisation SET siret = $2 WHERE id = $1`, [a.organisation.id, siret]);
  const { id } = await createDraft(t, a, callId);
  await completeDraft(t, a, id);
  const res = await t.http().post(`/api/v1/applications/${id}/submit`).set(a.auth).set('Idempotency-Key', randomUUID()).send({ attestation: true });
  if (res.status !== 200) throw new Error(`submit: ${res.status} ${res.text}`);
  return id;
}
