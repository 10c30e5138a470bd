/** The error summaries and refusal alerts of a page (macros/forms.njk `errorSummary`, `errorAlert`): no nested div. */
const SUMMARY = /<div\b[^>]*\bdata-error-summary\b[^>]*>[\s\S]*?<\/div>/g;
const LOCAL_LINK = /<a href="#([^"]+)">([\s\S]*?)<\/a>/g;

/**
 * Turns a link of an error summary whose target is not on the page into plain text, and names the missing ids: a link
 * that leads nowhere is worse than none (docs/ui.md, « Errors »). Each form maps its error paths to its field ids; this
 * is the net under a path no form mapped.
 */
export function unlinkDeadSummaryTargets(html: string): { html: string; dead: string[] } {
  if (!html.includes('data-error-summary')) return { html, dead: [] };
  const dead: string[] = [];
  const out = html.replace(SUMMARY, (block) =>
    block.replace(LOCAL_LINK, (link, id: string, text: string) => {
      if (html.includes(`id="${id}"`)) return link;
      dead.push(id);
      return text;
    }),
  );
  return { html: out, dead };
}
