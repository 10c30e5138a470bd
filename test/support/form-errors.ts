/**
 * A form refused and shown again (docs/ui.md, « Errors »): 422, an error summary (or refusal alert) that takes the
 * focus — role="alert", tabindex="-1", data-error-summary and error-summary.js — whose every `href="#x"` leads to an
 * element with id "x" on the same page; the signed-in header is kept. Returns the summary's link targets for the caller to check the expected ones.
 */
export function expectRefusedForm(res: { status: number; text: string }, expected: { hrefs?: string[]; echoed?: string[]; signedIn?: boolean } = {}): string[] {
  expect(res.status).toBe(422);
  // The session header stays (name, menu, sign-out) unless the page is a public one seen signed out.
  if (expected.signedIn !== false) expect(res.text).toContain('Se déconnecter');
  const summary = /<div\b[^>]*\bdata-error-summary\b[^>]*>[\s\S]*?<\/div>/.exec(res.text)?.[0];
  if (!summary) throw new Error(`no error summary on the page:\n${res.text.slice(0, 2000)}`);
  expect(summary).toContain('role="alert"');
  expect(summary).toContain('tabindex="-1"');
  expect(res.text).toContain('<script src="/static/error-summary.js" defer></script>');
  const hrefs = [...summary.matchAll(/href="#([^"]+)"/g)].map((m) => m[1] ?? '');
  for (const id of hrefs) expect({ id, found: res.text.includes(`id="${id}"`) }).toEqual({ id, found: true });
  for (const id of expected.hrefs ?? []) expect(hrefs).toContain(id);
  for (const text of expected.echoed ?? []) expect(res.text).toContain(text);
  return hrefs;
}
