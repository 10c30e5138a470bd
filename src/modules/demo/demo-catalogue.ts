import { DataSource } from 'typeorm';
import { systemActor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { first } from '../../common/collections';
import { at } from '../../common/collections';

const REFERENCE = 'AAP-DEMO-2025-P6';

/** Operations of a past call, programmed by its committee of 15 October 2025, for the public catalogue and the dashboard. */
const OPERATIONS = [
  {
    title: 'Tiers-lieu solidaire des Pentes',
    summary: 'Un lieu ouvert où les habitants réparent, cuisinent et se forment ensemble, avec un accompagnement vers l’emploi.',
    departement: '69',
    place: 'Lyon 1er',
    publics: ['PERSONNES_ELOIGNEES_EMPLOI'],
    type: 'EXPERIMENTATION',
    staff: 140_000,
    other: 30_000,
    status: 'CONVENTION_ISSUED',
    contact: 'contact@tiers-lieu-pentes.example',
    partners: true,
  },
  {
    title: 'Auto-école sociale itinérante',
    summary: 'Le permis de conduire pour les jeunes des zones rurales, avec un véhicule école qui se déplace de village en village.',
    departement: '23',
    place: 'Guéret et alentours',
    publics: ['JEUNES_NEET'],
    type: 'ESSAIMAGE',
    staff: 110_000,
    other: 40_000,
    status: 'CONVENTION_ISSUED',
    contact: null,
    partners: true,
  },
  {
    title: 'Cuisine partagée de Maurepas',
    summary: 'Une cuisine professionnelle partagée qui forme des habitants aux métiers de la restauration collective.',
    departement: '35',
    place: 'Rennes, Maurepas',
    publics: ['HABITANTS_QPV'],
    type: 'CHANGEMENT_ECHELLE',
    staff: 180_000,
    other: 45_000,
    status: 'PROGRAMMED',
    contact: 'https://cuisine-maurepas.example/contact',
    partners: false,
  },
  {
    title: 'Ressourcerie des Calanques',
    summary: 'Collecte, tri et revente d’objets avec des salariés en parcours d’insertion.',
    departement: '13',
    place: 'Marseille 9e',
    publics: ['PERSONNES_ELOIGNEES_EMPLOI'],
    type: 'ESSAIMAGE',
    staff: 125_000,
    other: 35_000,
    status: 'PROGRAMMED',
    contact: null,
    partners: false,
  },
  {
    title: 'Atelier numérique inclusif',
    summary: 'Des ateliers de médiation numérique conçus avec et pour des personnes en situation de handicap.',
    departement: '59',
    place: 'Roubaix',
    publics: ['PERSONNES_EN_SITUATION_DE_HANDICAP'],
    type: 'EXPERIMENTATION',
    staff: 90_000,
    other: 20_000,
    status: 'CONVENTION_ISSUED',
    contact: 'bonjour@atelier-inclusif.example',
    partners: true,
  },
  {
    title: 'Maraîchage péi en insertion',
    summary: 'Des jardins maraîchers qui approvisionnent les cantines scolaires et forment aux métiers agricoles.',
    departement: '974',
    place: 'Saint-Paul',
    publics: ['PERSONNES_ELOIGNEES_EMPLOI', 'JEUNES_NEET'],
    type: 'EXPERIMENTATION',
    staff: 150_000,
    other: 25_000,
    status: 'PROGRAMMED',
    contact: null,
    partners: false,
  },
];

/**
 * A closed 2025 call with six operations its committee programmed, so that the public catalogue, the open data and the
 * managing authority's dashboard show something in a demo. Rows are inserted as the committee leaves them (plan
 * version, session, item, FAVORABLE decision); nothing is inserted twice.
 */
export async function seedDemoCatalogue(dataSource: DataSource): Promise<number> {
  return dataSource.transaction(async (em) => {
    const [existing]: { id: string }[] = await em.query(`SELECT id FROM call WHERE reference = $1`, [REFERENCE]);
    if (existing) return 0;
    const [manager]: { id: string }[] = await em.query(`SELECT id FROM app_user WHERE email = 'gestionnaire@demo.essaim.fr'`);
    const organisations: { id: string }[] = await em.query(`SELECT id FROM organisation ORDER BY created_at, id LIMIT 6`);
    if (!manager || organisations.length === 0) return 0;
    const call = first<{ id: string }>(
      await em.query(
        `INSERT INTO call (reference, title, description, max_rate_bp, envelope_cents, opens_at, closes_at, min_eu_cents, max_eu_cents, target_publics,
                         allowed_operation_types, status, published_version, published_at, created_by)
       VALUES ($1, 'Innovation sociale et essaimage 2025', 'Soutenir l''expérimentation et l''essaimage de solutions innovantes d''inclusion active.',
               9500, 300000000, '2025-03-03T09:00:00Z', '2025-05-30T10:00:00Z', 5000000, 40000000,
               '["PERSONNES_ELOIGNEES_EMPLOI","JEUNES_NEET","PERSONNES_EN_SITUATION_DE_HANDICAP","HABITANTS_QPV"]',
               '["EXPERIMENTATION","ESSAIMAGE","CHANGEMENT_ECHELLE"]', 'PUBLISHED', 1, '2025-03-01T09:00:00Z', $2) RETURNING id`,
        [REFERENCE, manager.id],
      ),
      'the inserted call row',
    );
    await em.query(`INSERT INTO call_version (call_id, version, rules, published_by) SELECT id, 1, to_jsonb(call.*), created_by FROM call WHERE id = $1`, [
      call.id,
    ]);
    const session = first<{ id: string }>(
      await em.query(
        `INSERT INTO committee_session (call_id, title, scheduled_at, quorum, status, created_by, opened_at, closed_at)
       VALUES ($1, 'Comité de programmation du 15 octobre 2025', '2025-10-15T08:00:00Z', 1, 'CLOSED', $2, '2025-10-15T08:00:00Z', '2025-10-15T11:00:00Z') RETURNING id`,
        [call.id, manager.id],
      ),
      'the inserted committee_session row',
    );
    for (const [i, op] of OPERATIONS.entries()) {
      const total = (op.staff + op.other + Math.floor((op.staff * 15) / 100)) * 100;
      const eu = Math.floor((total * 9500) / 10_000);
      const number = `AAP-2025-${String(900_001 + i)}`;
      const row = first<{ id: string }>(
        await em.query(
          `INSERT INTO application (number, call_id, call_version, organisation_id, status, title, summary, social_need, place, departement, target_publics,
                                  operation_type, with_participants, planned_participants, start_date, end_date, cost_option, flat_rate_bp,
                                  total_eligible_cents, max_eu_cents, eu_requested_cents, other_resources_cents, submitted_at, submitted_snapshot, created_by)
         VALUES ($1, $2, 1, $3, $4, $5, $6, 'Besoin peu couvert sur le territoire.', $7, $8, $9::jsonb, $10, true, $11, '2026-01-05', '2027-12-31',
                 'INDIRECT_15_STAFF', 1500, $12, $13, $13, $14, '2025-05-20T10:00:00Z', '{"demo": true}', $15) RETURNING id`,
          [
            number,
            call.id,
            at(organisations, i % organisations.length, 'demo organisation').id,
            op.status,
            op.title,
            op.summary,
            op.place,
            op.departement,
            JSON.stringify(op.publics),
            op.type,
            20 + i * 10,
            total,
            eu,
            total - eu,
            manager.id,
          ],
        ),
        'the inserted application row',
      );
      await em.query(
        `INSERT INTO financing_plan_version (application_id, version_no, source, cost_option, lines, resources, total_direct_cents, total_flat_rate_cents,
                                             total_eligible_cents, max_eu_cents, eu_cents, other_resources_cents, rate_bp)
         VALUES ($1, 1, 'APPLICANT', 'INDIRECT_15_STAFF', '[]', '[]', $2, $3, $4, $5, $5, $6, 9500)`,
        [row.id, (op.staff + op.other) * 100, Math.floor((op.staff * 15) / 100) * 100, total, eu, total - eu],
      );
      await em.query(`INSERT INTO committee_item (session_id, application_id, position, eu_cents) VALUES ($1, $2, $3, $4)`, [session.id, row.id, i + 1, eu]);
      await em.query(
        `INSERT INTO committee_decision (session_id, application_id, outcome, eu_cents, decided_by, decided_at) VALUES ($1, $2, 'FAVORABLE', $3, $4, '2025-10-15T10:00:00Z')`,
        [session.id, row.id, eu, manager.id],
      );
      if (op.contact || op.partners) {
        await em.query(`INSERT INTO application_publication (application_id, public_contact, seeks_partners, updated_by) VALUES ($1, $2, $3, $4)`, [
          row.id,
          op.contact,
          op.partners,
          manager.id,
        ]);
      }
    }
    await new AuditService().record(em, systemActor('seed-demo'), {
      action: 'demo.catalogue.seeded',
      subjectType: 'call',
      subjectId: call.id,
      after: { operations: OPERATIONS.length },
    });
    return OPERATIONS.length;
  });
}
