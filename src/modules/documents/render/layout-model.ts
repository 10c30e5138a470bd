/** What a generated document says, already formatted: the renderer only places it on pages. */
export type LayoutBlock =
  | { kind: 'heading'; text: string }
  /** keepTogether: never split across pages (a signature block). */
  | { kind: 'paragraph'; text: string; keepTogether?: boolean }
  | { kind: 'keyValues'; rows: [label: string, value: string][] }
  | { kind: 'table'; columns: { label: string; align: 'left' | 'right'; width: number }[]; rows: string[][]; footer?: string[] }
  /** Horizontal bars drawn as vector shapes; bar length ∝ value (≥ 0), valueLabel already formatted. */
  | { kind: 'barChart'; title: string; bars: { label: string; value: number; valueLabel: string }[] };

/** The issuing body as printed in the header of every page (docs/domain/documents.md, « Issuing body »). */
export interface IssuerHeader {
  name: string;
  /** Address and SIRET, one line. */
  details: string;
  /** Absolute path of a PNG or JPEG. */
  logoPath: string | null;
}

export interface LayoutModel {
  /** Document title, first page. */
  title: string;
  subtitle?: string;
  /** Issuer shown in the header of every page: the configured issuing body (a bare name for older layouts). */
  issuer: string | IssuerHeader;
  /** Stable metadata written into the PDF (no personal data). */
  reference: string;
  blocks: LayoutBlock[];
  /** Printed at the foot of every page with the page numbers. */
  footer: string;
}
