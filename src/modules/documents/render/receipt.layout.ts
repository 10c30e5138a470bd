import { cents, formatEuros, formatRate, shareBp } from '../../../common/money/cents';
import type { IssuingBody } from '../../../config/issuing-body';
import { parisDate } from '../../applications/domain/application-number';
import { documentTypeLabel } from '../../applications/domain/labels';
import { addMonths } from '../domain/convention-terms';
import { issuerHeader } from './issuer-header';
import type { LayoutModel } from './layout-model';
import { frenchDate, frenchDateTime, frenchSize } from '../../../common/fr';

/** CRPA art. L231-4 (a request of a financial nature): two months of silence mean rejection. */
export const IMPLICIT_REJECTION_MONTHS = 2;

/** The day the request is deemed rejected without an express decision: two months after its receipt (Paris calendar). */
export function implicitRejectionDate(submittedAt: Date): string {
  return addMonths(parisDate(submittedAt), IMPLICIT_REJECTION_MONTHS);
}

export interface ReceiptData {
  number: string;
  submittedAt: Date;
  issuer: IssuingBody;
  call: { reference: string; title: string; version: number };
  organisation: { legalName: string; siret: string };
  project: { title: string; startDate: string; endDate: string };
  plan: { totalEligibleCents: number; euRequestedCents: number };
  documents: { type: string; name: string; sizeBytes: number; sha256: string }[];
}

export interface ReceiptTexts {
  title: string;
  subtitle: string;
  intro: string;
  headings: Record<'dossier' | 'plan' | 'documents' | 'mentions', string>;
  /** CRPA art. L112-3 and R112-5: the service in charge, what silence means and when, the redress against it. */
  mentions: string[];
  labels: Record<
    | 'number'
    | 'submittedAt'
    | 'call'
    | 'callVersion'
    | 'organisation'
    | 'siret'
    | 'projectTitle'
    | 'period'
    | 'totalEligible'
    | 'euRequested'
    | 'rate'
    | 'documentType'
    | 'documentName'
    | 'documentSize'
    | 'documentHash',
    string
  >;
  documentsNotice: string;
  period: string;
  footer: string;
}

const fill = (text: string, values: Record<string, string>): string => text.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? `{${k}}`);

/** Calendar dates of the operation (YYYY-MM-DD) printed as French dates, without time-zone shifts. */
const calendarDate = (iso: string): string => frenchDate(new Date(`${iso}T12:00:00Z`));

/**
 * Receipt (docs/domain/documents.md): number, call, organisation, time of submission, amounts and the documents with their
 * SHA-256. The requested rate is EU ÷ CTE, floored to the basis point so it never overstates the share.
 */
export function receiptLayout(data: ReceiptData, texts: ReceiptTexts): LayoutModel {
  const b = data.issuer;
  const values = {
    number: data.number,
    submittedAt: frenchDateTime(data.submittedAt),
    callTitle: data.call.title,
    operator: b.name,
    address: b.address,
    service: b.contact.service,
    email: b.contact.email,
    phone: b.contact.phone.replace(/ /g, '\u00a0'), // a telephone number never breaks
    court: b.court.name,
    courtAddress: b.court.address,
    implicitDate: calendarDate(implicitRejectionDate(data.submittedAt)),
  };
  const rateBp = shareBp(cents(data.plan.euRequestedCents), cents(data.plan.totalEligibleCents));
  const l = texts.labels;
  return {
    title: texts.title,
    subtitle: fill(texts.subtitle, values),
    issuer: issuerHeader(data.issuer),
    reference: `${data.call.reference} — ${data.number}`,
    footer: fill(texts.footer, values),
    blocks: [
      { kind: 'paragraph', text: fill(texts.intro, values) },
      { kind: 'heading', text: texts.headings.dossier },
      {
        kind: 'keyValues',
        rows: [
          [l.number, data.number],
          [l.submittedAt, values.submittedAt],
          [l.call, `${data.call.reference} — ${data.call.title}`],
          [l.callVersion, String(data.call.version)],
          [l.organisation, data.organisation.legalName],
          [l.siret, data.organisation.siret],
          [l.projectTitle, data.project.title],
          [l.period, fill(texts.period, { start: calendarDate(data.project.startDate), end: calendarDate(data.project.endDate) })],
        ],
      },
      { kind: 'heading', text: texts.headings.plan },
      {
        kind: 'keyValues',
        rows: [
          [l.totalEligible, formatEuros(data.plan.totalEligibleCents)],
          [l.euRequested, formatEuros(data.plan.euRequestedCents)],
          [l.rate, formatRate(Math.min(rateBp, 10_000))],
        ],
      },
      { kind: 'heading', text: texts.headings.documents },
      {
        kind: 'table',
        columns: [
          { label: l.documentType, align: 'left', width: 2.8 },
          { label: l.documentName, align: 'left', width: 3.6 },
          { label: l.documentSize, align: 'right', width: 1.6 },
          { label: l.documentHash, align: 'left', width: 8 },
        ],
        rows: data.documents.map((d) => [documentTypeLabel(d.type), d.name, frenchSize(d.sizeBytes), d.sha256]),
      },
      { kind: 'paragraph', text: texts.documentsNotice },
      { kind: 'heading', text: texts.headings.mentions },
      ...texts.mentions.map((m) => ({ kind: 'paragraph' as const, text: fill(m, values) })),
    ],
  };
}
