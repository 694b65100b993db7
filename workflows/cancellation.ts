import { type CancellationRequest, CITIZEN_CANCELLABLE_STAGES, type RenewalStage, TERMINAL_STAGES } from './contract';
import { refuse } from './refusal';

/** Where the renewal stands, as far as a cancellation is concerned. */
export interface CancellationState {
  stage: RenewalStage;
  ended: boolean;
  cancelling: boolean;
  /** The new passport is being activated (handed over or delivered): past this point it can only complete. */
  handingOver: boolean;
}

/** The cancel update's validator: refuses a cancellation the renewal cannot take now, adding nothing to history. */
export function validateCancellation(request: CancellationRequest, state: CancellationState): void {
  if (TERMINAL_STAGES.has(state.stage) || state.ended) refuse('The renewal has ended', 'AlreadyEnded');
  if (state.cancelling) refuse('The renewal is already being cancelled', 'AlreadyCancelling');
  if (state.handingOver) refuse('The new passport is being handed over or delivered', 'HandoverInProgress');
  if (request.requestedBy.role === 'CITIZEN' && !CITIZEN_CANCELLABLE_STAGES.has(state.stage)) {
    refuse('Printing has started: the renewal can no longer be withdrawn online', 'PrintingStarted');
  }
}
