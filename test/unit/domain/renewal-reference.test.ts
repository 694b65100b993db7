import {
  formatRenewalReference,
  parseRenewalReference,
  REFERENCE_SPACE,
  RENEWAL_REFERENCE_SHAPE,
} from '../../../src/domain/renewal-reference';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

describe('renewal reference', () => {
  const samples = [0, 1, 2, 3, 41, 1000, 999_999, 3_000_000, 123_456_789, REFERENCE_SPACE - 2, REFERENCE_SPACE - 1];

  it.each(samples)('reads back what it writes for sequence %d, in the PR-XXXX-XXXX shape', (sequence) => {
    const reference = formatRenewalReference(sequence);
    expect(reference).toMatch(/^PR-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(reference).toMatch(RENEWAL_REFERENCE_SHAPE);
    expect(parseRenewalReference(reference)).toEqual({ sequence });
  });

  it('reads back 20,000 numbers drawn across the whole space', () => {
    for (let i = 0; i < 20_000; i++) {
      const sequence = Math.floor(Math.random() * REFERENCE_SPACE);
      expect(parseRenewalReference(formatRenewalReference(sequence))).toEqual({ sequence });
    }
  });

  it('gives 100,000 consecutive sequence numbers 100,000 different references, none next to another', () => {
    const seen = new Set<string>();
    let sharedPrefix = 0;
    let previous = '';
    for (let sequence = 0; sequence < 100_000; sequence++) {
      const reference = formatRenewalReference(sequence);
      seen.add(reference);
      if (reference.slice(0, 6) === previous.slice(0, 6)) sharedPrefix++;
      previous = reference;
    }
    expect(seen.size).toBe(100_000);
    // Consecutive renewals' references look unrelated: they hardly ever share their first three symbols.
    expect(sharedPrefix).toBeLessThan(100);
  });

  it('reads it as people write it: either case, without PR or hyphens, O for 0, I and L for 1', () => {
    let sequence = 0;
    // A reference holding a 0 and a 1, to show the look-alikes read as them.
    while (!/(?=.*0)(?=.*1)/.test(formatRenewalReference(sequence).slice(3))) sequence++;
    const reference = formatRenewalReference(sequence);
    const bare = reference.slice(3).replace('-', '');
    for (const written of [
      reference.toLowerCase(),
      bare,
      `PR${bare}`,
      `${bare.slice(0, 4)}-${bare.slice(4)}`,
      reference.replace(/0/g, 'O'),
      reference.replace(/1/g, 'I'),
      reference.replace(/1/g, 'l'),
    ]) {
      expect(parseRenewalReference(written)).toEqual({ sequence });
    }
  });

  it('refuses every single mistyped symbol by its check symbol', () => {
    for (const sequence of [7, 424_242, 2_999_999]) {
      const symbols = formatRenewalReference(sequence).slice(3).replace('-', '');
      for (let at = 0; at < symbols.length; at++) {
        for (const typo of ALPHABET) {
          if (typo === symbols[at]) continue;
          const mistyped = symbols.slice(0, at) + typo + symbols.slice(at + 1);
          expect(parseRenewalReference(mistyped)).toEqual({ problem: expect.stringMatching(/does not check out/) });
        }
      }
    }
  });

  it('refuses most swaps of two neighbouring symbols', () => {
    let swaps = 0;
    let caught = 0;
    for (let sequence = 0; sequence < 2_000; sequence++) {
      const symbols = formatRenewalReference(sequence * 7919)
        .slice(3)
        .replace('-', '');
      for (let at = 0; at + 1 < symbols.length; at++) {
        if (symbols[at] === symbols[at + 1]) continue;
        const swapped = symbols.slice(0, at) + symbols[at + 1] + symbols[at] + symbols.slice(at + 2);
        swaps++;
        if ('problem' in parseRenewalReference(swapped)) caught++;
      }
    }
    expect(caught / swaps).toBeGreaterThan(0.95);
  });

  it.each(['', 'PR-7K3M-9QX', 'PR-7K3M-9QX22', 'PR-7K3U-9QX2', 'PR 7K3M 9QX2', 'XX-7K3M-9QX2', '7K3M_9QX2'])(
    'refuses %j for its shape',
    (text) => {
      expect(parseRenewalReference(text)).toEqual({ problem: expect.stringMatching(/must look like PR-7K3M-9QX2/) });
      expect(RENEWAL_REFERENCE_SHAPE.test(text)).toBe(false);
    },
  );

  it('formats only numbers the sequence can hand out', () => {
    expect(() => formatRenewalReference(-1)).toThrow(RangeError);
    expect(() => formatRenewalReference(REFERENCE_SPACE)).toThrow(RangeError);
  });
});
