import { createHmac } from 'node:crypto';
import { nationalIdProblem } from '../../src/domain/national-id';
import { seededCitizenIdentities } from '../sandboxes/dev-identities';

/**
 * Who the sandbox identity provider signs in: the sandbox's seeded citizens (by national ID, as Nafath knows every
 * citizen), any other citizen by national ID (the tests seed their own), a clerk at each passport office, operators,
 * their supervisor (who reads the codec's decode log), and a support operator with read-only rights for the Temporal UI. Couriers and partner back-ends are clients
 * (client credentials), not people: see clients.ts.
 */

/** The roles a sandbox person may hold: the API's, and `support`, which only the Temporal UI's authorizer knows. */
export type PersonRole = 'citizen' | 'clerk' | 'operator' | 'supervisor' | 'support';

export interface SandboxPerson {
  /** The provider's account id, the tokens' `sub`: opaque for citizens (never the national ID). */
  id: string;
  role: PersonRole;
  name: string;
  nameAr: string;
  nationalId?: string;
  office?: string;
  /** What the picker says of the person besides their role (a passport's status, say). */
  note?: string;
  /** More claims for every token of this person (e.g. the permissions of Temporal's JWT authorizer). */
  extraClaims?: Record<string, unknown>;
}

/** The offices with a clerk each: the pages' offices, and the two more of the bench's seeded year (TAB-01, HAS-01). */
const OFFICES: Array<[string, string, string]> = [
  ['RUH-01', 'Noura Alqahtani', 'نورة القحطاني'],
  ['RUH-02', 'Hessa Alshammari', 'حصة الشمري'],
  ['JED-01', 'Khalid Alghamdi', 'خالد الغامدي'],
  ['JED-02', 'Maha Alharthi', 'مها الحارثي'],
  ['DMM-01', 'Turki Aldossary', 'تركي الدوسري'],
  ['MED-01', 'Yousef Aljohani', 'يوسف الجهني'],
  ['MKK-01', 'Amal Alzahrani', 'أمل الزهراني'],
  ['ABH-01', 'Saad Alasmari', 'سعد الأسمري'],
  ['TAB-01', 'Nasser Albalawi', 'ناصر البلوي'],
  ['HAS-01', 'Reem Alrashidi', 'ريم الرشيدي'],
];

export const SANDBOX_STAFF: readonly SandboxPerson[] = [
  ...OFFICES.map(([office, name, nameAr]) => ({
    id: `clerk-${office.toLowerCase()}`,
    role: 'clerk' as const,
    name,
    nameAr,
    office,
  })),
  { id: 'ops-1', role: 'operator', name: 'Faisal Alotaibi', nameAr: 'فيصل العتيبي' },
  { id: 'ops-2', role: 'operator', name: 'Lama Alsubaie', nameAr: 'لمى السبيعي' },
  { id: 'sup-1', role: 'supervisor', name: 'Hind Alharbi', nameAr: 'هند الحربي', note: 'decode log' },
  { id: 'support-1', role: 'support', name: 'Omar Alrashid', nameAr: 'عمر الراشد', note: 'read-only' },
];

const titleCase = (name: string) => name.toLowerCase().replace(/\b\w/g, (c) => c.toUpperCase());

/** What the provider knows of a citizen besides the national ID (the registry sandbox's names, if it has them). */
export type CitizenDirectory = (nationalId: string) => Promise<{ nameEn: string; nameAr: string } | undefined>;

/**
 * The sandbox's people, and how to sign in a citizen the seed does not list. A citizen's `sub` is a keyed hash of
 * the national ID under the provider's own key: stable for the provider's data folder, opaque to everyone else.
 */
export class SandboxPeople {
  private readonly seeded = seededCitizenIdentities();

  constructor(
    private readonly subjectKey: string,
    private readonly directory?: CitizenDirectory,
  ) {}

  citizenSubject(nationalId: string): string {
    return `c-${createHmac('sha256', this.subjectKey).update(nationalId).digest('base64url').slice(0, 22)}`;
  }

  /** Everyone the picker lists: the seeded citizens, then the staff. */
  listed(): SandboxPerson[] {
    return [
      ...this.seeded.map((citizen) => ({
        id: this.citizenSubject(citizen.nationalId),
        role: 'citizen' as const,
        name: titleCase(citizen.nameEn),
        nameAr: citizen.nameAr,
        nationalId: citizen.nationalId,
        note: `passport ${citizen.passportStatus ?? 'none'} · ${citizen.waselSubscribed ? 'Wasel' : 'no Wasel'}`,
      })),
      ...SANDBOX_STAFF,
    ];
  }

  /** A citizen by national ID (any citizen's: the tests seed their own), or the reason the ID is refused. */
  async citizen(nationalId: string): Promise<SandboxPerson | string> {
    const problem = nationalIdProblem(nationalId);
    if (problem) return `The national ID ${problem}`;
    const seeded = this.seeded.find((citizen) => citizen.nationalId === nationalId);
    const known = seeded ?? (await this.directory?.(nationalId).catch(() => undefined));
    return {
      id: this.citizenSubject(nationalId),
      role: 'citizen',
      name: known ? titleCase(known.nameEn) : 'Citizen',
      nameAr: known?.nameAr ?? 'مواطن',
      nationalId,
    };
  }

  staff(id: string): SandboxPerson | undefined {
    return SANDBOX_STAFF.find((person) => person.id === id);
  }
}
