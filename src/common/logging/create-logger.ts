import { ConsoleLogger, type LoggerService } from '@nestjs/common';
import { logLevels } from '../../app/log-levels';
import type { AppConfig } from '../../config/config';
import { JsonLogger } from './json-logger';

/** JSON lines (LOG_FORMAT=json, the production default) or Nest's coloured console (LOG_FORMAT=pretty, development). */
export function createLogger(config: AppConfig, role: 'api' | 'worker'): LoggerService {
  if (config.logFormat === 'json') return new JsonLogger(config.logLevel, role);
  const logger = new ConsoleLogger();
  logger.setLogLevels(logLevels(config.logLevel));
  return logger;
}
