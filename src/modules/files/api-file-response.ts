import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ALLOWED_FILE_TYPES } from './domain/detect-file-type';

/** The media types an uploaded file may have (the allowlist of docs/domain), for the OpenAPI description of downloads. */
export const UPLOAD_MEDIA_TYPES = [...new Set(Object.values(ALLOWED_FILE_TYPES).map((t) => t.mediaType))];

/**
 * A 2xx answer whose body is a file, not JSON: one content entry per media type the route may send, each a binary
 * string, so that a client generator reads it as a download (OpenAPI 3.0 "Considerations for File Uploads").
 */
export function ApiFileResponse(opts: { description: string; mediaTypes: readonly string[]; status?: number; text?: boolean }): MethodDecorator {
  const schema = opts.text ? { type: 'string' as const } : { type: 'string' as const, format: 'binary' };
  return applyDecorators(
    ApiResponse({
      status: opts.status ?? 200,
      description: opts.description,
      content: Object.fromEntries(opts.mediaTypes.map((m) => [m, { schema }])),
    }),
  );
}
