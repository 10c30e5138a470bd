import { MigrationInterface, QueryRunner } from 'typeorm';

const OPTIONS = `'REAL_COSTS','INDIRECT_15_STAFF','INDIRECT_7_DIRECT','INDIRECT_25_CALCULATED','OTHER_COSTS_40_STAFF','STAFF_20_OTHER_DIRECT','DRAFT_BUDGET'`;
const OLD_OPTIONS = `'REAL_COSTS','INDIRECT_15_STAFF','INDIRECT_7_DIRECT','OTHER_COSTS_40_STAFF'`;

/**
 * Cost options of CPR arts. 53(3)(b), 54(c) and 55(1); unit costs and lump sums defined on the call (art. 53(1)(b)-(c));
 * the call's category of region (art. 108) and the basis its rate applies to (art. 112(2)). docs/domain/cost-options.md.
 */
export class CostOptionsAndRateCaps1765030000000 implements MigrationInterface {
  name = 'CostOptionsAndRateCaps1765030000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE call
        ADD COLUMN region_category text,
        ADD COLUMN rate_basis text NOT NULL DEFAULT 'TOTAL_ELIGIBLE_COST',
        ADD COLUMN simplified_costs jsonb NOT NULL DEFAULT '[]',
        ADD CONSTRAINT call_region_category_check CHECK (region_category IS NULL OR region_category IN ('LESS_DEVELOPED','TRANSITION','MORE_DEVELOPED')),
        ADD CONSTRAINT call_rate_basis_check CHECK (rate_basis IN ('TOTAL_ELIGIBLE_COST','PUBLIC_EXPENDITURE')),
        ADD CONSTRAINT call_simplified_costs_check CHECK (jsonb_typeof(simplified_costs) = 'array')`);
    await q.query(`ALTER TABLE application DROP CONSTRAINT application_cost_option_check`);
    await q.query(`ALTER TABLE application ADD CONSTRAINT application_cost_option_check CHECK (cost_option IS NULL OR cost_option IN (${OPTIONS}))`);
    await q.query(`
      ALTER TABLE application_budget_line
        ADD COLUMN simplified_cost_code text,
        ADD COLUMN quantity integer,
        ADD CONSTRAINT application_budget_line_quantity_check CHECK (quantity IS NULL OR quantity >= 0),
        ADD CONSTRAINT application_budget_line_sco_check CHECK ((simplified_cost_code IS NULL) = (quantity IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE application_budget_line
        DROP CONSTRAINT application_budget_line_sco_check, DROP CONSTRAINT application_budget_line_quantity_check,
        DROP COLUMN quantity, DROP COLUMN simplified_cost_code`);
    await q.query(`ALTER TABLE application DROP CONSTRAINT application_cost_option_check`);
    await q.query(`ALTER TABLE application ADD CONSTRAINT application_cost_option_check CHECK (cost_option IS NULL OR cost_option IN (${OLD_OPTIONS}))`);
    await q.query(`
      ALTER TABLE call
        DROP CONSTRAINT call_simplified_costs_check, DROP CONSTRAINT call_rate_basis_check, DROP CONSTRAINT call_region_category_check,
        DROP COLUMN simplified_costs, DROP COLUMN rate_basis, DROP COLUMN region_category`);
  }
}
