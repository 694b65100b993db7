import type { PayloadIntegrityMetrics } from '../telemetry/metrics';
import type { RefusedPlaintext } from './payload-codec';

/** A logger's warn, as both the SDK's logger and Nest's offer it. */
type Warn = (message: string, fields: Record<string, unknown>) => void;

/**
 * What a process does when its codec refuses a plaintext payload, besides failing the call or the workflow task:
 * counts it (payloads_refused_plaintext_total, an alert rule) and writes one log line an operator can act on,
 * which names the workflow and the encoding and never the payload.
 */
export function plaintextAlert(metrics: PayloadIntegrityMetrics | undefined, warn: Warn) {
  return (refused: RefusedPlaintext): void => {
    metrics?.plaintextRefused(refused.kind);
    warn('Refused a plaintext payload: forged, or written by a client without the payload keys', {
      alert: 'PlaintextPayloadRefused',
      ...refused,
    });
  };
}
