import { ApiDocsController } from './api-reference/api-docs.controller';
import { ApiDocument } from './api-reference/api-document';
import { Global, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ViewsService } from './views.service';
import { ProConnectPagesController } from './proconnect-pages.controller';
import { SecondFactorPagesController } from './second-factor-pages.controller';
import { WebController } from './web.controller';

@Global()
@Module({
  imports: [AuthModule],
  controllers: [ApiDocsController, WebController, SecondFactorPagesController, ProConnectPagesController],
  providers: [ApiDocument, ViewsService],
  exports: [ApiDocument, ViewsService],
})
export class WebModule {}
