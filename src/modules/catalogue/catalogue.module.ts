import { Module } from '@nestjs/common';
import { AuditModule } from '../../common/audit/audit.module';
import { PublicOperationsController, PublicationController } from './catalogue.controller';
import { CatalogueRepository } from './catalogue.repository';
import { CatalogueService } from './catalogue.service';
import { CataloguePagesController } from './web/catalogue-pages.controller';
import { PublicationPagesController } from './web/publication-pages.controller';

/** Public catalogue of programmed operations (CPR art. 49(3)): pages, public API and the beneficiary's choices. */
@Module({
  imports: [AuditModule],
  controllers: [CataloguePagesController, PublicOperationsController, PublicationController, PublicationPagesController],
  providers: [CatalogueRepository, CatalogueService],
  exports: [CatalogueRepository, CatalogueService],
})
export class CatalogueModule {}
