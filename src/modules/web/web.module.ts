import { Global, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ViewsService } from './views.service';
import { WebController } from './web.controller';

@Global()
@Module({ imports: [AuthModule], controllers: [WebController], providers: [ViewsService], exports: [ViewsService] })
export class WebModule {}
