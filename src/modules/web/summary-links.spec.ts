import { unlinkDeadSummaryTargets } from './summary-links';

describe('unlinkDeadSummaryTargets', () => {
  const summary = (links: string) => `<div class="fr-alert" role="alert" tabindex="-1" data-error-summary><ul>${links}</ul></div>`;

  it('keeps the links whose target is on the page and unlinks the others', () => {
    const html = `${summary('<li><a href="#motif">Motif requis</a></li><li><a href="#perdu">Ailleurs</a></li>')}<textarea id="motif"></textarea>`;
    const r = unlinkDeadSummaryTargets(html);
    expect(r.dead).toEqual(['perdu']);
    expect(r.html).toContain('<a href="#motif">Motif requis</a>');
    expect(r.html).toContain('<li>Ailleurs</li>');
  });

  it('leaves a page without a summary, and links outside the summary, untouched', () => {
    const html = '<a href="#nulle-part">Aller</a>';
    expect(unlinkDeadSummaryTargets(html)).toEqual({ html, dead: [] });
    const withSummary = `${summary('<li>Erreur</li>')}<a href="#nulle-part">Aller</a>`;
    expect(unlinkDeadSummaryTargets(withSummary).html).toBe(withSummary);
  });
});
