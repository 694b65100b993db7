import { firstValueFrom, Subject, tap, toArray } from 'rxjs';
import { renewalStatusStream } from '../../../src/api/renewal-events/status-stream';
import type { RenewalStatusView } from '../../../src/api/renewals/dto/renewal-status.view';
import type { RenewalChange } from '../../../src/persistence/renewal-changes';
import type { RenewalStage } from '../../../workflows/contract';

const ID = '6e8fb350-c1c2-5eab-9963-0bc1f2bc66fe';
const status = (stage: RenewalStage) => ({ renewalId: ID, stage, slaBreached: false }) as RenewalStatusView;
const change = (stage: RenewalStage, sequence: number): RenewalChange => ({
  renewalId: ID,
  sequence,
  stage,
  slaBreached: false,
  stageDeadline: null,
});
const FAST = { catchUpMs: 5_000, catchUpPollMs: 5, catchUpMaxPollMs: 20 };

/** Waits for what the stream has shown, rather than a fixed time a loaded machine may not keep to. */
async function until(condition: () => boolean, timeoutMs = 4_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('the stream did not show it in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('renewal status stream', () => {
  it('waits for a lagging status to show the latest change, and ends with the renewal', async () => {
    const changes = new Subject<RenewalChange>();
    // The workflow's status lags the read model: it answers the old stage a few times after each change.
    const answers: RenewalStage[] = ['ELIGIBILITY_CHECK', 'ELIGIBILITY_CHECK', 'ELIGIBILITY_CHECK'];
    let current: RenewalStage = 'ELIGIBILITY_CHECK';
    const read = async () => status(answers.shift() ?? current);
    const stream = renewalStatusStream(ID, { changes, resumed: new Subject() }, read, FAST);
    const shown: RenewalStage[] = [];
    const seen = firstValueFrom(
      stream.pipe(
        tap((s) => shown.push(s.stage)),
        toArray(),
      ),
    );
    await until(() => shown.includes('ELIGIBILITY_CHECK'));
    current = 'AWAITING_ACCEPTANCE';
    changes.next(change('AWAITING_ACCEPTANCE', 2));
    // Another renewal's change is none of this stream's business.
    changes.next({ ...change('CANCELLED', 9), renewalId: 'another' });
    // Caught up before the next change comes (a later change would be shown instead, as the next test shows).
    await until(() => shown.includes('AWAITING_ACCEPTANCE'));
    current = 'CANCELLED';
    changes.next(change('CANCELLED', 3));
    expect((await seen).map((s) => s.stage)).toEqual(['ELIGIBILITY_CHECK', 'AWAITING_ACCEPTANCE', 'CANCELLED']);
  });

  it('catches up to the newest change when several arrive while it waits', async () => {
    const changes = new Subject<RenewalChange>();
    let current: RenewalStage = 'AWAITING_PAYMENT';
    let reads = 0;
    const read = async () => {
      reads += 1;
      // The status jumps straight from payment to printing, past an earlier change it never showed.
      if (reads > 3) current = 'PRINTING';
      return status(current);
    };
    const stream = renewalStatusStream(ID, { changes, resumed: new Subject() }, read, FAST);
    const seen: RenewalStage[] = [];
    const subscription = stream.subscribe((s) => seen.push(s.stage));
    await until(() => seen.includes('AWAITING_PAYMENT'));
    changes.next(change('AWAITING_ADDRESS', 4));
    changes.next(change('PRINTING', 5));
    await until(() => seen.includes('PRINTING'));
    // And nothing more after it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    subscription.unsubscribe();
    expect(seen).toEqual(['AWAITING_PAYMENT', 'PRINTING']);
  });
});
