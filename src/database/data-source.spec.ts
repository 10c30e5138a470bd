import { loadConfig } from '../config/config';
import { dataSourceOptions } from './data-source';

describe('dataSourceOptions', () => {
  const base = { DATABASE_URL: 'postgres://owner@db:5432/essaim', DATABASE_APP_ROLE: 'essaim_app' };

  it('switches the owner login to the app role when no runtime login is configured', () => {
    const o = dataSourceOptions(loadConfig(base)) as { url: string; extra: { options: string } };
    expect(o.url).toBe(base.DATABASE_URL);
    expect(o.extra.options).toContain('-c role=essaim_app');
  });

  it('logs in as the runtime role, without a role switch, when DATABASE_RUNTIME_URL is set; migrations keep the owner', () => {
    const config = loadConfig({ ...base, DATABASE_RUNTIME_URL: 'postgres://essaim_runtime:pw@db:5432/essaim' });
    const app = dataSourceOptions(config) as { url: string; extra: { options: string } };
    expect(app.url).toBe('postgres://essaim_runtime:pw@db:5432/essaim');
    expect(app.extra.options).not.toContain('role=');
    expect((dataSourceOptions(config, { as: 'owner' }) as { url: string }).url).toBe(base.DATABASE_URL);
  });
});
