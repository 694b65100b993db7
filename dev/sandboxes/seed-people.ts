import type { Language } from '../../src/domain/language';
import { withCheckDigit } from '../../src/domain/national-id';
import type { PassportStatus } from '../../workflows/contract';
import type { NationalAddressRecord } from '../../src/integrations/wasel/port';

/**
 * The people the sandboxes start with (written by the sandbox migration):
 * the civil registry's records, their passports and, for those subscribed,
 * their Wasel national address. Each covers a case the renewal must handle;
 * docs/integrations.md lists them. Minors use their guardian's mobile, and a
 * family shares one address, as in the real records.
 */
export interface SeedPassport {
  passportNumber: string;
  status: PassportStatus;
  issuedOn: string;
  expiresOn: string;
  statusReason?: string;
}

export interface SeedPerson {
  nationalId: string;
  nameAr: string;
  nameEn: string;
  dateOfBirth: string;
  /** ISO 3166 alpha-2; `SA` for citizens. */
  nationality: string;
  mobile: string;
  /** Arabic unless set: the language the citizen is written to in. */
  preferredLanguage?: Language;
  travelBan?: boolean;
  unpaidFinesSar?: number;
  /** Fingerprints and facial image on record; children under 12 have none. */
  biometricsOnRecord?: boolean;
  passports: SeedPassport[];
  /** Wasel subscription; absent for people who have not subscribed. */
  address?: NationalAddressRecord;
}

/** The people the README, the docs and the tests name. */
export const SEEDED = {
  /** Valid passport N1234567 and a Wasel subscription: the happy path, pickup or post. */
  validPassport: '1058529940',
  /** Expired passport, not subscribed to Wasel (subscribe later through the sandbox). */
  expiredPassportNoWasel: '1000000008',
  travelBan: '1012345672',
  lostPassport: '1023456781',
  resident: '2012345670',
  stolenPassport: withCheckDigit('109154872'),
  cancelledPassport: withCheckDigit('106620453'),
  unpaidFines: withCheckDigit('103366781'),
  minorWithoutBiometrics: withCheckDigit('101183457'),
  teenWithoutBiometrics: withCheckDigit('107761230'),
  under21: withCheckDigit('105577120'),
  /** Subscribed to Wasel, but the address on file has an impossible postal code. */
  malformedAddress: withCheckDigit('109937465'),
  noPassport: withCheckDigit('102218546'),
  /** Valid passport and a Wasel subscription (Jeddah), and asked to be written to in English. */
  prefersEnglish: withCheckDigit('107733019'),
} as const;

const passport = (
  passportNumber: string,
  status: PassportStatus,
  issuedOn: string,
  expiresOn: string,
  statusReason?: string,
): SeedPassport => ({ passportNumber, status, issuedOn, expiresOn, statusReason });

const ADDRESSES = {
  olaya: {
    buildingNumber: '8228',
    street: 'King Fahd Road',
    district: 'Al Olaya',
    city: 'Riyadh',
    postalCode: '12214',
    additionalNumber: '3890',
    shortAddress: 'RRRD2929',
  },
  sulimaniyah: {
    buildingNumber: '2417',
    street: 'Prince Mohammed bin Abdulaziz Road',
    district: 'As Sulimaniyah',
    city: 'Riyadh',
    postalCode: '12243',
    additionalNumber: '6562',
    unitNumber: '12',
    shortAddress: 'RSLA2417',
  },
  malqa: {
    buildingNumber: '6713',
    street: 'Anas bin Malik Road',
    district: 'Al Malqa',
    city: 'Riyadh',
    postalCode: '13521',
    additionalNumber: '2284',
    shortAddress: 'RMQA6713',
  },
  rawdahJeddah: {
    buildingNumber: '7431',
    street: 'Al Madinah Al Munawwarah Road',
    district: 'Ar Rawdah',
    city: 'Jeddah',
    postalCode: '23432',
    additionalNumber: '2765',
    shortAddress: 'JRWA7431',
  },
  safaJeddah: {
    buildingNumber: '3962',
    street: 'Prince Sultan Street',
    district: 'As Safa',
    city: 'Jeddah',
    postalCode: '23453',
    additionalNumber: '7118',
    unitNumber: '4',
    shortAddress: 'JSFA3962',
  },
  faisaliyahDammam: {
    buildingNumber: '3356',
    street: 'King Saud Street',
    district: 'Al Faisaliyah',
    city: 'Dammam',
    postalCode: '32272',
    additionalNumber: '8014',
    shortAddress: 'DFSA3356',
  },
  yarmoukKhobar: {
    buildingNumber: '7719',
    street: 'Prince Turki Street',
    district: 'Al Yarmouk',
    city: 'Al Khobar',
    postalCode: '34423',
    additionalNumber: '2156',
    shortAddress: 'EKYA7719',
  },
  jamiahMadinah: {
    buildingNumber: '4122',
    street: 'Sultanah Road',
    district: 'Al Jamiah',
    city: 'Madinah',
    postalCode: '42351',
    additionalNumber: '7720',
    shortAddress: 'MJMA4122',
  },
  ajyadMakkah: {
    buildingNumber: '6630',
    street: 'Ibrahim Al Khalil Street',
    district: 'Ajyad',
    city: 'Makkah',
    postalCode: '24231',
    additionalNumber: '3318',
    shortAddress: 'MKAJ6630',
  },
  iskanBuraidah: {
    buildingNumber: '5901',
    street: 'King Abdulaziz Road',
    district: 'Al Iskan',
    city: 'Buraidah',
    postalCode: '52361',
    additionalNumber: '4470',
    shortAddress: 'QBIS5901',
  },
  aziziyahHail: {
    buildingNumber: '3104',
    street: 'King Abdulaziz Road',
    district: 'Al Aziziyah',
    city: 'Hail',
    postalCode: '55428',
    additionalNumber: '6207',
    shortAddress: 'HAZA3104',
  },
  mansakAbha: {
    buildingNumber: '2288',
    street: 'King Khalid Road',
    district: 'Al Mansak',
    city: 'Abha',
    postalCode: '62521',
    additionalNumber: '9031',
    shortAddress: 'AMNA2288',
  },
  murujTabuk: {
    buildingNumber: '8802',
    street: 'Prince Fahd bin Sultan Road',
    district: 'Al Muruj',
    city: 'Tabuk',
    postalCode: '47913',
    additionalNumber: '5501',
    shortAddress: 'TMRA8802',
  },
} satisfies Record<string, NationalAddressRecord>;

export const SEED_PEOPLE: SeedPerson[] = [
  {
    nationalId: SEEDED.validPassport,
    nameAr: 'محمد عبدالله العتيبي',
    nameEn: 'MOHAMMED ABDULLAH ALOTAIBI',
    dateOfBirth: '1985-03-14',
    nationality: 'SA',
    mobile: '+966501234567',
    passports: [
      passport('G0871234', 'CANCELLED', '2011-12-20', '2016-12-19', 'replaced by renewal'),
      passport('N1234567', 'VALID', '2016-12-21', '2026-12-20'),
    ],
    address: ADDRESSES.olaya,
  },
  {
    nationalId: SEEDED.expiredPassportNoWasel,
    nameAr: 'نورة سعد القحطاني',
    nameEn: 'NOURAH SAAD ALQAHTANI',
    dateOfBirth: '1992-11-02',
    nationality: 'SA',
    mobile: '+966551112233',
    passports: [passport('P7654321', 'EXPIRED', '2016-02-10', '2021-02-09')],
  },
  {
    nationalId: SEEDED.travelBan,
    nameAr: 'خالد فهد الدوسري',
    nameEn: 'KHALID FAHAD ALDOSARI',
    dateOfBirth: '1978-07-21',
    nationality: 'SA',
    mobile: '+966562223344',
    travelBan: true,
    passports: [passport('K5550001', 'VALID', '2020-06-15', '2030-06-14')],
    address: ADDRESSES.faisaliyahDammam,
  },
  {
    nationalId: SEEDED.lostPassport,
    nameAr: 'سارة ناصر الشهري',
    nameEn: 'SARAH NASSER ALSHEHRI',
    dateOfBirth: '1999-01-09',
    nationality: 'SA',
    mobile: '+966533334455',
    passports: [passport('S3332221', 'LOST', '2021-09-01', '2026-08-31', 'reported lost by the holder')],
    address: ADDRESSES.mansakAbha,
  },
  {
    nationalId: SEEDED.resident,
    nameAr: 'جون سميث',
    nameEn: 'JOHN SMITH',
    dateOfBirth: '1980-05-05',
    nationality: 'GB',
    mobile: '+966544445566',
    preferredLanguage: 'en',
    // A resident travels on their own country's passport: the Saudi registry holds none.
    passports: [],
    address: ADDRESSES.malqa,
  },
  {
    nationalId: withCheckDigit('104417263'),
    nameAr: 'عبدالرحمن سليمان الحربي',
    nameEn: 'ABDULRAHMAN SULAIMAN ALHARBI',
    dateOfBirth: '1970-09-30',
    nationality: 'SA',
    mobile: '+966505551201',
    passports: [passport('A4417263', 'VALID', '2018-01-15', '2028-01-14')],
    address: ADDRESSES.jamiahMadinah,
  },
  {
    nationalId: SEEDED.prefersEnglish,
    nameAr: 'ريم خالد الزهراني',
    nameEn: 'REEM KHALID ALZAHRANI',
    dateOfBirth: '1988-06-12',
    nationality: 'SA',
    mobile: '+966555551202',
    preferredLanguage: 'en',
    passports: [passport('R7733019', 'VALID', '2023-03-01', '2028-02-29')],
    address: ADDRESSES.rawdahJeddah,
  },
  {
    nationalId: withCheckDigit('108812346'),
    nameAr: 'فيصل تركي السبيعي',
    nameEn: 'FAISAL TURKI ALSUBAIE',
    dateOfBirth: '1986-12-25',
    nationality: 'SA',
    mobile: '+966545551203',
    passports: [passport('F8812346', 'EXPIRED', '2015-05-10', '2025-05-09')],
    address: ADDRESSES.yarmoukKhobar,
  },
  {
    nationalId: SEEDED.stolenPassport,
    nameAr: 'هند عبدالعزيز المطيري',
    nameEn: 'HIND ABDULAZIZ ALMUTAIRI',
    dateOfBirth: '1990-02-17',
    nationality: 'SA',
    mobile: '+966565551204',
    passports: [passport('H9154872', 'STOLEN', '2019-07-01', '2029-06-30', 'reported stolen to the police')],
  },
  {
    nationalId: SEEDED.unpaidFines,
    nameAr: 'ماجد سعود الشمري',
    nameEn: 'MAJED SAUD ALSHAMMARI',
    dateOfBirth: '1983-11-05',
    nationality: 'SA',
    mobile: '+966535551205',
    unpaidFinesSar: 1500,
    passports: [passport('M3366781', 'VALID', '2017-03-12', '2027-03-11')],
    address: ADDRESSES.aziziyahHail,
  },
  {
    nationalId: SEEDED.cancelledPassport,
    nameAr: 'لطيفة محمد الغامدي',
    nameEn: 'LATIFAH MOHAMMED ALGHAMDI',
    dateOfBirth: '1975-04-22',
    nationality: 'SA',
    mobile: '+966595551206',
    passports: [passport('L6620453', 'CANCELLED', '2018-10-01', '2028-09-30', 'cancelled by the directorate')],
  },
  {
    nationalId: SEEDED.under21,
    nameAr: 'تركي عبدالله العنزي',
    nameEn: 'TURKI ABDULLAH ALANAZI',
    dateOfBirth: '2008-08-19',
    nationality: 'SA',
    mobile: '+966505551207',
    passports: [passport('T5577120', 'VALID', '2022-01-10', '2027-01-09')],
    address: ADDRESSES.sulimaniyah,
  },
  {
    nationalId: withCheckDigit('102290384'),
    nameAr: 'جود فهد القرني',
    nameEn: 'JOUD FAHAD ALQARNI',
    dateOfBirth: '2013-03-03',
    nationality: 'SA',
    mobile: '+966555551208',
    passports: [passport('J2290384', 'EXPIRED', '2021-04-01', '2026-03-31')],
    address: ADDRESSES.mansakAbha,
  },
  {
    nationalId: SEEDED.minorWithoutBiometrics,
    nameAr: 'يوسف ماجد الشمري',
    nameEn: 'YOUSEF MAJED ALSHAMMARI',
    dateOfBirth: '2019-07-14',
    nationality: 'SA',
    mobile: '+966535551205',
    biometricsOnRecord: false,
    passports: [passport('Y1183457', 'VALID', '2022-08-01', '2027-07-31')],
    address: ADDRESSES.aziziyahHail,
  },
  {
    nationalId: withCheckDigit('104408812'),
    nameAr: 'لين فيصل السبيعي',
    nameEn: 'LEEN FAISAL ALSUBAIE',
    dateOfBirth: '2017-01-30',
    nationality: 'SA',
    mobile: '+966545551203',
    biometricsOnRecord: false,
    passports: [passport('L4408812', 'EXPIRED', '2019-02-01', '2024-01-31')],
    address: ADDRESSES.yarmoukKhobar,
  },
  {
    nationalId: SEEDED.teenWithoutBiometrics,
    nameAr: 'عمر ناصر الدوسري',
    nameEn: 'OMAR NASSER ALDOSARI',
    dateOfBirth: '2010-10-10',
    nationality: 'SA',
    mobile: '+966545551209',
    biometricsOnRecord: false,
    passports: [passport('O7761230', 'VALID', '2022-11-01', '2027-10-31')],
  },
  {
    nationalId: withCheckDigit('108845671'),
    nameAr: 'دانة سلمان العتيبي',
    nameEn: 'DANAH SALMAN ALOTAIBI',
    dateOfBirth: '2006-05-27',
    nationality: 'SA',
    mobile: '+966565551210',
    passports: [passport('D8845671', 'EXPIRED', '2021-06-01', '2026-05-31')],
    address: ADDRESSES.malqa,
  },
  {
    nationalId: withCheckDigit('103390125'),
    nameAr: 'عبدالله إبراهيم الرشيد',
    nameEn: 'ABDULLAH IBRAHIM ALRASHEED',
    dateOfBirth: '1962-12-01',
    nationality: 'SA',
    mobile: '+966505551211',
    passports: [passport('A3390125', 'VALID', '2019-10-15', '2029-10-14')],
    address: ADDRESSES.iskanBuraidah,
  },
  {
    nationalId: withCheckDigit('106692830'),
    nameAr: 'منيرة عبدالرحمن السديري',
    nameEn: 'MUNIRAH ABDULRAHMAN ALSUDAIRI',
    dateOfBirth: '1968-08-08',
    nationality: 'SA',
    mobile: '+966555551212',
    passports: [passport('M6692830', 'VALID', '2020-02-20', '2030-02-19')],
    address: ADDRESSES.sulimaniyah,
  },
  {
    nationalId: SEEDED.malformedAddress,
    nameAr: 'بندر سعد الحربي',
    nameEn: 'BANDAR SAAD ALHARBI',
    dateOfBirth: '1991-09-09',
    nationality: 'SA',
    mobile: '+966595551213',
    passports: [passport('B9937465', 'VALID', '2021-12-05', '2031-12-04')],
    // Region digit 0 does not exist: the record predates the postal code reform and was never fixed.
    address: { ...ADDRESSES.olaya, buildingNumber: '4410', postalCode: '02214', shortAddress: 'RRRA4410' },
  },
  {
    nationalId: SEEDED.noPassport,
    nameAr: 'أحمد علي الزهراني',
    nameEn: 'AHMED ALI ALZAHRANI',
    dateOfBirth: '1987-01-20',
    nationality: 'SA',
    mobile: '+966535551214',
    passports: [],
  },
  {
    nationalId: withCheckDigit('105506678'),
    nameAr: 'شهد عبدالله القحطاني',
    nameEn: 'SHAHAD ABDULLAH ALQAHTANI',
    dateOfBirth: '2002-04-04',
    nationality: 'SA',
    mobile: '+966545551215',
    passports: [passport('S5506678', 'VALID', '2024-05-01', '2029-04-30')],
    address: ADDRESSES.ajyadMakkah,
  },
  {
    nationalId: withCheckDigit('107714389'),
    nameAr: 'سلطان فهد المالكي',
    nameEn: 'SULTAN FAHAD ALMALKI',
    dateOfBirth: '1980-10-31',
    nationality: 'SA',
    mobile: '+966565551216',
    unpaidFinesSar: 300,
    travelBan: true,
    passports: [passport('S7714389', 'VALID', '2019-03-18', '2029-03-17')],
    address: ADDRESSES.murujTabuk,
  },
  {
    nationalId: withCheckDigit('101127754'),
    nameAr: 'غادة حسن الخالدي',
    nameEn: 'GHADAH HASSAN ALKHALIDI',
    dateOfBirth: '1994-07-07',
    nationality: 'SA',
    mobile: '+966505551217',
    passports: [passport('G1127754', 'VALID', '2016-12-28', '2026-12-27')],
  },
  {
    nationalId: withCheckDigit('104483920'),
    nameAr: 'نايف محمد القحطاني',
    nameEn: 'NAIF MOHAMMED ALQAHTANI',
    dateOfBirth: '1979-03-03',
    nationality: 'SA',
    mobile: '+966555551218',
    passports: [passport('N4483920', 'VALID', '2018-08-08', '2028-08-07')],
    address: ADDRESSES.safaJeddah,
  },
];
