import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { findControlCharacters } from './control-characters';
import { HttpProblemException } from './http-problem.exception';

/**
 * Global pipe run before the ValidationPipe on every body, query and route parameter: a control character is a 400
 * naming the field, whatever the DTO says, so no NUL reaches PostgreSQL.
 */
@Injectable()
export class RejectControlCharactersPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const errors = findControlCharacters(value, metadata.data ?? '');
    if (errors.length) throw new HttpProblemException('VALIDATION_FAILED', `${errors.length} champ(s) invalide(s).`, { errors });
    return value;
  }
}
