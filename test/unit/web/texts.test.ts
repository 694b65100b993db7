import { MESSAGES, translate } from '../../../src/web/i18n/messages';
import { nationalIdHint } from '../../../src/web/nationalIdHint';
import { RENEWAL_STAGES } from '../../../workflows/contract';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('page texts', () => {
  it('has every text in Arabic and English, with the same placeholders', () => {
    for (const [key, text] of Object.entries(MESSAGES)) {
      expect({ key, ar: text.ar.trim().length > 0, en: text.en.trim().length > 0 }).toEqual({
        key,
        ar: true,
        en: true,
      });
      expect({ key, ar: placeholders(text.ar) }).toEqual({ key, ar: placeholders(text.en) });
      // Arabic texts are in Arabic script; only the switch to English is, on purpose, in English.
      if (key !== 'switchLanguage')
        expect({ key, arabic: /[\u0600-\u06FF]/.test(text.ar) }).toEqual({ key, arabic: true });
    }
  });

  it('names every stage in both languages', () => {
    for (const stage of RENEWAL_STAGES) expect(Object.keys(MESSAGES)).toContain(`stage_${stage}`);
    expect(translate('en', 'overdueBy', { duration: '3 minutes' })).toBe('overdue by 3 minutes');
  });

  it('checks a national ID as it is typed', () => {
    expect(nationalIdHint('10585')).toMatchObject({ key: 'nidDigitsLeft', params: { n: 5 }, valid: false });
    expect(nationalIdHint('2012345670')).toMatchObject({ key: 'nidResident', valid: false });
    expect(nationalIdHint('3')).toMatchObject({ key: 'nidMustStartWith1', valid: false });
    expect(nationalIdHint('1058529941')).toMatchObject({ key: 'nidBadCheckDigit', valid: false });
    expect(nationalIdHint('10585299401')).toMatchObject({ key: 'nidTooLong', valid: false });
    expect(nationalIdHint('10585a')).toMatchObject({ key: 'nidOnlyDigits', valid: false });
    expect(nationalIdHint('1058529940')).toMatchObject({ key: 'nidValid', valid: true });
  });
});
