import { type Cents, formatEuros, formatRate } from '../../../common/money/cents';
import type { IssuingBody } from '../../../config/issuing-body';
import { rateBp } from '../domain/convention-terms';
import { fill } from './fill';
import { issuerHeader } from './issuer-header';
import type { LayoutBlock, LayoutModel } from './layout-model';
import { frenchDateTime } from '../../../common/fr';

export interface MinutesData {
  issuer: IssuingBody;
  version: number;
  session: {
    title: string;
    scheduledAt: Date;
    location: string | null;
    quorum: number;
    call: { reference: string; title: string };
    /** Who prepared the session and keeps its minutes. */
    secretary: string | null;
  };
  /** The call's envelope, what earlier sessions programmed, and so what was left when this session opened. */
  envelope: { totalCents: Cents; programmedBeforeCents: Cents };
  /** institution: null for the issuing body's own staff. */
  members: { name: string; institution: string | null; role: string; present: boolean }[];
  /** Agenda in position order, each with its decision when one was taken. */
  items: {
    position: number;
    rank: number | null;
    number: string;
    title: string;
    organisation: string;
    totalEligibleCents: Cents;
    total: string | null;
    euCents: Cents;
    rankingStatus: string | null;
    recused: string[];
    decision: {
      outcome: string;
      euCents: Cents | null;
      reasonCode: string | null;
      reason: string | null;
      conditions: string | null;
      requests: string | null;
    } | null;
  }[];
}

export interface MinutesTexts {
  title: string;
  subtitle: string;
  headings: Record<'session' | 'members' | 'agenda' | 'decisions' | 'summary' | 'signatures' | 'motives', string>;
  labels: Record<
    | 'date'
    | 'location'
    | 'call'
    | 'quorum'
    | 'present'
    | 'absent'
    | 'name'
    | 'role'
    | 'attendance'
    | 'position'
    | 'rank'
    | 'dossier'
    | 'organisation'
    | 'total'
    | 'euAmount'
    | 'rankingStatus'
    | 'decision'
    | 'motive'
    | 'recused'
    | 'none'
    | 'favorableCount'
    | 'defavorableCount'
    | 'postponedCount'
    | 'programmedTotal'
    | 'institution'
    | 'operation'
    | 'beneficiary'
    | 'totalEligible'
    | 'rate'
    | 'envelope'
    | 'envelopeBefore'
    | 'envelopeAfter',
    string
  >;
  roles: Record<string, string>;
  quorumReached: string;
  quorumMissed: string;
  rankingStatuses: Record<string, string>;
  outcomes: Record<string, string>;
  reasonCodes: Record<string, string>;
  recusalNotice: string;
  rules: string;
  envelopeNotice: string;
  signatureChair: string;
  signatureSecretary: string;
  signatureLine: string;
  footer: string;
}

/** Procès-verbal of a programming committee (docs/domain/committee.md, documents.md): attendance and quorum, ranked agenda, decisions. */
export function minutesLayout(d: MinutesData, t: MinutesTexts): LayoutModel {
  const l = t.labels;
  const present = d.members.filter((m) => m.present).length;
  const quorumValues = { present, members: d.members.length, quorum: d.session.quorum };
  const decided = d.items.filter((i) => i.decision);
  const count = (o: string): string => String(decided.filter((i) => i.decision!.outcome === o).length);
  const programmed = decided.filter((i) => i.decision!.outcome === 'FAVORABLE').reduce((s, i) => s + (i.decision!.euCents ?? 0), 0);
  const motive = (dec: NonNullable<MinutesData['items'][number]['decision']>): string =>
    [dec.reasonCode ? (t.reasonCodes[dec.reasonCode] ?? dec.reasonCode) : null, dec.reason, dec.conditions, dec.requests]
      .filter((x) => x && x.trim())
      .join(' — ') || l.none;
  const chair = d.members.find((m) => m.role === 'CHAIR');
  const values = { sessionTitle: d.session.title, version: d.version };
  const before = d.envelope.totalCents - d.envelope.programmedBeforeCents;

  const blocks: LayoutBlock[] = [
    { kind: 'heading', text: t.headings.session },
    {
      kind: 'keyValues',
      rows: [
        [l.date, frenchDateTime(d.session.scheduledAt)],
        [l.location, d.session.location ?? l.none],
        [l.call, `${d.session.call.reference} — ${d.session.call.title}`],
        [l.quorum, fill(present >= d.session.quorum ? t.quorumReached : t.quorumMissed, quorumValues)],
      ],
    },
    { kind: 'paragraph', text: fill(t.rules, { rules: d.issuer.committeeRules, quorum: d.session.quorum }) },
    { kind: 'heading', text: t.headings.members },
    {
      kind: 'table',
      columns: [
        { label: l.name, align: 'left', width: 4 },
        { label: l.institution, align: 'left', width: 5 },
        { label: l.role, align: 'left', width: 3 },
        { label: l.attendance, align: 'left', width: 2 },
      ],
      rows: d.members.map((m) => [m.name, m.institution ?? d.issuer.name, t.roles[m.role] ?? m.role, m.present ? l.present : l.absent]),
    },
    { kind: 'heading', text: t.headings.agenda },
    {
      kind: 'table',
      columns: [
        { label: l.rank, align: 'right', width: 1 },
        { label: l.dossier, align: 'left', width: 3 },
        { label: l.organisation, align: 'left', width: 4 },
        { label: l.total, align: 'right', width: 2 },
        { label: l.euAmount, align: 'right', width: 3 },
        { label: l.rankingStatus, align: 'left', width: 3 },
      ],
      rows: d.items.map((i) => [
        i.rank === null ? l.none : String(i.rank),
        i.number,
        i.organisation,
        i.total ?? l.none,
        formatEuros(i.euCents),
        i.rankingStatus ? (t.rankingStatuses[i.rankingStatus] ?? i.rankingStatus) : l.none,
      ]),
    },
    { kind: 'heading', text: t.headings.decisions },
    {
      kind: 'table',
      columns: [
        { label: l.dossier, align: 'left', width: 3.6 },
        { label: l.operation, align: 'left', width: 3 },
        { label: l.beneficiary, align: 'left', width: 2.9 },
        { label: l.totalEligible, align: 'right', width: 3.1 },
        { label: l.rate, align: 'right', width: 1.9 },
        { label: l.euAmount, align: 'right', width: 3.1 },
        { label: l.decision, align: 'left', width: 2.6 },
      ],
      rows: d.items.map((i) => {
        const granted = i.decision?.outcome === 'FAVORABLE' && i.decision.euCents !== null ? i.decision.euCents : null;
        return [
          i.number,
          i.title,
          i.organisation,
          formatEuros(i.totalEligibleCents),
          granted === null ? l.none : formatRate(rateBp(granted, i.totalEligibleCents)),
          granted === null ? l.none : formatEuros(granted),
          t.outcomes[i.decision?.outcome ?? 'PENDING'] ?? i.decision?.outcome ?? '',
        ];
      }),
    },
    { kind: 'heading', text: t.headings.motives },
    {
      kind: 'table',
      columns: [
        { label: l.dossier, align: 'left', width: 3 },
        { label: l.motive, align: 'left', width: 8 },
        { label: l.recused, align: 'left', width: 3 },
      ],
      rows: d.items.map((i) => [i.number, i.decision ? motive(i.decision) : l.none, i.recused.length ? i.recused.join(', ') : l.none]),
    },
    ...(d.items.some((i) => i.recused.length) ? [{ kind: 'paragraph', text: t.recusalNotice } as LayoutBlock] : []),
    { kind: 'heading', text: t.headings.summary },
    {
      kind: 'keyValues',
      rows: [
        [l.favorableCount, count('FAVORABLE')],
        [l.defavorableCount, count('DEFAVORABLE')],
        [l.postponedCount, count('POSTPONED')],
        [l.programmedTotal, formatEuros(programmed)],
        [l.envelope, formatEuros(d.envelope.totalCents)],
        [l.envelopeBefore, formatEuros(before)],
        [l.envelopeAfter, formatEuros(before - programmed)],
      ],
    },
    { kind: 'paragraph', text: t.envelopeNotice },
    { kind: 'heading', text: t.headings.signatures },
    {
      kind: 'paragraph',
      keepTogether: true,
      text: `${fill(t.signatureChair, { chair: chair?.name ?? l.none })}\n${t.signatureLine}\n\n\n\n${fill(t.signatureSecretary, { secretary: d.session.secretary ?? l.none })}\n${t.signatureLine}\n\n\n`,
    },
  ];
  return {
    title: t.title,
    subtitle: fill(t.subtitle, values),
    issuer: issuerHeader(d.issuer),
    reference: `${d.session.call.reference} — ${d.session.title}`,
    footer: fill(t.footer, values),
    blocks,
  };
}
