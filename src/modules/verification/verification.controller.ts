import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../common/actor/actor';
import { etagOf } from '../../common/http/etag';
import { Authenticated, Roles } from '../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../auth/auth-context';
import { FINANCE_STAFF } from '../auth/finance-staff';
import { ApiFileResponse, UPLOAD_MEDIA_TYPES } from '../files/api-file-response';
import { sendUpload } from '../files/send-upload';
import { AnswerFilesUseCase } from './answer-files.use-case';
import {
  AnswerDto,
  AnswerFileResponse,
  ChecklistDto,
  ContradictoryResponse,
  DecisionsDto,
  FinalisedResponse,
  QueueItemResponse,
  VerificationOpenedResponse,
  VerificationResponse,
  VersionResponse,
} from './dto/verification.dto';
import { VerificationService } from './verification.service';

/** Management verification of execution reports (docs/domain/verification.md). */
@ApiTags('verification')
@ApiBearerAuth()
@Controller('api/v1')
export class VerificationController {
  constructor(
    private readonly files: AnswerFilesUseCase,
    private readonly verifications: VerificationService,
  ) {}

  @Get('verification-queue')
  @Roles(...FINANCE_STAFF)
  @ApiOperation({ summary: 'Submitted reports waiting for verification (mine, or all for managers), with their 80-day clock' })
  @ApiOkResponse({ type: [QueueItemResponse] })
  queue(@CurrentAuth() auth: AuthContext) {
    return this.verifications.queue(auth.user);
  }

  @Post('execution-reports/:reportId/verification')
  @Roles(...FINANCE_STAFF)
  @ApiOperation({ summary: 'Open the verification of a submitted report: draws the sample with a random seed (idempotent per report)' })
  @ApiOkResponse({ type: VerificationOpenedResponse })
  async open(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('reportId', ParseUUIDPipe) reportId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const r = await this.verifications.open(auth.user, actor, reportId);
    void reply.status(r.created ? 201 : 200);
    return r;
  }

  @Get('verifications/:id')
  @Authenticated()
  @ApiOperation({ summary: 'A verification: checked lines, outcome by category, amount due; ETag = version' })
  @ApiOkResponse({ type: VerificationResponse })
  async get(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const view = await this.verifications.get(auth.user, id);
    void reply.header('ETag', etagOf(view.version));
    return view;
  }

  @Post('verifications/:id/decisions')
  @Roles(...FINANCE_STAFF)
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiOperation({ summary: 'Record decisions on checked lines (retained, reduced, rejected with a reason), all or nothing' })
  @ApiOkResponse({ type: VersionResponse })
  async decide(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: DecisionsDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const version = await this.verifications.decide(auth.user, actor, id, ifMatch, dto);
    void reply.header('ETag', etagOf(version));
    return { version };
  }

  @Put('verifications/:id/checklist')
  @Roles(...FINANCE_STAFF)
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiOperation({ summary: 'Save the checklist (physical achievement, participants, indicators, publicity)' })
  @ApiOkResponse({ type: VersionResponse })
  async checklist(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: ChecklistDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const version = await this.verifications.saveChecklist(auth.user, actor, id, ifMatch, dto);
    void reply.header('ETag', etagOf(version));
    return { version };
  }

  @Post('verifications/:id/contradictory')
  @Roles(...FINANCE_STAFF)
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiOperation({ summary: 'Send the proposed corrections to the beneficiary (contradictory step; the payment clock stops)' })
  @ApiOkResponse({ type: ContradictoryResponse })
  async contradictory(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const r = await this.verifications.sendContradictory(auth.user, actor, id, ifMatch);
    void reply.header('ETag', etagOf(r.version));
    return r;
  }

  @Post('verifications/:id/answer')
  @Roles('APPLICANT')
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiOperation({ summary: "The beneficiary's answer to the proposed corrections (files joined beforehand)" })
  @ApiOkResponse({ type: VersionResponse })
  async answer(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: AnswerDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const version = await this.verifications.answer(auth.user, actor, id, ifMatch, dto.comment);
    void reply.header('ETag', etagOf(version));
    return { version };
  }

  @Post('verifications/:id/answer/files')
  @Roles('APPLICANT')
  @HttpCode(201)
  @ApiOperation({ summary: 'Join a file to the contradictory answer (multipart, field « file »)' })
  @ApiCreatedResponse({ type: AnswerFileResponse })
  upload(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Req() req: FastifyRequest) {
    return this.files.upload(auth.user, actor, id, req);
  }

  @Get('verifications/:id/answer/files/:fileId')
  @Authenticated()
  @ApiOperation({ summary: 'Download a file of the contradictory answer' })
  @ApiFileResponse({ description: 'The file, with its own media type', mediaTypes: UPLOAD_MEDIA_TYPES })
  async download(
    @CurrentAuth() auth: AuthContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('fileId', ParseUUIDPipe) fileId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { file, stream } = await this.files.open(auth.user, id, fileId);
    sendUpload(reply, { originalName: file.originalName, mediaType: file.mediaType, sizeBytes: file.sizeBytes }, stream);
  }

  @Post('verifications/:id/finalise')
  @Roles(...FINANCE_STAFF)
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiOperation({ summary: 'Finalise: fixes the retained amount for payments and asks for the verification report PDF' })
  @ApiOkResponse({ type: FinalisedResponse })
  async finalise(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const r = await this.verifications.finalise(auth.user, actor, id, ifMatch);
    void reply.header('ETag', etagOf(r.version));
    return r;
  }
}
