import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { PageQuery } from '../../../common/http/page.query';
import { BODY_MAX, SUBJECT_MAX } from '../domain/message-rules';

/**
 * A message sent as JSON (without attachment; with one, the same fields in multipart/form-data plus `file`). Lengths
 * and required fields are checked by the message rules, with their French messages (docs/domain/messages.md).
 */
export class SendMessageDto {
  @ApiPropertyOptional({
    maxLength: SUBJECT_MAX,
    description: "Objet : obligatoire pour le service instructeur ; ignoré pour le porteur, dont la réponse reprend l'objet du fil.",
  })
  @IsOptional()
  @IsString({ message: "L'objet du message doit être un texte." })
  subject?: string;

  @ApiProperty({ minLength: 1, maxLength: BODY_MAX })
  @IsString({ message: 'Le texte du message doit être un texte.' })
  body: string;
}

export class ListMessagesQuery extends PageQuery {}

export class MessageFileResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() originalName: string;
  @ApiProperty({ example: 'application/pdf' }) mediaType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty({ description: 'GET, with the same authorisation as the thread' }) contentUrl: string;
}

export class MessageResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'MESSAGE (service instructeur), REPLY (porteur), or a notice of the admissibility step', example: 'MESSAGE' })
  kind: string;
  @ApiProperty() subject: string;
  @ApiProperty() body: string;
  @ApiProperty({ enum: ['STAFF', 'APPLICANT'] }) authorSide: 'STAFF' | 'APPLICANT';
  @ApiProperty({ type: String, nullable: true }) authorName: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: [MessageFileResponse] }) files: MessageFileResponse[];
}

export class MessageThreadResponse {
  @ApiProperty({ type: [MessageResponse], description: 'Oldest first' }) items: MessageResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` to get the next page; null on the last page.' }) nextCursor: string | null;
  @ApiProperty({ enum: ['STAFF', 'APPLICANT'], description: 'The side the caller writes from' }) side: 'STAFF' | 'APPLICANT';
  @ApiProperty({ description: 'Messages of the other side the caller has not read (mark them read with POST …/messages/read)' }) unread: number;
  @ApiProperty({ type: String, nullable: true, description: 'Why the caller cannot write now, in French; null when they can' })
  writeRefusal: string | null;
}
