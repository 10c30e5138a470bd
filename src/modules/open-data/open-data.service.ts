import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { toPublishedOperation } from '../catalogue/domain/published-operation';
import { csvCells, jsonRecord, LICENCE, OPEN_DATA_COLUMNS } from './domain/open-data-columns';
import { OpenDataRepository, type ReleaseSummary } from './open-data.repository';

export const SCHEMA_PATH = '/donnees/schema.json';
// A line break inside a cell is quoted too, not only the CRLF record delimiter, so that every reader keeps one line per record.
const CSV_OPTIONS = { delimiter: ',', record_delimiter: 'windows', quoted_match: /[\r\n]/ } as const;

/**
 * The list of operations as open data (CPR art. 49(3)): CSV (RFC 4180, UTF-8, comma) and JSON with the same column
 * names, described by the Table Schema, under the Licence Ouverte 2.0. Files are streamed batch by batch.
 */
@Injectable()
export class OpenDataService {
  constructor(
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly repository: OpenDataRepository,
  ) {}

  lastChange(): Promise<Date | null> {
    return this.repository.lastChange();
  }

  releases(): Promise<ReleaseSummary[]> {
    return this.repository.releases();
  }

  releaseFile(id: string, format: 'csv' | 'json') {
    return this.repository.releaseFile(id, format);
  }

  async *csv(): AsyncGenerator<string> {
    yield stringify([OPEN_DATA_COLUMNS.map((c) => c.name)], CSV_OPTIONS);
    for await (const rows of this.repository.operations())
      yield stringify(
        rows.map((r) => csvCells(toPublishedOperation(r))),
        CSV_OPTIONS,
      );
  }

  async *json(updatedAt: Date | null): AsyncGenerator<string> {
    const meta = { licence: LICENCE, schema: SCHEMA_PATH, dateMiseAJour: updatedAt?.toISOString() ?? null, generation: new Date().toISOString() };
    yield `${JSON.stringify(meta).slice(0, -1)},"operations":[`;
    let first = true;
    for await (const rows of this.repository.operations()) {
      const text = rows.map((r) => JSON.stringify(jsonRecord(toPublishedOperation(r)))).join(',');
      yield first ? text : `,${text}`;
      first = false;
    }
    yield ']}';
  }

  /**
   * Publishes a dated release of the list (CPR art. 49(3): at least every four months): both files are frozen in the
   * database with their SHA-256, in one transaction with the audit row; released files are never changed afterwards.
   */
  async release(actor: Actor): Promise<ReleaseSummary> {
    const updatedAt = await this.repository.lastChange();
    const csv = Buffer.from((await collect(this.csv())).join(''), 'utf8');
    const json = Buffer.from((await collect(this.json(updatedAt))).join(''), 'utf8');
    const count = (JSON.parse(json.toString('utf8')) as { operations: unknown[] }).operations.length;
    return this.dataSource.transaction(async (em) => {
      const release = await this.repository.insertRelease(em, { csv, json, count, csvSha256: sha256(csv), jsonSha256: sha256(json), userId: actor.userId });
      await this.audit.record(em, actor, {
        action: 'open_data.released',
        subjectType: 'open_data_release',
        subjectId: release.id,
        after: { operationCount: count, csvSha256: release.csvSha256, jsonSha256: release.jsonSha256 },
      });
      return release;
    });
  }
}

async function collect(chunks: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const c of chunks) out.push(c);
  return out;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
