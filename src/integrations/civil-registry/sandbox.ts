import { DataSource } from 'typeorm';
import type { CitizenFacts, CivilRegistry, NewPassport } from './port';
import { SandboxPassport, SandboxPerson } from './sandbox.entities';

/** A stateful stand-in for the civil registry, on its own PostgreSQL tables. */
export class SandboxCivilRegistry implements CivilRegistry {
  constructor(private readonly dataSource: DataSource) {}

  async lookUpCitizen(nationalId: string): Promise<CitizenFacts | undefined> {
    const person = await this.dataSource.getRepository(SandboxPerson).findOneBy({ nationalId });
    if (!person) return undefined;
    // The current passport is the most recently issued one.
    const passport = await this.dataSource
      .getRepository(SandboxPassport)
      .findOne({ where: { nationalId }, order: { issuedOn: 'DESC' } });
    return {
      nationalId,
      isCitizen: person.nationality === 'SA',
      dateOfBirth: person.dateOfBirth,
      travelBan: person.travelBan,
      unpaidFinesSar: person.unpaidFinesSar,
      biometricsOnRecord: person.biometricsOnRecord,
      currentPassport: passport
        ? { passportNumber: passport.passportNumber, status: passport.status, expiresOn: passport.expiresOn }
        : undefined,
    };
  }

  async activatePassport(passport: NewPassport): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(SandboxPassport)
      .values({ ...passport, status: 'VALID', statusReason: null })
      .orIgnore()
      .execute();
  }

  async cancelPassport(passportNumber: string, reason: string): Promise<void> {
    await this.dataSource
      .getRepository(SandboxPassport)
      .update({ passportNumber }, { status: 'CANCELLED', statusReason: reason });
  }
}
