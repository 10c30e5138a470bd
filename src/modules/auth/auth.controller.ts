import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../common/actor/actor';
import { HttpProblemException } from '../../common/errors/http-problem.exception';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { Authenticated, Public } from './access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from './auth-context';
import { AuthService } from './auth.service';
import { clearSessionCookie, KNOWN_CLIENT_COOKIE, setKnownClientCookie, setSessionCookie } from './cookies';
import { LoginDto } from './dto/login.dto';
import { LoginResponse, MeResponse } from './dto/me.response';
import { MeService } from './me.service';

@ApiTags('auth')
@Controller('api/v1')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly me: MeService,
  ) {}

  @ApiOperation({ summary: 'Se connecter par adresse électronique et mot de passe' })
  @Post('auth/login')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponse })
  async login(@Body() dto: LoginDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<LoginResponse> {
    // Login CSRF: a cross-site form can post urlencoded bodies without a preflight, never JSON. The page login
    // (/connexion) has its own CSRF token.
    if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
      throw new HttpProblemException('UNSUPPORTED_MEDIA_TYPE', 'La connexion par l’API attend un corps application/json.');
    }
    const result = await this.auth.login(
      dto.email,
      dto.password,
      req.ip,
      String(req.id),
      req.cookies[KNOWN_CLIENT_COOKIE],
      dto.code,
      req.headers['user-agent'],
    );
    setSessionCookie(reply, this.config, result.token, result.expiresAt);
    setKnownClientCookie(reply, this.config, result.knownClient);
    const idleSeconds = this.config.auth.sessionIdleMinutes * 60;
    return {
      token: result.token,
      tokenType: 'Bearer',
      expiresAt: result.expiresAt.toISOString(),
      absoluteExpiresAt: result.expiresAt.toISOString(),
      idleTimeoutSeconds: idleSeconds,
      idleExpiresAt: new Date(Math.min(Date.now() + idleSeconds * 1000, result.expiresAt.getTime())).toISOString(),
      csrfToken: result.csrfToken,
      user: await this.me.describe(result.user),
    };
  }

  @ApiOperation({ summary: 'Se déconnecter (la session est révoquée)' })
  @Post('auth/logout')
  @Authenticated()
  @HttpCode(204)
  @ApiBearerAuth()
  async logout(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.auth.logout(auth, actor);
    clearSessionCookie(reply, this.config);
  }

  @ApiOperation({ summary: "L'utilisateur connecté et ses rôles" })
  @Get('me')
  @Authenticated()
  @ApiBearerAuth()
  @ApiOkResponse({ type: MeResponse })
  me_(@CurrentAuth() auth: AuthContext): Promise<MeResponse> {
    return this.me.describe(auth.user);
  }
}
