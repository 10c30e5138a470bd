import { PartialType } from '@nestjs/swagger';
import { CreateCallDto } from './create-call.dto';

/** A partial change; `maxEuCents` and `evaluationGrid` may be set to null, other fields may not. */
export class UpdateCallDto extends PartialType(CreateCallDto) {}
