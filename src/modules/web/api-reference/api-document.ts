import { Injectable } from '@nestjs/common';
import type { OpenApiDocument } from './api-reference.model';

/** The OpenAPI document built at start-up (configure-app), held for the reference page. */
@Injectable()
export class ApiDocument {
  private doc: OpenApiDocument | null = null;

  set(doc: OpenApiDocument): void {
    this.doc = doc;
  }

  get(): OpenApiDocument | null {
    return this.doc;
  }
}
