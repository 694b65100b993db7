import type { HttpAdapterConfig } from '../../config/integrations';
import { PartnerHttpClient, segment } from '../http/client';
import type { CitizenFacts } from '../../../workflows/contract';
import type { CitizenProfile, CivilRegistry, PrintedPassport } from './port';
import { readCitizenFacts, readCitizenProfile } from './wire';

/**
 * The civil registry through the NIC's HTTP API. Look-ups send the national
 * ID in the body, never in the URL, so it stays out of access logs.
 */
export class HttpCivilRegistry implements CivilRegistry {
  private readonly client: PartnerHttpClient;

  constructor(config: HttpAdapterConfig) {
    this.client = new PartnerHttpClient('civil-registry', config);
  }

  async lookUpCitizen(nationalId: string): Promise<CitizenFacts | undefined> {
    const body = await this.client.find('lookUpCitizen', 'POST', '/v1/citizens/lookup', { nationalId });
    return body === undefined ? undefined : readCitizenFacts(body, this.client.malformed);
  }

  async lookUpProfile(nationalId: string): Promise<CitizenProfile | undefined> {
    const body = await this.client.find('lookUpProfile', 'POST', '/v1/citizens/profile-lookup', { nationalId });
    return body === undefined ? undefined : readCitizenProfile(body, this.client.malformed);
  }

  async recordPrintedPassport(passport: PrintedPassport): Promise<void> {
    const { passportNumber, ...record } = passport;
    await this.client.send('recordPrintedPassport', 'PUT', `/v1/passports/${segment(passportNumber)}`, record);
  }

  async activatePassport(passportNumber: string): Promise<void> {
    await this.passportCommand('activatePassport', passportNumber, 'activation', {});
  }

  async cancelPassport(passportNumber: string, reason: string): Promise<void> {
    await this.passportCommand('cancelPassport', passportNumber, 'cancellation', { reason });
  }

  async voidPassport(passportNumber: string, reason: string): Promise<void> {
    await this.passportCommand('voidPassport', passportNumber, 'voiding', { reason });
  }

  private passportCommand(operation: string, passportNumber: string, command: string, body: object) {
    const path = `/v1/passports/${segment(passportNumber)}/${command}`;
    return this.client.send(operation, 'POST', path, body, 'PassportNotFound');
  }
}
