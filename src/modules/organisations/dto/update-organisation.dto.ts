import { PartialType } from '@nestjs/swagger';
import { RegisterOrganisationDto } from './register-organisation.dto';

/** Any subset of the registration fields; `null` is refused (every field is required on the organisation). */
export class UpdateOrganisationDto extends PartialType(RegisterOrganisationDto, { skipNullProperties: false }) {}
