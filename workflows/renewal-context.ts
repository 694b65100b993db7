import type { Compensation } from './compensation';
import type { RenewalInput, RenewalOutcome, RenewalStage } from './contract';
import type { SideChannels } from './side-channels';
import type { StageTracker } from './stage-tracker';

/**
 * What the parts of a renewal (payment, printing, counter, post) share with the
 * story that runs them: its input, the stage tracker, the side channels, the
 * compensation stack, and the guard their validators apply.
 */
export interface RenewalContext {
  readonly input: RenewalInput;
  readonly tracker: StageTracker;
  readonly channels: SideChannels;
  readonly compensation: Compensation;
  /** How the renewal ended; unset while it runs. */
  readonly outcome?: RenewalOutcome;
  /** For validators: refuses unless the renewal waits in `expected`, neither ending nor being cancelled. */
  requireStage(expected: RenewalStage): void;
}
