import { PermanentIntegrationError, TransientIntegrationError } from '../../../src/integrations/errors';
import { FaultInjector } from '../../../dev/sandboxes/faults';
import { seededRandom } from '../../../dev/sandboxes/random';

const NONE = { errorRate: 0, timeoutRate: 0, permanentErrorRate: 0, latencyMs: 0 };

/** The outcome of each of `calls` calls: ok, error, timeout (after the work was done) or refused. */
async function outcomes(injector: FaultInjector, calls: number) {
  const seen: string[] = [];
  let performed = 0;
  for (let i = 0; i < calls; i++) {
    try {
      await injector.call('op', async () => {
        performed += 1;
      });
      seen.push('ok');
    } catch (error) {
      if (error instanceof PermanentIntegrationError) seen.push('refused');
      else if ((error as TransientIntegrationError).message.includes('timeout')) seen.push('timeout');
      else seen.push('error');
    }
  }
  return { seen, performed };
}

describe('fault injection', () => {
  it('replays the same faults from the same seed, and others from another seed', async () => {
    const faults = { ...NONE, errorRate: 0.3 };
    const first = await outcomes(new FaultInjector('sadad', faults, seededRandom(7, 'sadad/faults')), 50);
    const again = await outcomes(new FaultInjector('sadad', faults, seededRandom(7, 'sadad/faults')), 50);
    const other = await outcomes(new FaultInjector('sadad', faults, seededRandom(8, 'sadad/faults')), 50);
    expect(again.seen).toEqual(first.seen);
    expect(other.seen).not.toEqual(first.seen);
  });

  it('injects each kind of fault in about its configured share', async () => {
    const faults = { errorRate: 0.2, timeoutRate: 0.1, permanentErrorRate: 0.05, latencyMs: 0 };
    const { seen, performed } = await outcomes(new FaultInjector('wasel', faults, seededRandom(1, 'wasel')), 2_000);
    const share = (kind: string) => seen.filter((s) => s === kind).length / seen.length;
    expect(share('error')).toBeCloseTo(0.2, 1);
    expect(share('timeout')).toBeCloseTo(0.1, 1);
    expect(share('refused')).toBeCloseTo(0.05, 1);
    // Timeouts happen after the partner did the work; errors and refusals before.
    expect(performed).toBe(seen.filter((s) => s === 'ok' || s === 'timeout').length);
  });

  it('types its faults: transient ones retryable, refusals non-retryable PartnerRejected', async () => {
    const down = new FaultInjector('sms', { ...NONE, errorRate: 1 }, seededRandom(1, 'sms'));
    await expect(down.call('send', async () => 'sent')).rejects.toThrow(
      new TransientIntegrationError('sms', 'send', 'injected error (service unavailable)'),
    );
    const refusing = new FaultInjector('sms', { ...NONE, permanentErrorRate: 1 }, seededRandom(1, 'sms'));
    await expect(refusing.call('send', async () => 'sent')).rejects.toMatchObject({
      type: 'PartnerRejected',
      kind: 'permanent',
    });
    const healthy = new FaultInjector('sms', NONE, seededRandom(1, 'sms'));
    await expect(healthy.call('send', async () => 'sent')).resolves.toBe('sent');
  });
});
