import { withCheckDigit } from '../../src/domain/national-id';
import type { NationalAddressRecord } from '../../src/integrations/wasel/port';
import type { SeedPerson } from '../sandboxes/seed-people';
import type { PlannedRenewal } from './scenarios';

/** A citizen of the run, as the harness knows them: enough to act as them and to check the tables. */
export interface ChaosCitizen {
  nationalId: string;
  /** The passport in their hands, which the clerk matches at the counter. */
  passportNumber: string;
  /** The national address they register with Wasel if their scenario subscribes during the run. */
  address: NationalAddressRecord;
  officeId: string;
}

const FIRST = ['MOHAMMED', 'ABDULLAH', 'FAHAD', 'NOURA', 'SARA', 'KHALID', 'RANA', 'FAISAL', 'HESSA', 'TURKI'];
const FIRST_AR = ['محمد', 'عبدالله', 'فهد', 'نورة', 'سارة', 'خالد', 'رنا', 'فيصل', 'حصة', 'تركي'];
const FAMILY = ['ALQAHTANI', 'ALHARBI', 'ALGHAMDI', 'ALZAHRANI', 'ALOTAIBI', 'ALSHEHRI', 'ALMUTAIRI'];
const FAMILY_AR = ['القحطاني', 'الحربي', 'الغامدي', 'الزهراني', 'العتيبي', 'الشهري', 'المطيري'];
/** Offices and a district of their city each, with a postal code of the city's region (first digit). */
const CITIES = [
  { office: 'RUH-01', city: 'Riyadh', district: 'Al Olaya', postalCode: '12214', letters: 'RRCH' },
  { office: 'JED-01', city: 'Jeddah', district: 'Ar Rawdah', postalCode: '23432', letters: 'JRCH' },
  { office: 'DMM-01', city: 'Dammam', district: 'Al Faisaliyah', postalCode: '32272', letters: 'DFCH' },
  { office: 'MED-01', city: 'Madinah', district: 'Al Jamiah', postalCode: '42351', letters: 'MJCH' },
] as const;

/**
 * The run's citizens, one per renewal, generated from its number alone (the same run, the same people):
 * national IDs `19` + 7 digits + check digit (clear of the default seed's), a passport in their hands
 * (valid or recently expired), adults of 22 to 62 with a few under 21 (5-year passports only), and a
 * Wasel address for those whose scenario has one from the start. None of them is in the product's seed.
 */
export function chaosCitizens(planned: readonly PlannedRenewal[]): { people: SeedPerson[]; citizens: ChaosCitizen[] } {
  const people: SeedPerson[] = [];
  const citizens: ChaosCitizen[] = [];
  for (const { index, scenario } of planned) {
    const nationalId = withCheckDigit(`19${String(index).padStart(7, '0')}`);
    const passportNumber = `C${String(index).padStart(7, '0')}`;
    const place = CITIES[index % CITIES.length];
    const building = String(1000 + ((index * 37) % 9000));
    const address: NationalAddressRecord = {
      buildingNumber: building,
      street: `Street ${1 + (index % 40)}`,
      district: place.district,
      city: place.city,
      postalCode: place.postalCode,
      additionalNumber: String(2000 + (index % 7000)),
      shortAddress: `${place.letters}${building}`,
    };
    // One in ten is 18 to 20: old enough to renew, too young for ten years.
    const age = index % 10 === 3 ? 18 + (index % 2) : 22 + (index % 40);
    const expired = index % 3 === 0;
    const first = index % FIRST.length;
    const family = index % FAMILY.length;
    people.push({
      nationalId,
      nameAr: `${FIRST_AR[first]} ${FAMILY_AR[family]}`,
      nameEn: `${FIRST[first]} ${FAMILY[family]}`,
      dateOfBirth: `${new Date().getUTCFullYear() - age - 1}-0${1 + (index % 9)}-1${index % 10}`,
      nationality: 'SA',
      mobile: `+9665${String(70_000_000 + index)}`,
      travelBan: scenario.travelBan ?? false,
      passports: [
        {
          passportNumber,
          status: expired ? 'EXPIRED' : 'VALID',
          issuedOn: expired ? '2019-02-01' : '2021-02-01',
          expiresOn: expired ? '2024-01-31' : '2026-01-31',
        },
      ],
      ...(scenario.subscribed ? { address } : {}),
    });
    citizens.push({ nationalId, passportNumber, address, officeId: place.office });
  }
  return { people, citizens };
}
