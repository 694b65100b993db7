import { setHandler } from '@temporalio/workflow';
import { address } from './activities';
import { addressRegisteredSignal } from './contract';
import type { RenewalContext } from './renewal-context';
import { after, earliest, waitUntil } from './timing';

const ADDRESS_RECHECK_MS = 24 * 60 * 60 * 1000;

/**
 * Wasel: home delivery needs a national address, and a citizen without a Wasel
 * subscription gets a window to subscribe. Wasel's webhook wakes the renewal,
 * and since that webhook can arrive before the renewal is seen waiting (and be
 * dropped), the address is also re-checked daily.
 */
export class NationalAddress {
  private registered = false;

  constructor(private readonly renewal: RenewalContext) {}

  /** True once the citizen has a national address; false if the window closed without one. */
  async secure(): Promise<boolean> {
    const { input, tracker } = this.renewal;
    const { nationalId } = input;
    if ((await address.checkNationalAddress(nationalId)) === 'FOUND') return true;
    const deadline = after(input.policy.addressWindowMs);
    await tracker.enter('AWAITING_ADDRESS', {
      deadline,
      notice: { notice: 'WASEL_SUBSCRIPTION_NEEDED', params: { until: deadline.toISOString() } },
    });
    for (;;) {
      const signalled = await waitUntil(() => this.registered, earliest(deadline, after(ADDRESS_RECHECK_MS)));
      if (!signalled && Date.now() >= deadline.getTime()) return false;
      this.registered = false;
      if ((await address.checkNationalAddress(nationalId)) === 'FOUND') return true;
    }
  }

  listen(): void {
    setHandler(addressRegisteredSignal, () => {
      this.registered = true;
    });
  }
}
