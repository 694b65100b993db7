/**
 * An ISO 8601 duration limited to days, hours, minutes and seconds, in that order, with at least one of them
 * (`P2D`, `PT48H`, `P1DT12H`, `PT90M`); months and years have no fixed length and are refused. Written out without
 * look-arounds so that the OpenAPI document can carry it as the `pattern` of a parameter.
 */
const TIME = String.raw`T(?:[0-9]+H(?:[0-9]+M)?(?:[0-9]+S)?|[0-9]+M(?:[0-9]+S)?|[0-9]+S)`;
export const ISO_DURATION = new RegExp(String.raw`^P(?:[0-9]+D(?:${TIME})?|${TIME})$`);

const PARTS = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Milliseconds of an ISO_DURATION, or `undefined` when the text is not one. */
export function isoDurationMs(text: string): number | undefined {
  if (!ISO_DURATION.test(text)) return undefined;
  const [days, hours, minutes, seconds] = PARTS.exec(text)!
    .slice(1)
    .map((part) => Number(part ?? 0));
  return (((days * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000;
}
