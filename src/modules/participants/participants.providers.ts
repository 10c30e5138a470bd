import { IndicatorTargetsController } from './indicator-targets.controller';
import { IndicatorTargetsService } from './indicator-targets.service';
import { ParticipantsExport } from './participants-export.service';
import { ParticipantsReader } from './participants-reader';
import { ParticipantsController } from './participants.controller';
import { ParticipantsRepository } from './participants.repository';
import { ParticipantsService } from './participants.service';

/**
 * Participants live in the execution reports' Nest module (a report's indicators read its participants): this folder
 * hands over its controllers and providers, so that module never imports the participants' repository itself.
 */
export const PARTICIPANTS_CONTROLLERS = [IndicatorTargetsController, ParticipantsController];
export const PARTICIPANTS_PROVIDERS = [IndicatorTargetsService, ParticipantsExport, ParticipantsReader, ParticipantsRepository, ParticipantsService];
