import { Counter, type Registry } from 'prom-client';

/**
 * Who reads and who forges payloads. Payloads refused because they were not encrypted (src/temporal/payload-codec.ts), by whose they were: a
 * `workflow`'s (a forged signal, start or update), an `activity`'s, or a `client`'s (a query or update result).
 * Any increase is an alert (deploy/prometheus/alerts.yml, PlaintextPayloadRefused).
 */
export class PayloadIntegrityMetrics {
  private readonly refused: Counter<'kind'>;
  private readonly decoded: Counter;
  private readonly bursts: Counter;

  constructor(registry: Registry) {
    this.refused = new Counter({
      name: 'payloads_refused_plaintext_total',
      help: 'Payloads refused because they were not encrypted, by whose they were (workflow, activity, client)',
      labelNames: ['kind'],
      registers: [registry],
    });
    this.decoded = new Counter({
      name: 'codec_decoded_payloads_total',
      help: 'Payloads decoded for people through the codec endpoint (each call is in the decode log)',
      registers: [registry],
    });
    this.bursts = new Counter({
      name: 'codec_decode_bursts_total',
      help: 'Times one person decoded more payloads within the alert window than allowed (DecodeBurst)',
      registers: [registry],
    });
  }

  decodedPayloads(count: number): void {
    this.decoded.inc(count);
  }

  decodeBurst(): void {
    this.bursts.inc();
  }

  plaintextRefused(kind: string): void {
    this.refused.inc({ kind });
  }
}
