/**
 * Wasel, Saudi Post's free national-address subscription. Home delivery needs
 * the citizen to be subscribed; the address comes from here, never from the citizen.
 */
export interface NationalAddressRecord {
  buildingNumber: string;
  street: string;
  district: string;
  city: string;
  postalCode: string;
  additionalNumber: string;
  unitNumber?: string;
  shortAddress?: string;
}

export type AddressLookup = { status: 'FOUND'; address: NationalAddressRecord } | { status: 'NOT_SUBSCRIBED' };

export interface Wasel {
  lookUpAddress(nationalId: string): Promise<AddressLookup>;
}
