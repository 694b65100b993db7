import { setTimeout as sleep } from 'node:timers/promises';
import { noticeText } from '../../activities/notification-texts';
import type { SmsSenderConfig } from '../config/sms-sender';
import type { CivilRegistry } from '../integrations/civil-registry/port';
import { IntegrationError } from '../integrations/errors';
import type { SmsGateway } from '../integrations/sms/port';
import type { ClaimedNotice, SmsOutboxRepository } from '../persistence/repositories/sms-outbox.repository';

/** Where the sender reports what it could not do; never with a mobile, a name or a national ID. */
export interface SenderLog {
  warn(message: string, context: Record<string, unknown>): void;
}

/**
 * Delivers the SMS notices renewals write to the outbox, beside the workflows
 * and never inside them: a gateway that is down delays an SMS, never a renewal.
 *
 * Each round claims due notices with a lease (several workers share the outbox,
 * none claims a notice another holds), looks up the citizen's mobile and
 * language in the registry, sends with the notice's key as the gateway's
 * idempotency key, and records the outcome. No transaction is open while the
 * registry or the gateway is called. A sender that dies between sending and
 * recording leaves the notice claimed until its lease runs out; it is then sent
 * again under the same key, which the gateway accepts once, and recorded once:
 * at least once on the wire, exactly once in the gateway's outbox and in ours.
 */
export class SmsOutboxSender {
  private running?: Promise<void>;
  private stopping = false;
  private wake?: () => void;

  constructor(
    private readonly outbox: SmsOutboxRepository,
    private readonly registry: CivilRegistry,
    private readonly sms: SmsGateway,
    private readonly config: SmsSenderConfig,
    private readonly log: SenderLog,
  ) {}

  start(): void {
    this.running ??= this.loop();
  }

  /** Finishes the round in flight (its notices are recorded), then stops. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
  }

  /** One round: claims what is due and sends it; answers how many notices it claimed. */
  async sendDue(): Promise<number> {
    const claimed = await this.outbox.claimDue(this.config.batchSize, this.config.leaseMs);
    await Promise.all(claimed.map((notice) => this.deliver(notice)));
    return claimed.length;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let claimed = 0;
      try {
        claimed = await this.sendDue();
      } catch (error) {
        // The outbox itself is unreachable (PostgreSQL down): the notices wait there.
        this.log.warn('SMS outbox not reachable', { error: errorName(error) });
      }
      // A round that sent something may have made a renewal's next notice due: look again at once.
      if (!this.stopping && claimed === 0) await this.pause(this.config.pollIntervalMs);
    }
  }

  private async deliver(notice: ClaimedNotice): Promise<void> {
    const { messageKey, renewalId } = notice;
    try {
      // A notice still pending when its renewal's personal data were erased has nobody left to go to.
      if (notice.nationalId === undefined) {
        await this.outbox.markUndeliverable(messageKey, 'PersonalDataErased');
        return;
      }
      const profile = await this.registry.lookUpProfile(notice.nationalId);
      if (!profile) {
        await this.outbox.markUndeliverable(messageKey, 'CitizenNotFound');
        return;
      }
      const language = profile.preferredLanguage;
      const text = noticeText(notice.notice, notice.params, language);
      const receipt = await this.sms.send({ messageKey, to: profile.mobile, text });
      await this.outbox.markSent(messageKey, { gatewayMessageId: receipt.messageId, language });
    } catch (error) {
      const reason = errorName(error);
      if (error instanceof IntegrationError && error.kind === 'permanent') {
        this.log.warn('SMS undeliverable', { renewalId, messageKey, reason });
        await this.outbox.markUndeliverable(messageKey, reason);
        return;
      }
      const delayMs = Math.min(this.config.retryMaxMs, this.config.retryInitialMs * 2 ** (notice.attempts - 1));
      this.log.warn('SMS not sent, will retry', { renewalId, messageKey, reason, attempt: notice.attempts, delayMs });
      // If even this fails, the claim's lease runs out and the notice is claimed again.
      await this.outbox.retryLater(messageKey, reason, delayMs).catch(() => undefined);
    }
  }

  private async pause(ms: number): Promise<void> {
    const abort = new AbortController();
    this.wake = () => abort.abort();
    await sleep(ms, undefined, { signal: abort.signal }).catch(() => undefined);
    this.wake = undefined;
  }
}

/** What went wrong, by type only: messages of lower layers may carry the values they failed on. */
function errorName(error: unknown): string {
  if (error instanceof IntegrationError) return error.type;
  return error instanceof Error ? error.name : 'UnknownError';
}
