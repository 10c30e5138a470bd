import 'reflect-metadata';
import { loadConfig } from '../config/config';
import { migrate } from '../database/migrate';

migrate(loadConfig())
  .then((done) => {
    console.log(done.length ? `migrations applied: ${done.join(', ')}` : 'database schema is up to date');
  })
  .catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
