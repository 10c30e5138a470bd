import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FailedJobResponse, FailedJobRetryResponse } from './dto/system.response';
import type { Actor } from '../../common/actor/actor';
import { Roles } from '../auth/access.decorator';
import { CurrentActor } from '../auth/auth-context';
import { FailedJobsService, FailedJobView } from './failed-jobs.service';

/** Jobs that failed for good, and running one again (administrators). */
@ApiTags('system')
@ApiBearerAuth()
@Controller('api/v1/system/jobs')
@Roles('ADMINISTRATOR')
export class FailedJobsController {
  constructor(private readonly jobs: FailedJobsService) {}

  @ApiOperation({ summary: 'Lister les tâches en échec' })
  @Get('failed')
  @ApiOkResponse({ type: [FailedJobResponse] })
  list(): Promise<FailedJobView[]> {
    return this.jobs.list();
  }

  @ApiOperation({ summary: 'Relancer une tâche en échec' })
  @Post(':id/retry')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: FailedJobRetryResponse })
  async retry(@Param('id', new ParseUUIDPipe()) id: string, @CurrentActor() actor: Actor): Promise<{ id: string; status: 'PENDING' }> {
    await this.jobs.retry(id, actor);
    return { id, status: 'PENDING' };
  }
}
