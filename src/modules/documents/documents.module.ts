import { Module } from '@nestjs/common';
import { AuditModule } from '../../common/audit/audit.module';
import { DocumentRequests } from './document-requests.service';
import { DocumentsPagesController } from './documents-pages.controller';
import { DocumentsController } from './documents.controller';
import { DocumentsRepository } from './documents.repository';
import { DocumentsService } from './documents.service';
import { GeneratedDocumentsView } from './generated-documents.view';

/**
 * Generated documents on the api side: the API and download route, `DocumentRequests` for other modules to ask for a
 * document inside their transaction, and `GeneratedDocumentsView` for dossier pages. Rendering happens in the worker.
 */
@Module({
  imports: [AuditModule],
  controllers: [DocumentsController, DocumentsPagesController],
  providers: [DocumentRequests, DocumentsRepository, DocumentsService, GeneratedDocumentsView],
  exports: [DocumentRequests, GeneratedDocumentsView],
})
export class DocumentsModule {}
