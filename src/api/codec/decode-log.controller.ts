import { Query } from '@nestjs/common';
import { DecodeLogRepository } from '../../persistence/repositories/decode-log.repository';
import { ReadEndpoint } from '../shared/endpoints/endpoint.decorators';
import { RoleController } from '../shared/endpoints/role-controller.decorator';
import { DecodeLogPageView, DecodeLogQuery } from './dto/decode-log.dto';

/**
 * The codec endpoint's access log, for the operators' supervisors: who decoded how many payloads, from where and
 * when. Operators themselves do not read it (they are who it watches).
 */
@RoleController({ path: 'v1/operator/decode-log', role: 'supervisor', tag: 'operator' })
export class DecodeLogController {
  constructor(private readonly decodeLog: DecodeLogRepository) {}

  @ReadEndpoint(undefined, {
    summary: 'Decodes of workflow payloads through the codec endpoint, newest first (supervisors only)',
    response: { type: DecodeLogPageView },
    problems: [400],
  })
  async list(@Query() query: DecodeLogQuery): Promise<DecodeLogPageView> {
    const { entries, next } = await this.decodeLog.list(
      {
        actor: query.actor,
        since: query.since ? new Date(query.since) : undefined,
        until: query.until ? new Date(query.until) : undefined,
        before: query.before,
      },
      query.limit ?? 50,
    );
    const items = entries.map((entry) => ({
      id: entry.id,
      at: entry.decodedAt.toISOString(),
      actor: entry.actor,
      namespace: entry.namespace,
      payloads: entry.payloads,
      clientIp: entry.clientIp,
      userAgent: entry.userAgent,
      origin: entry.origin,
    }));
    return next ? { items, next } : { items };
  }
}
