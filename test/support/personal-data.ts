import type { SeedPerson } from '../../dev/sandboxes/seed-people';

/** Everything that identifies the person, as the registry and Wasel sandboxes hold it, in every written form. */
export function personalDataOf(person: SeedPerson): string[] {
  return [
    person.nationalId,
    person.nameAr,
    person.nameEn,
    ...person.nameEn.split(' '),
    person.dateOfBirth,
    person.mobile,
    person.mobile.slice(1),
    person.mobile.replace(/^\+966/, '0'),
    ...Object.values(person.address ?? {}).map(String),
  ];
}

/**
 * Which of the person's data (in every written form, `personalDataOf`) the log lines name. Only text is read:
 * a number in a line is a time, a process id or a count, and the system holds every personal datum as text.
 * A short all-digit datum (a building or postal number) is sought as a number of its own, as a whole token:
 * inside a longer run of digits or hex (a timestamp, a UUID) it is chance, not the citizen. Parts shorter than
 * four characters (a unit number) are ordinary numbers: no line could be told to name the citizen by one.
 */
export function personalDataInLogs(person: SeedPerson, lines: unknown[]): string[] {
  const texts: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === 'string') texts.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(lines);
  return [...new Set(personalDataOf(person))]
    .filter((datum) => datum.length >= 4)
    .filter((datum) => {
      if (!/^\d{1,7}$/.test(datum)) return texts.some((text) => text.includes(datum));
      const token = new RegExp(`(?<![\\w-])${datum}(?![\\w-])`);
      return texts.some((text) => token.test(text));
    });
}
