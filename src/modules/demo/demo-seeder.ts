import { DataSource } from 'typeorm';
import { systemActor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { DomainError } from '../../common/errors/domain-error';
import type { AppConfig } from '../../config/config';
import { hashPassword } from '../auth/password';
import { CSESS_TEMPLATE } from '../evaluation/domain/call-grid';
import { DEMO_ORGANISATIONS, DEMO_PASSWORD, DEMO_USERS, demoCall } from './demo-data';
import { seedDemoCatalogue } from './demo-catalogue';
import { seedDemoDossiers } from './demo-dossiers';
import { first } from '../../common/collections';

/**
 * Inserts the demo accounts, organisations and open call, in one audited transaction, then the call's submitted
 * dossiers (once, also on a database seeded before they existed). Development only.
 */
export async function seedDemo(dataSource: DataSource, config: AppConfig, now = new Date()): Promise<{ seeded: boolean }> {
  if (config.env === 'production') throw new DomainError('DEMO_DATA_REFUSED', 'Les données de démonstration sont refusées en production.');
  const result = await seedDemoAccounts(dataSource, now);
  await ensureDemoGrid(dataSource, now);
  await seedDemoDossiers(dataSource, config, now);
  await seedDemoCatalogue(dataSource);
  return result;
}

async function seedDemoAccounts(dataSource: DataSource, now: Date): Promise<{ seeded: boolean }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const audit = new AuditService();
  const actor = systemActor('seed-demo');
  return dataSource.transaction(async (em) => {
    const { count } = first<{ count: string }>(await em.query(`SELECT count(*) FROM app_user`), 'the user count');
    if (count !== '0') return { seeded: false };

    const orgIds: Record<string, string> = {};
    for (const [key, o] of Object.entries(DEMO_ORGANISATIONS)) {
      const row = first<{ id: string }>(
        await em.query(
          `INSERT INTO organisation (siret, legal_name, legal_form, ess_status, vat_recovery, advance_category, address_line, postal_code, city, departement)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING id`,
          [o.siret, o.legalName, o.legalForm, o.essStatus, o.vatRecovery, o.advanceCategory, o.addressLine, o.postalCode, o.city, o.departement],
        ),
        'the inserted organisation row',
      );
      orgIds[key] = row.id;
    }
    let managerId = '';
    for (const u of DEMO_USERS) {
      const row = first<{ id: string }>(
        await em.query(`INSERT INTO app_user (email, display_name, password_hash, roles) VALUES ($1, $2, $3, $4) RETURNING id`, [
          u.email,
          u.displayName,
          passwordHash,
          u.roles,
        ]),
        'the inserted app_user row',
      );
      if (u.roles.includes('PROGRAMME_MANAGER')) managerId = row.id;
      if (u.organisation) {
        await em.query(`INSERT INTO organisation_member (organisation_id, user_id, member_role) VALUES ($1, $2, 'OWNER')`, [orgIds[u.organisation], row.id]);
      }
    }
    const c = demoCall(now);
    const call = first<{ id: string }>(
      await em.query(
        `INSERT INTO call (reference, title, description, max_rate_bp, envelope_cents, opens_at, closes_at, min_eu_cents, max_eu_cents,
                         min_duration_months, max_duration_months, cost_options, required_document_types, target_publics,
                         evaluation_grid, status, published_version, published_at, created_by)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12::jsonb,$13::jsonb,$14::jsonb,$15::jsonb,'PUBLISHED',1,now(),$16) RETURNING id`,
        [
          c.reference,
          c.title,
          c.description,
          c.maxRateBp,
          c.envelopeCents,
          c.opensAt,
          c.closesAt,
          c.minEuCents,
          c.maxEuCents,
          c.minDurationMonths,
          c.maxDurationMonths,
          JSON.stringify(c.costOptions),
          JSON.stringify(c.requiredDocumentTypes),
          JSON.stringify(c.targetPublics),
          JSON.stringify(CSESS_TEMPLATE),
          managerId,
        ],
      ),
      'the inserted call row',
    );
    await em.query(`INSERT INTO call_version (call_id, version, rules, published_by) SELECT id, 1, to_jsonb(call.*), created_by FROM call WHERE id = $1`, [
      call.id,
    ]);
    await audit.record(em, actor, { action: 'demo.seeded', subjectType: 'system', subjectId: 'demo', after: { users: DEMO_USERS.length, callId: call.id } });
    return { seeded: true };
  });
}

/**
 * Demo databases seeded before the demo call carried a grid: give that call (and its frozen version) the CSESS
 * grid, so the panel, ranking and committee steps work. Only a demo call still without a grid is touched.
 */
async function ensureDemoGrid(dataSource: DataSource, now: Date): Promise<void> {
  const reference = demoCall(now).reference;
  await dataSource.transaction(async (em) => {
    const rows: { id: string }[] = await em.query(`SELECT id FROM call WHERE reference = $1 AND evaluation_grid IS NULL FOR UPDATE`, [reference]);
    const [call] = rows;
    if (!call) return;
    const grid = JSON.stringify(CSESS_TEMPLATE);
    await em.query(`UPDATE call SET evaluation_grid = $2::jsonb WHERE id = $1`, [call.id, grid]);
    await em.query(`UPDATE call_version SET rules = jsonb_set(rules, '{evaluation_grid}', $2::jsonb) WHERE call_id = $1`, [call.id, grid]);
    await new AuditService().record(em, systemActor('seed-demo'), {
      action: 'demo.grid_added',
      subjectType: 'call',
      subjectId: call.id,
      after: { evaluationGrid: 'CSESS' },
    });
  });
}
