import { article15FromForm, formVersion, planFromForm, projectFromForm } from './section-forms';

describe('planFromForm', () => {
  it('turns repeatable rows typed in euros into cents, in row order, dropping empty rows', () => {
    const { dto, errors, echo } = planFromForm({
      costOption: 'INDIRECT_15_STAFF',
      'lines[1][category]': 'OTHER_DIRECT',
      'lines[1][amount]': '20 000,5',
      'lines[0][category]': 'STAFF',
      'lines[0][label]': ' Animatrice ',
      'lines[0][amount]': '80 000 €',
      'lines[7][category]': '',
      'lines[7][amount]': '',
      'resources[0][type]': 'ESF_PLUS',
      'resources[0][amount]': '106\u202f400,00',
      'resources[1][type]': 'PUBLIC',
      'resources[1][funderName]': 'Région',
      'resources[1][amount]': '1.000',
    });
    expect(errors).toEqual([]);
    expect(dto).toEqual({
      costOption: 'INDIRECT_15_STAFF',
      stateAid: false,
      lines: [
        { category: 'STAFF', label: 'Animatrice', amountCents: 8_000_000 },
        { category: 'OTHER_DIRECT', label: '', amountCents: 2_000_050 },
      ],
      resources: [
        { type: 'ESF_PLUS', funderName: undefined, amountCents: 10_640_000 },
        { type: 'PUBLIC', funderName: 'Région', amountCents: 100_000 },
      ],
    });
    expect(echo.lines.map((l) => l.amount)).toEqual(['80 000 €', '20 000,5']);
  });

  it('reports an unreadable amount on its row and keeps what was typed', () => {
    const { errors, echo } = planFromForm({ costOption: 'REAL_COSTS', stateAid: 'true', 'lines[0][category]': 'STAFF', 'lines[0][amount]': '12,345' });
    expect(errors).toEqual([{ path: 'lines[0].amountCents', code: 'INVALID_AMOUNT', message: expect.stringContaining('Montant invalide') }]);
    expect(echo).toMatchObject({ stateAid: true, lines: [{ category: 'STAFF', amount: '12,345' }] });
  });

  it('ignores fields that are not part of a row', () => {
    expect(
      planFromForm({ costOption: 'REAL_COSTS', 'lines[0][evil]': 'x', 'lines[x][amount]': '1', 'lines[0][category]': 'STAFF', 'lines[0][amount]': '1' }).dto,
    ).toMatchObject({
      lines: [{ category: 'STAFF', label: '', amountCents: 100 }],
    });
  });
});

describe('projectFromForm, article15FromForm, formVersion', () => {
  it('maps strings to the DTO shape, with NaN for an unreadable number so validation reports it', () => {
    expect(
      projectFromForm({ title: ' Ruches ', targetPublics: ['A', ' '], withParticipants: 'true', plannedParticipants: '40', departement: '2a' }),
    ).toMatchObject({
      title: 'Ruches',
      targetPublics: ['A'],
      withParticipants: true,
      plannedParticipants: 40,
      departement: '2A',
      startDate: undefined,
    });
    expect(projectFromForm({ plannedParticipants: 'quarante' }).plannedParticipants).toBeNaN();
    expect(
      projectFromForm({ operationType: 'ESSAIMAGE', existingProject: 'true', experimentationStartDate: '2025-06-01', newTerritory: 'false' }),
    ).toMatchObject({
      operationType: 'ESSAIMAGE',
      existingProject: true,
      experimentationStartDate: '2025-06-01',
      newTerritory: false,
      substantialChange: undefined,
    });
    expect(article15FromForm({ i1_answer: 'false', i1_justification: 'Non.' })).toEqual({
      i1: { answer: false, justification: 'Non.' },
      i2: { answer: undefined, justification: undefined },
      ii: { answer: undefined, justification: undefined },
    });
    expect(formVersion({ version: '12' })).toBe('"12"');
    expect(formVersion({ version: '12"; x' })).toBeUndefined();
  });
});
