import { setHandler } from '@temporalio/workflow';
import { addressRegisteredSignal } from './contract';
import type { RenewalContext } from './renewal-context';
import { StageClock } from './stage-clock';
import { after, earliest, waitUntil } from './timing';

const ADDRESS_RECHECK_MS = 24 * 60 * 60 * 1000;

/**
 * Wasel: home delivery needs a national address, and a citizen without a Wasel
 * subscription gets a window to subscribe. Wasel's webhook wakes the renewal,
 * and since that webhook can arrive before the renewal is seen waiting (and be
 * dropped), the address is also re-checked daily.
 *
 * The first check runs on a clock of its own (the policy's address-check
 * deadline); a Wasel that has not answered by twice that leaves the renewal to
 * fall back to pickup, as a window closing without an address does. The daily
 * re-checks run on the window's clock: it closes whatever Wasel does.
 */
export class NationalAddress {
  private registered = false;

  constructor(private readonly renewal: RenewalContext) {}

  /** True once the citizen has a national address; false if the window closed without one, or Wasel never answered. */
  async secure(): Promise<boolean> {
    const { input, tracker, channels } = this.renewal;
    const { nationalId } = input;
    const clock = tracker.startClock(input.policy.addressCheckDeadlineMs, {
      kind: 'ADDRESS_CHECK_OVERDUE',
      details: {},
    });
    const checked = await clock.call('checkNationalAddress', nationalId);
    if (!checked) {
      await channels.alertOperators('ADDRESS_CHECK_TIMED_OUT', {});
      return false;
    }
    if (checked.answer === 'FOUND') return true;
    const deadline = after(input.policy.addressWindowMs);
    const window = StageClock.until(deadline);
    await tracker.enter('AWAITING_ADDRESS', {
      deadline,
      notice: { notice: 'WASEL_SUBSCRIPTION_NEEDED', params: { until: deadline.toISOString() } },
    });
    for (;;) {
      const signalled = await waitUntil(() => this.registered, earliest(deadline, after(ADDRESS_RECHECK_MS)));
      if (!signalled && Date.now() >= deadline.getTime()) return false;
      this.registered = false;
      const rechecked = await window.call('checkNationalAddress', nationalId);
      if (!rechecked) return false;
      if (rechecked.answer === 'FOUND') return true;
    }
  }

  listen(): void {
    setHandler(addressRegisteredSignal, () => {
      this.registered = true;
    });
  }
}
