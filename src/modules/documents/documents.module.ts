import { Module } from '@nestjs/common';
import { AuditModule } from '../../common/audit/audit.module';
import { ApplicationLifecycleModule } from '../applications/lifecycle/application-lifecycle.module';
import { DocumentRequests } from './document-requests.service';
import { DocumentTransitions } from './document-transitions.listener';
import { DocumentsPagesController } from './documents-pages.controller';
import { DocumentsController } from './documents.controller';
import { DocumentsRepository } from './documents.repository';
import { DocumentsService } from './documents.service';
import { GeneratedDocumentsView } from './generated-documents.view';

/**
 * Generated documents on the api side: the API and download route, `DocumentRequests` for other modules to ask for a
 * document inside their transaction, `GeneratedDocumentsView` for dossier pages, and the documents that follow a change of
 * status (`DocumentTransitions`, a lifecycle listener). Rendering happens in the worker.
 */
@Module({
  imports: [ApplicationLifecycleModule, AuditModule],
  controllers: [DocumentsController, DocumentsPagesController],
  providers: [DocumentRequests, DocumentTransitions, DocumentsRepository, DocumentsService, GeneratedDocumentsView],
  exports: [DocumentRequests, GeneratedDocumentsView],
})
export class DocumentsModule {}
