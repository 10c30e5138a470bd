import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

// pdf-parse loads pdfjs as ES modules, which jest cannot: extract in a plain node child process instead.
const SCRIPT = `
const { PDFParse } = require('pdf-parse');
const data = require('node:fs').readFileSync(process.argv[1]);
const p = new PDFParse({ data });
p.getText().then(async (t) => { process.stdout.write(JSON.stringify({ text: t.text, pages: t.total })); await p.destroy(); });`;

/** The text and page count of a PDF file, as a PDF reader sees them. */
export async function pdfText(path: string): Promise<{ text: string; pages: number }> {
  const { stdout } = await run(process.execPath, ['-e', SCRIPT, path], { cwd: process.cwd() });
  return JSON.parse(stdout);
}
