import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

// pdf-parse loads pdfjs as ES modules, which jest cannot: extract in a plain node child process instead.
const SCRIPT = `
const { PDFParse } = require('pdf-parse');
const data = require('node:fs').readFileSync(process.argv[1]);
const p = new PDFParse({ data });
p.getText().then(async (t) => { process.stdout.write(JSON.stringify({ text: t.text, pages: t.total, pageTexts: t.pages.map((x) => x.text) })); await p.destroy(); });`;

/** The text and page count of a PDF file, as a PDF reader sees them, and the text of each page. */
export async function pdfText(path: string): Promise<{ text: string; pages: number; pageTexts: string[] }> {
  const { stdout } = await run(process.execPath, ['-e', SCRIPT, path], { cwd: process.cwd() });
  return JSON.parse(stdout);
}

/**
 * The lines of each page's body: without what every page repeats (`repeated`: the issuing body, its details, the
 * reference, the footer's text) nor the EU line and the page numbers.
 */
export function bodyLines(pageTexts: string[], repeated: (string | RegExp)[]): string[][] {
  const skip = repeated.map((h) => (typeof h === 'string' ? h.trim() : h)).filter(Boolean);
  return pageTexts.map((page) =>
    page
      .split('\n')
      .map((l) => l.trim())
      .filter(
        (l) =>
          l &&
          !skip.some((r) => (typeof r === 'string' ? l.startsWith(r) : r.test(l))) &&
          !l.includes('Cofinancé par l’Union européenne') &&
          !/^page \d+ sur \d+$/.test(l),
      ),
  );
}

/** No page holds a single line of body text (an orphan or a widow carried alone to a page of its own). */
export function lonelyPages(pageTexts: string[], repeated: (string | RegExp)[]): number[] {
  return bodyLines(pageTexts, repeated)
    .map((lines, i) => (lines.length < 2 ? i + 1 : 0))
    .filter((n) => n > 0);
}

/** What the documents' header and footer repeat on every page, for `lonelyPages`. */
export function repeatedLines(issuer: { name: string; address: string; siret: string }): (string | RegExp)[] {
  return [
    issuer.name,
    `${issuer.address} — SIRET ${issuer.siret}`,
    /^\S+ — (AAP-\d{4}-\d{6}|Comité .*)$/, // the reference: call — dossier number, or call — session
    ...['Convention attributive — ', 'Lettre de décision — ', 'Procès-verbal — ', 'Accusé de réception — '],
  ];
}
