import { DynamicModule, Global, Inject, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import cors from 'cors';
import { requirePayloadKeys } from '../../config/payload-keys';
import type { ApiProcessConfig } from '../../config/processes';
import { LOCAL_UI_TRUST } from '../auth/local-ui';
import { CodecController } from './codec.controller';
import { CodecService } from './codec.service';
import { localUiTrust } from './local-ui-trust';
import { PAYLOAD_KEYS } from './payload-keys.token';

export interface CodecModuleOptions {
  /**
   * `npm start` only: the origins of its own Temporal UI, which are allowed by
   * CORS and may call the codec from the loopback interface without a token.
   */
  localUiOrigins?: string[];
}

const CORS_ORIGINS = Symbol('CODEC_CORS_ORIGINS');

/** The payload keys of the whole API, and the codec endpoint the Temporal UI decodes payloads with. */
@Global()
@Module({})
export class CodecModule implements NestModule {
  /** The keys and the UI origins come from the loaded configuration (PAYLOAD_KEYS, CODEC_CORS_ORIGINS). */
  static register(
    config: Pick<ApiProcessConfig, 'payloadKeys' | 'codecServer'>,
    options: CodecModuleOptions = {},
  ): DynamicModule {
    const localUiOrigins = options.localUiOrigins ?? [];
    return {
      module: CodecModule,
      controllers: [CodecController],
      providers: [
        {
          provide: PAYLOAD_KEYS,
          // Required when the API starts, not when `npm run openapi` only previews the modules.
          useFactory: () => requirePayloadKeys(config.payloadKeys),
        },
        {
          provide: CORS_ORIGINS,
          useFactory: () => [...config.codecServer.corsOrigins, ...localUiOrigins],
        },
        { provide: LOCAL_UI_TRUST, useFactory: () => (localUiOrigins.length ? localUiTrust(localUiOrigins) : null) },
        CodecService,
      ],
      exports: [PAYLOAD_KEYS, LOCAL_UI_TRUST],
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
