import { DynamicModule, Global, Inject, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import cors from 'cors';
import type { CodecServerConfig } from '../../config/codec-server';
import { LOCAL_UI_TRUST } from '../auth/local-ui';
import { configToken } from '../config-module/config.tokens';
import { PersistenceModule } from '../persistence-module/persistence.module';
import { CodecController } from './codec.controller';
import { CodecService } from './codec.service';
import { DecodeLogController } from './decode-log.controller';
import { localUiTrust } from './local-ui-trust';

export interface CodecModuleOptions {
  /**
   * `npm start` only: the origins of its own Temporal UI, which are allowed by
   * CORS and may call the codec from the loopback interface without a token.
   */
  localUiOrigins?: string[];
}

const CORS_ORIGINS = Symbol('CODEC_CORS_ORIGINS');

/** The codec endpoint the Temporal UI decodes payloads with, and whom it trusts. */
@Global()
@Module({})
export class CodecModule implements NestModule {
  /** The UI origins are the configuration's (CODEC_CORS_ORIGINS) and, under `npm start`, its own UI's. */
  static register(options: CodecModuleOptions = {}): DynamicModule {
    const localUiOrigins = options.localUiOrigins ?? [];
    return {
      module: CodecModule,
      imports: [PersistenceModule],
      controllers: [CodecController, DecodeLogController],
      providers: [
        {
          provide: CORS_ORIGINS,
          inject: [configToken('codecServer')],
          useFactory: (codecServer: CodecServerConfig) => [...codecServer.corsOrigins, ...localUiOrigins],
        },
        { provide: LOCAL_UI_TRUST, useFactory: () => (localUiOrigins.length ? localUiTrust(localUiOrigins) : null) },
        CodecService,
      ],
      exports: [LOCAL_UI_TRUST],
    };
  }

  constructor(@Inject(CORS_ORIGINS) private readonly corsOrigins: string[]) {}

  /** The UI calls from the operator's browser, so its origin (and only its origin) gets CORS, preflight included. */
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(
        cors({
          origin: this.corsOrigins,
          methods: ['POST'],
          allowedHeaders: ['Authorization', 'Content-Type', 'X-Namespace'],
          maxAge: 600,
        }),
      )
      .forRoutes({ path: 'codec/*path', method: RequestMethod.ALL });
  }
}
