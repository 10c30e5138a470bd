import { PageQuery } from '../../../common/http/page.query';

export class ListOrganisationsQuery extends PageQuery {}
