import { createRegistryActivities } from '../../activities/registry';
import type { CivilRegistry } from '../../src/integrations/civil-registry/port';
import type { PrintJobsRepository } from '../../src/persistence/repositories/print-jobs.repository';
import { activityRunnerForSuite, FlakyPartner } from './support/activity-runner';

/**
 * Activation makes two registry calls (the new passport valid, the old one cancelled). A retry after the second
 * failed does not make the first again: the step done travels to the next attempt as heartbeat details, through
 * a real Temporal server, so each attempt only needs the calls still to be made.
 */
describe('activateNewPassport across attempts', () => {
  const runner = activityRunnerForSuite();

  function activate(registry: FlakyPartner, oldPassportNumber?: string): Promise<unknown> {
    const port = {
      activatePassport: registry.call('civil-registry', 'activatePassport', () => undefined),
      cancelPassport: registry.call('civil-registry', 'cancelPassport', () => undefined),
    } as unknown as CivilRegistry;
    const activities = createRegistryActivities(port, {} as PrintJobsRepository);
    return runner().run(activities, 'activateNewPassport', {
      renewalId: 'R1',
      newPassportNumber: 'X20000001',
      oldPassportNumber,
    });
  }

  it('the old passport failing to cancel twice does not activate the new one three times', async () => {
    const registry = new FlakyPartner().failing('cancelPassport', 2);
    await activate(registry, 'C1000001');
    expect(registry.calls).toEqual(['activatePassport', 'cancelPassport']);
  });

  it('a failed activation is retried until it succeeds, then the old passport is cancelled once', async () => {
    const registry = new FlakyPartner().failing('activatePassport', 2).failing('cancelPassport', 1);
    await activate(registry, 'C1000002');
    expect(registry.calls).toEqual(['activatePassport', 'cancelPassport']);
  });

  it('with no old passport on record, activation is the only call', async () => {
    const registry = new FlakyPartner();
    await activate(registry);
    expect(registry.calls).toEqual(['activatePassport']);
  });
});
