import { createDeliveryActivities } from '../../activities/delivery';
import type { SaudiPost, ShipmentRequest } from '../../src/integrations/saudi-post/port';
import type { Wasel } from '../../src/integrations/wasel/port';
import type { Persistence } from '../../src/persistence/persistence';
import { activityRunnerForSuite, FlakyPartner } from './support/activity-runner';

/**
 * Dispatch asks Wasel for the national address, then Saudi Post for the shipment. A retry after the carrier
 * failed does not ask Wasel again, and a shipment the carrier made is not asked for again (seen in the cluster
 * chaos run: the envelope delivered while the activity was still retrying both calls at its 11th attempt).
 */
describe('dispatchShipment across attempts', () => {
  const runner = activityRunnerForSuite();

  async function dispatch(partners: FlakyPartner) {
    const requests: ShipmentRequest[] = [];
    const trackingNumbers: string[] = [];
    const wasel = {
      lookUpAddress: partners.call('wasel', 'lookUpAddress', () => ({
        status: 'FOUND',
        address: { postalCode: '12271' },
      })),
    } as unknown as Wasel;
    const create = partners.call('saudi-post', 'createShipment', () => ({
      shipmentKey: requests.at(-1)!.shipmentKey,
      trackingNumber: 'RR100000001SA',
      envelopeBarcode: requests.at(-1)!.envelopeBarcode,
      status: 'CREATED',
    }));
    const saudiPost = {
      createShipment: (request: ShipmentRequest) => {
        requests.push(request);
        return create();
      },
    } as unknown as SaudiPost;
    const persistence = {
      shipments: {
        recordRequested: async () => undefined,
        recordTrackingNumber: async (_key: string, trackingNumber: string) => void trackingNumbers.push(trackingNumber),
      },
    } as unknown as Persistence;
    const activities = createDeliveryActivities(saudiPost, wasel, persistence);
    const dispatched = await runner().run(activities, 'dispatchShipment', {
      renewalId: 'R1',
      issueNumber: 1,
      nationalId: '1000000008',
      originOfficeId: 'RUH-01',
    });
    return { dispatched, requests, trackingNumbers };
  }

  it('the carrier failing twice: the address is looked up once, the shipment made once, to its postal code', async () => {
    const partners = new FlakyPartner().failing('createShipment', 2);
    const { dispatched, requests, trackingNumbers } = await dispatch(partners);
    expect(partners.calls).toEqual(['lookUpAddress', 'createShipment']);
    expect(requests.map((request) => request.destinationPostalCode)).toEqual(['12271', '12271', '12271']);
    expect(trackingNumbers).toEqual(['RR100000001SA']);
    expect(dispatched).toMatchObject({ shipmentKey: 'R1/issue-1/shipment', trackingNumber: 'RR100000001SA' });
  });

  it('Wasel failing first: looked up again until it answers, then the shipment is made once', async () => {
    const partners = new FlakyPartner().failing('lookUpAddress', 2);
    await dispatch(partners);
    expect(partners.calls).toEqual(['lookUpAddress', 'createShipment']);
  });
});
