import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, loadConfig, requireDatabaseUrl } from '../config/configuration';
import { dataSourceOptions } from '../persistence/data-source';
import { CounterModule } from './counter/counter.module';
import { RenewalsModule } from './renewals/renewals.module';
import { TemporalModule } from './temporal/temporal.module';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => ({ ...loadConfig() })] }),
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) =>
        dataSourceOptions(requireDatabaseUrl(config.get('databaseUrl', { infer: true }))),
    }),
    TemporalModule,
    RenewalsModule,
    CounterModule,
  ],
})
export class AppModule {}
