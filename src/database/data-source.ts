import { DataSource, DataSourceOptions } from 'typeorm';
import { migrations } from '../../migrations';
import { AppConfig } from '../config/config';
import { entities } from './entities';
import { preparingClient } from './preparing-client';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface DataSourceRole {
  /** 'app' runs as the restricted role (no UPDATE/DELETE on the audit log); 'owner' runs migrations and tests' cleanup. */
  as: 'app' | 'owner';
}

/** The one DataSource definition, used by the api, the worker, the CLI and the tests. */
export function dataSourceOptions(config: AppConfig, { as }: DataSourceRole = { as: 'app' }): DataSourceOptions {
  const startup = [`-c statement_timeout=${config.database.statementTimeoutMs}`, '-c TimeZone=UTC'];
  // A separate runtime login holds only the app role's rights; without one, the owner's login switches to the app role
  // (a session that runs RESET ROLE gets the owner back: development only, see docs/security.md).
  const runtime = as === 'app' ? config.database.runtimeUrl : null;
  if (as === 'app' && !runtime && config.database.appRole) startup.push(`-c role=${config.database.appRole}`);
  return {
    type: 'postgres',
    url: runtime ?? config.database.url,
    entities,
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    // TypeORM's query-error log prints parameters, which can hold personal data: errors surface through the filter instead.
    logging: false,
    extra: {
      max: as === 'app' ? config.database.poolMax : 2,
      options: startup.join(' '),
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30_000,
      application_name: `essaim-${as}`,
      Client: preparingClient(config.database.preparedStatements),
    },
  };
}

export function createDataSource(config: AppConfig, role?: DataSourceRole): DataSource {
  return new DataSource(dataSourceOptions(config, role));
}
