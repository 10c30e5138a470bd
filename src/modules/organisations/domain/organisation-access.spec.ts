import { organisationRights } from './organisation-access';

describe('organisationRights', () => {
  it('lets an owner read and manage', () => {
    expect(organisationRights(['APPLICANT'], 'OWNER')).toEqual({ read: true, manage: true });
  });

  it('lets a member read only', () => {
    expect(organisationRights(['APPLICANT'], 'MEMBER')).toEqual({ read: true, manage: false });
  });

  it('hides the organisation from an applicant who does not belong to it', () => {
    expect(organisationRights(['APPLICANT'], null)).toEqual({ read: false, manage: false });
  });

  it.each([['INSTRUCTOR'], ['PROGRAMME_MANAGER'], ['MANAGING_AUTHORITY'], ['ADMINISTRATOR']] as const)('lets %s read any organisation, never write', (role) => {
    expect(organisationRights([role], null)).toEqual({ read: true, manage: false });
  });

  it('lets an evaluator read only an organisation whose dossier is assigned to them', () => {
    expect(organisationRights(['EVALUATOR'], null)).toEqual({ read: false, manage: false });
    expect(organisationRights(['EVALUATOR'], null, true)).toEqual({ read: true, manage: false });
    expect(organisationRights(['APPLICANT'], null, true)).toEqual({ read: false, manage: false });
  });

  it('does not let an owner who lost the applicant role manage', () => {
    expect(organisationRights(['INSTRUCTOR'], 'OWNER')).toEqual({ read: true, manage: false });
  });
});
