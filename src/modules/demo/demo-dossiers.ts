import { Readable } from 'node:stream';
import { ApplicationStateAidRepository } from '../applications/application-state-aid.repository';
import { DataSource, EntityManager } from 'typeorm';
import { systemActor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { applyRateFloor } from '../../common/money/cents';
import { SCO_THRESHOLD_CENTS } from '../cofinancing/domain/cost-options';
import { OutboxService } from '../../common/outbox/outbox.service';
import type { AppConfig } from '../../config/config';
import { ApplicationAccess } from '../applications/application-access.service';
import { ApplicationDocumentsRepository } from '../applications/application-documents.repository';
import { contentOf } from '../applications/application-content';
import { ApplicationViews } from '../applications/application-view.service';
import { ApplicationsRepository, firstPlanVersion } from '../applications/applications.repository';
import { parisYear } from '../applications/domain/application-number';
import { checkSubmission, computeApplicationPlan } from '../applications/domain/submission-checks';
import type { CallRow } from '../applications/application-rows';
import type { FinancingPlanSection } from '../applications/domain/application-content';
import { ApplicationLifecycle } from '../applications/lifecycle/application-lifecycle';
import { ApplicationStatusRepository } from '../applications/lifecycle/application-status.repository';
import { submissionSnapshot } from '../applications/submission-snapshot';
import { DocumentRequests } from '../documents/document-requests.service';
import { DocumentTransitions } from '../documents/document-transitions.listener';
import { DocumentsRepository } from '../documents/documents.repository';
import { Antivirus } from '../files/antivirus/antivirus.service';
import { FileStorage } from '../files/file-storage.service';
import { createObjectStorage } from '../files/storage/create-object-storage';
import { InstructionRepository } from '../instruction/instruction.repository';
import { MailRenderer } from '../mail/mail-renderer';
import { MailRepository } from '../mail/mail.repository';
import { MailService } from '../mail/mail.service';
import { StatusMails } from '../mail/status-mails.listener';
import { targetedCodes, type TargetInput } from '../participants/domain/targets';
import { insertTargets } from '../participants/indicator-targets.service';
import { first } from '../../common/collections';

/** Extra applicant organisations of the demo (Luhn-valid SIRETs), handled by the second demo applicant. */
export const DEMO_EXTRA_ORGANISATIONS = [
  {
    key: 'C',
    siret: '83412567600017',
    legalName: 'Fondation Horizons Partagés',
    legalForm: 'FONDATION',
    postalCode: '13003',
    city: 'Marseille',
    departement: '13',
  },
  { key: 'D', siret: '44298765700024', legalName: 'SCOP Les Ateliers du Lien', legalForm: 'SCOP', postalCode: '59000', city: 'Lille', departement: '59' },
  {
    key: 'E',
    siret: '53011223400048',
    legalName: 'Association Péi Solidaire',
    legalForm: 'ASSOCIATION_1901',
    postalCode: '97400',
    city: 'Saint-Denis',
    departement: '974',
  },
  { key: 'F', siret: '39876543800054', legalName: 'Mutuelle Entraide Corse', legalForm: 'MUTUELLE', postalCode: '20000', city: 'Ajaccio', departement: '2A' },
] as const;

interface DossierSpec {
  org: 'A' | 'B' | 'C' | 'D' | 'E' | 'F';
  title: string;
  departement: string;
  place: string;
  publics: string[];
  /** Direct costs in euros: staff and other direct costs; the plan uses the 15 % indirect flat rate. */
  staff: number;
  other: number;
  /** Share of the maximum EU amount requested, in basis points. */
  askBp: number;
  operationType: 'EXPERIMENTATION' | 'ESSAIMAGE' | 'CHANGEMENT_ECHELLE';
  existing: boolean;
  assigned?: boolean;
  labels?: string[];
}

const DOSSIERS: DossierSpec[] = [
  {
    org: 'A',
    title: 'Ruches partagées en pied d’immeuble',
    departement: '69',
    place: 'Lyon 8e',
    publics: ['JEUNES_NEET'],
    staff: 80_000,
    other: 20_000,
    askBp: 10_000,
    operationType: 'EXPERIMENTATION',
    existing: false,
    assigned: true,
    labels: ['visite prévue'],
  },
  {
    org: 'B',
    title: 'Cantine coopérative de quartier',
    departement: '35',
    place: 'Rennes, Maurepas',
    publics: ['HABITANTS_QPV'],
    staff: 120_000,
    other: 35_000,
    askBp: 9_000,
    operationType: 'ESSAIMAGE',
    existing: true,
    assigned: true,
  },
  {
    org: 'C',
    title: 'Garage solidaire et mobilité vers l’emploi',
    departement: '13',
    place: 'Marseille 3e',
    publics: ['PERSONNES_ELOIGNEES_EMPLOI'],
    staff: 150_000,
    other: 60_000,
    askBp: 10_000,
    operationType: 'CHANGEMENT_ECHELLE',
    existing: true,
    labels: ['urgent'],
  },
  {
    org: 'D',
    title: 'Atelier de réemploi textile inclusif',
    departement: '59',
    place: 'Lille Fives',
    publics: ['PERSONNES_EN_SITUATION_DE_HANDICAP'],
    staff: 95_000,
    other: 15_000,
    askBp: 10_000,
    operationType: 'EXPERIMENTATION',
    existing: false,
  },
  {
    org: 'E',
    title: 'Tiers-lieu numérique des Hauts',
    departement: '974',
    place: 'Le Tampon',
    publics: ['JEUNES_NEET', 'HABITANTS_QPV'],
    staff: 70_000,
    other: 10_000,
    askBp: 9_500,
    operationType: 'ESSAIMAGE',
    existing: false,
    assigned: true,
    labels: ['urgent', 'outre-mer'],
  },
  {
    org: 'F',
    title: 'Bergerie école en insertion',
    departement: '2A',
    place: 'Ajaccio, Mezzavia',
    publics: ['PERSONNES_ELOIGNEES_EMPLOI'],
    staff: 110_000,
    other: 45_000,
    askBp: 10_000,
    operationType: 'EXPERIMENTATION',
    existing: false,
  },
  {
    org: 'A',
    title: 'Conciergerie solidaire d’entreprises',
    departement: '69',
    place: 'Villeurbanne',
    publics: ['PERSONNES_ELOIGNEES_EMPLOI'],
    staff: 60_000,
    other: 8_000,
    askBp: 10_000,
    operationType: 'ESSAIMAGE',
    existing: true,
  },
  {
    org: 'B',
    title: 'Épicerie participative itinérante',
    departement: '56',
    place: 'Centre Bretagne',
    publics: ['HABITANTS_QPV'],
    staff: 85_000,
    other: 40_000,
    askBp: 8_000,
    operationType: 'EXPERIMENTATION',
    existing: false,
    labels: ['à compléter'],
  },
  {
    org: 'C',
    title: 'Plateforme d’aidants de proximité',
    departement: '84',
    place: 'Avignon',
    publics: ['PERSONNES_EN_SITUATION_DE_HANDICAP'],
    staff: 200_000,
    other: 50_000,
    askBp: 10_000,
    operationType: 'CHANGEMENT_ECHELLE',
    existing: true,
    assigned: true,
  },
  {
    org: 'D',
    title: 'Recyclerie pédagogique',
    departement: '62',
    place: 'Lens',
    publics: ['JEUNES_NEET'],
    staff: 75_000,
    other: 25_000,
    askBp: 10_000,
    operationType: 'ESSAIMAGE',
    existing: false,
  },
  {
    org: 'E',
    title: 'Jardins créoles d’insertion',
    departement: '974',
    place: 'Saint-Pierre',
    publics: ['PERSONNES_ELOIGNEES_EMPLOI'],
    staff: 130_000,
    other: 30_000,
    askBp: 10_000,
    operationType: 'EXPERIMENTATION',
    existing: false,
  },
  {
    org: 'F',
    title: 'Maison des savoir-faire villageois',
    departement: '2B',
    place: 'Corte',
    publics: ['HABITANTS_QPV'],
    staff: 90_000,
    other: 20_000,
    askBp: 9_000,
    operationType: 'ESSAIMAGE',
    existing: true,
    labels: ['visite prévue'],
  },
];

const DAY = 86_400_000;
const isoDay = (t: number): string => new Date(t).toISOString().slice(0, 10);
/** A tiny but genuine PDF, so the documents open and the receipt lists real SHA-256 fingerprints. */
const demoPdf = (text: string): Buffer =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );

/**
 * The demo call's submitted dossiers, written by the statements the applicant's use cases run (create, the three
 * sections, documents, then submission: history, receipt job, number, snapshot, submission 1 and plan version 1, audit),
 * each checked by the same submission rules; then a few are assigned to the demo instructor and labelled. Does nothing
 * when the call already has dossiers, so `npm start` may run it every time.
 */
export async function seedDemoDossiers(dataSource: DataSource, config: AppConfig, now = new Date()): Promise<number> {
  const applications = new ApplicationsRepository(dataSource);
  const documents = new ApplicationDocumentsRepository(dataSource);
  const views = new ApplicationViews(new ApplicationAccess(applications), applications, new ApplicationStateAidRepository(dataSource));
  const instruction = new InstructionRepository(dataSource);
  const storage = new FileStorage(config, createObjectStorage(config), new Antivirus(config));
  const lifecycle = new ApplicationLifecycle(new AuditService(), new ApplicationStatusRepository());
  // The api's listeners, so a seeded submission requests its receipt and mails its organisation as a real one does
  // (rows + outbox jobs in the same transaction; the api's relay publishes them and the worker sends them).
  new DocumentTransitions(lifecycle, new DocumentRequests(new DocumentsRepository(dataSource), new OutboxService())).onModuleInit();
  new StatusMails(lifecycle, new MailService(new MailRepository(dataSource), new MailRenderer(config))).onModuleInit();
  const actor = systemActor('seed-demo');

  return dataSource.transaction(async (em) => {
    const [call]: { id: string; requiredDocumentTypes: string[] }[] = await em.query(
      `SELECT c.id, c.required_document_types AS "requiredDocumentTypes" FROM call c JOIN app_user u ON u.id = c.created_by
        WHERE u.email = 'gestionnaire@demo.essaim.fr' AND c.status = 'PUBLISHED' ORDER BY c.created_at LIMIT 1`,
    );
    if (!call) return 0;
    const { count } = first<{ count: string }>(await em.query(`SELECT count(*) FROM application WHERE call_id = $1`, [call.id]), 'the dossier count');
    if (count !== '0') return 0;
    const users: { id: string; email: string }[] = await em.query(
      `SELECT id, email FROM app_user WHERE email IN ('porteur@demo.essaim.fr', 'porteuse@demo.essaim.fr', 'instructeur@demo.essaim.fr')`,
    );
    const userId = (email: string): string => users.find((u) => u.email === email)!.id;
    const orgs = await demoOrganisations(em, userId('porteuse@demo.essaim.fr'));
    const callRow = (await applications.findCall(call.id, em))!;

    for (const [i, spec] of DOSSIERS.entries()) {
      const applicant = spec.org === 'A' ? userId('porteur@demo.essaim.fr') : userId('porteuse@demo.essaim.fr');
      const submittedAt = new Date(now.getTime() - (DOSSIERS.length - i) * 80 * 60_000);
      const id = await applications.insert(em, { callId: call.id, callVersion: 1, organisationId: orgs[spec.org], createdBy: applicant, title: spec.title });
      await fillDossier(em, applications, callRow, id, spec, now);
      await declareStateAid(em, id, applicant, i === 6);
      for (const type of call.requiredDocumentTypes) {
        const upload = await storage.receive(Readable.from([demoPdf(`${type} ${spec.title}`)]));
        const { storageKey, scanStatus } = await storage.commit(upload, 'application/pdf');
        await documents.insert(em, {
          applicationId: id,
          documentType: type,
          originalName: `${type.toLowerCase()}.pdf`,
          storageKey,
          mediaType: 'application/pdf',
          sizeBytes: upload.sizeBytes,
          sha256: upload.sha256,
          uploadedBy: applicant,
          scanStatus,
        });
      }
      await insertTargets(em, id, 1, demoTargets(callRow.indicatorCodes ?? [], i));
      const bundle = await views.bundle((await applications.findById(id, em))!, em);
      const { errors, plan } = checkSubmission(contentOf(bundle), bundle.call, submittedAt);
      if (errors.length || !plan) throw new Error(`demo dossier « ${spec.title} » would not pass submission: ${errors.map((e) => e.path).join(', ')}`);
      const snapshot = submissionSnapshot(bundle, plan, '', submittedAt, 1, bundle.indicatorTargets); // numbered by lifecycle.submit
      await lifecycle.submit(
        em,
        { id, actor, expectedVersion: bundle.row.version, audit: { action: 'application.submitted', after: { demo: true } } },
        {
          year: parisYear(submittedAt),
          callVersion: 1,
          submittedAt,
          submittedBy: applicant,
          snapshot,
          plan,
          planVersion: firstPlanVersion({ id, submittedBy: applicant, snapshot, plan, rateBp: bundle.call.maxRateBp }),
          commitsTransaction: false,
        },
      );
      if (spec.assigned) await instruction.setInstructor(em, id, null, userId('instructeur@demo.essaim.fr'));
      if (spec.labels) await instruction.setLabels(em, id, (await applications.findById(id, em))!.version, spec.labels);
    }
    return DOSSIERS.length;
  });
}

/**
 * The State aid section, required at submission (docs/domain/state-aid.md): « no State aid », justified, for most
 * dossiers; one declares de minimis aid (Regulation (EU) 2023/2831) with 40 000 € already received over three years.
 */
async function declareStateAid(em: EntityManager, id: string, userId: string, deMinimis: boolean): Promise<void> {
  await em.query(
    `INSERT INTO application_state_aid (application_id, regime, justification, de_minimis_received_cents, updated_by) VALUES ($1, $2, $3, $4, $5)`,
    deMinimis
      ? [id, 'DE_MINIMIS', null, 4_000_000, userId]
      : [
          id,
          'NONE',
          "Activité non économique : accompagnement gratuit de publics éloignés de l'emploi, sans offre de biens ou de services sur un marché.",
          null,
          userId,
        ],
  );
  if (deMinimis) await em.query(`UPDATE application SET state_aid = true WHERE id = $1`, [id]);
}

/** Demo organisations A and B (already seeded) plus C–F, which the second demo applicant belongs to. */
async function demoOrganisations(em: EntityManager, memberId: string): Promise<Record<DossierSpec['org'], string>> {
  for (const o of DEMO_EXTRA_ORGANISATIONS) {
    const [row]: { id: string }[] = await em.query(
      `INSERT INTO organisation (siret, legal_name, legal_form, ess_status, address_line, postal_code, city, departement)
       VALUES ($1, $2, $3, true, '1 place de la République', $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id`,
      [o.siret, o.legalName, o.legalForm, o.postalCode, o.city, o.departement],
    );
    if (row) await em.query(`INSERT INTO organisation_member (organisation_id, user_id, member_role) VALUES ($1, $2, 'OWNER')`, [row.id, memberId]);
  }
  const rows: { id: string; siret: string }[] = await em.query(`SELECT id, siret FROM organisation WHERE siret = ANY($1)`, [
    ['78213456300017', '81245678800015', ...DEMO_EXTRA_ORGANISATIONS.map((o) => o.siret)],
  ]);
  const bySiret = (siret: string) => rows.find((r) => r.siret === siret)!.id;
  return {
    A: bySiret('78213456300017'),
    B: bySiret('81245678800015'),
    ...(Object.fromEntries(DEMO_EXTRA_ORGANISATIONS.map((o) => [o.key, bySiret(o.siret)])) as Record<'C' | 'D' | 'E' | 'F', string>),
  };
}

/** The project, Article 15 and financing plan sections, through the repository's own UPDATEs (versions 1 → 4). */
async function fillDossier(em: EntityManager, applications: ApplicationsRepository, call: CallRow, id: string, spec: DossierSpec, now: Date): Promise<void> {
  const start = now.getTime() + 45 * DAY;
  await applications.updateProject(em, id, 1, {
    title: spec.title,
    summary: `${spec.title} : un projet d'innovation sociale porté localement, avec les habitants et les partenaires de l'emploi.`,
    socialNeed: "Un besoin social mal couvert sur le territoire, relevé avec les personnes concernées et les acteurs de l'insertion.",
    targetPublics: spec.publics,
    startDate: isoDay(start),
    endDate: isoDay(start + 540 * DAY),
    place: spec.place,
    departement: spec.departement,
    withParticipants: true,
    plannedParticipants: 30 + (spec.staff % 7) * 5,
    operationType: spec.operationType,
    existingProject: spec.existing,
    experimentationStartDate: spec.existing ? isoDay(now.getTime() - 200 * DAY) : null,
    newTerritory: spec.operationType === 'ESSAIMAGE',
    substantialChange: spec.operationType === 'CHANGEMENT_ECHELLE',
  });
  const answer = (yes: boolean, why: string) => ({ answer: yes, justification: why });
  await applications.updateArticle15(em, id, 2, {
    i1: answer(true, 'Aucune réponse équivalente sur le territoire ; besoin confirmé par un diagnostic partagé.'),
    i2: answer(spec.operationType !== 'ESSAIMAGE', "Gouvernance associant les bénéficiaires à chaque décision d'organisation."),
    ii: answer(true, "Modèle économique non rentable aux conditions du marché pendant l'expérimentation."),
  });
  const staff = spec.staff * 100;
  const other = spec.other * 100;
  // CPR art. 53(2): at or below 200 000 € of total cost, other direct costs cannot stay at real cost beside 15 % of
  // staff; those dossiers use the 40 % flat rate on staff that covers every other cost (art. 56(1)).
  const small = staff + other + applyRateFloor(staff, 1500) <= SCO_THRESHOLD_CENTS;
  const cte = small ? staff + applyRateFloor(staff, 4000) : staff + other + applyRateFloor(staff, 1500);
  const esf = applyRateFloor(applyRateFloor(cte, 9500), spec.askBp);
  const section = {
    costOption: small ? ('OTHER_COSTS_40_STAFF' as const) : ('INDIRECT_15_STAFF' as const),
    flatRateBp: small ? 4000 : 1500,
    stateAid: false,
    lines: [
      { category: 'STAFF' as const, label: 'Coordination et accompagnement', amountCents: staff },
      ...(small ? [] : [{ category: 'OTHER_DIRECT' as const, label: 'Matériel, locaux et déplacements', amountCents: other }]),
    ],
    resources: [
      { type: 'ESF_PLUS' as const, funderName: null, amountCents: esf },
      { type: 'SELF' as const, funderName: null, amountCents: cte - esf },
    ],
  } satisfies FinancingPlanSection;
  await applications.updateFinancingPlan(em, id, 3, section, computeApplicationPlan(section, call).plan);
  // Priority 6 facts (docs/domain/eligibility.md), entered with the project.
  await em.query(
    `UPDATE application SET operation_type = $2, existing_project = $3, experimentation_start_date = $4, new_territory = $5, substantial_change = $6
      WHERE id = $1 AND status = 'DRAFT'`,
    [
      id,
      spec.operationType,
      spec.existing,
      spec.existing ? isoDay(now.getTime() - 200 * DAY) : null,
      spec.operationType === 'ESSAIMAGE',
      spec.operationType === 'CHANGEMENT_ECHELLE',
    ],
  );
}

/** Plausible targets for every indicator of the demo call: EECO01 with its breakdown by sex, the others a share of it. */
function demoTargets(callCodes: readonly string[], i: number): TargetInput[] {
  const total = 30 + (i % 7) * 5;
  return targetedCodes(callCodes).map((code, k) =>
    k === 0
      ? { code, total, women: Math.ceil(total / 2), men: total - Math.ceil(total / 2), nonBinary: 0 }
      : { code, total: Math.max(1, Math.floor(total / (k + 1))), women: null, men: null, nonBinary: null },
  );
}
