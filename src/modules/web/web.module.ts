import { Global, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ViewsService } from './views.service';
import { ProConnectPagesController } from './proconnect-pages.controller';
import { SecondFactorPagesController } from './second-factor-pages.controller';
import { WebController } from './web.controller';

@Global()
@Module({ imports: [AuthModule], controllers: [WebController, SecondFactorPagesController, ProConnectPagesController], providers: [ViewsService], exports: [ViewsService] })
export class WebModule {}
