import { ParseUUIDPipe } from '@nestjs/common';
import { HttpProblemException } from '../../common/errors/http-problem.exception';

/** A call id that is not a UUID names no call: the same 404 as an unknown one (and no SQL cast error). */
export const CALL_ID = new ParseUUIDPipe({
  exceptionFactory: () => new HttpProblemException('NOT_FOUND', "Cet appel à projets n'existe pas ou ne vous est pas accessible."),
});
