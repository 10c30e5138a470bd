import { loadConfig } from '../config/config';
import { createDataSource } from './data-source';

/** For the TypeORM CLI only (`typeorm -d dist/src/database/cli-data-source.js migration:generate --check`). */
export default createDataSource(loadConfig(), { as: 'owner' });
