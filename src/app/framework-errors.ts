import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode } from '../common/errors/error-codes';
import { problem } from '../common/errors/problem';

const PROBLEM_JSON = 'application/problem+json; charset=utf-8';

const DETAILS: Partial<Record<ErrorCode, string>> = {
  MALFORMED_REQUEST: "L'adresse demandée est mal formée.",
  URI_TOO_LONG: "Un paramètre de l'adresse dépasse la longueur autorisée.",
  HEADERS_TOO_LARGE: 'Les en-têtes ou l’adresse de la requête dépassent la taille autorisée.',
};

/**
 * The router refuses a malformed URL (`/api/v1/calls/%`, 400) or an over-long route parameter (414) before any hook
 * runs: answer problem+json with the headers helmet would have set.
 */
export function frameworkErrorsHandler(securityHeaders: Record<string, string>) {
  return (error: Error & { code?: string; statusCode?: number }, req: FastifyRequest, reply: FastifyReply): void => {
    const code: ErrorCode = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'URI_TOO_LONG' : 'MALFORMED_REQUEST';
    const body = problem(code, DETAILS[code] ?? 'La requête est mal formée.');
    void reply
      .headers({ ...securityHeaders, 'x-correlation-id': String(req.id), 'cache-control': 'no-store' })
      .code(body.status)
      .type(PROBLEM_JSON)
      .send(JSON.stringify(body));
  };
}

/**
 * Node's HTTP parser refuses some requests before Fastify sees them: headers over 16 KB (431), Content-Length with
 * Transfer-Encoding and other smuggling shapes (400). The answer is written on the socket, still as problem+json
 * with the security headers, then the connection is closed as Node does.
 */
export function clientErrorHandler(securityHeaders: Record<string, string>) {
  return (err: Error & { code?: string }, socket: Socket): void => {
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    const code: ErrorCode = err.code === 'HPE_HEADER_OVERFLOW' ? 'HEADERS_TOO_LARGE' : 'MALFORMED_REQUEST';
    const body = JSON.stringify(
      problem(code, code === 'HEADERS_TOO_LARGE' ? DETAILS.HEADERS_TOO_LARGE! : "La requête HTTP est mal formée et n'a pas pu être lue."),
    );
    const status = code === 'HEADERS_TOO_LARGE' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    const headers = Object.entries({ ...securityHeaders, 'cache-control': 'no-store' })
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    if (socket.writable) {
      socket.write(
        `HTTP/1.1 ${status}\r\nContent-Type: ${PROBLEM_JSON}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n${headers}\r\n${body}`,
      );
    }
    socket.destroy(err);
  };
}
