import { IsIn, Matches, ValidateIf } from 'class-validator';
import { OFFICE_ID_MESSAGE, OFFICE_ID_PATTERN } from '../../../../workflows/contract';

/** Who the tester signs in as; the token's claims are checked as the API checks every token. */
export class DevSignInDto {
  @IsIn(['citizen', 'clerk', 'operator'], { message: 'role must be citizen, clerk or operator' })
  role: 'citizen' | 'clerk' | 'operator';

  @Matches(/^[A-Za-z0-9._-]{1,64}$/, { message: 'sub must be a national ID or a staff id' })
  sub: string;

  @ValidateIf((request: DevSignInDto) => request.role === 'clerk')
  @Matches(OFFICE_ID_PATTERN, { message: `office ${OFFICE_ID_MESSAGE}` })
  office?: string;
}

export interface DevSignInView {
  token: string;
  expiresInSeconds: number;
}

/** A seeded person of the registry sandbox, to sign in as. */
export interface SeededIdentityView {
  nationalId: string;
  nameAr: string;
  nameEn: string;
  passportStatus: string | null;
  waselSubscribed: boolean;
}
