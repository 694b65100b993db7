import { DynamicModule, Global, Inject, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import cors from 'cors';
import type { CodecServerConfig } from '../../config/codec-server';
import { configToken } from '../config-module/config.tokens';
import { PersistenceModule } from '../persistence-module/persistence.module';
import { CodecController } from './codec.controller';
import { CodecService } from './codec.service';
import { CodecSessionController } from './codec-session.controller';
import { DecodeLogController } from './decode-log.controller';

export interface CodecModuleOptions {
  /**
   * `npm start` only: the origins of its own Temporal UI, allowed by CORS like those of CODEC_CORS_ORIGINS. They
   * are trusted with nothing else: that UI decodes only with an operator's codec session.
   */
  uiOrigins?: string[];
}

const CORS_ORIGINS = Symbol('CODEC_CORS_ORIGINS');

/** The codec endpoint the Temporal UI decodes payloads with, and whom it trusts. */
@Global()
@Module({})
export class CodecModule implements NestModule {
  /** The UI origins are the configuration's (CODEC_CORS_ORIGINS) and, under `npm start`, its own UI's. */
  static register(options: CodecModuleOptions = {}): DynamicModule {
    const uiOrigins = options.uiOrigins ?? [];
    return {
      module: CodecModule,
      imports: [PersistenceModule],
      controllers: [CodecSessionController, CodecController, DecodeLogController],
      providers: [
        {
          provide: CORS_ORIGINS,
          inject: [configToken('codecServer')],
          useFactory: (codecServer: CodecServerConfig) => [...codecServer.corsOrigins, ...uiOrigins],
        },
        CodecService,
      ],
    };
  }

  constructor(@Inject(CORS_ORIGINS) private readonly corsOrigins: string[]) {}

  /**
   * The UI calls from the operator's browser, so its origin (and only its origin) gets CORS, preflight included,
   * with credentials: a UI that cannot forward the operator's token sends their codec session cookie instead.
   */
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(
        cors({
          origin: this.corsOrigins,
          methods: ['POST'],
          // A Temporal UI that signs people in sends their access token, and their ID token as Authorization-Extras.
          allowedHeaders: ['Authorization', 'Authorization-Extras', 'Content-Type', 'X-Namespace'],
          credentials: true,
          maxAge: 600,
        }),
      )
      .forRoutes(
        { path: 'codec/decode', method: RequestMethod.ALL },
        { path: 'codec/encode', method: RequestMethod.ALL },
      );
  }
}
