/** A passport office: three letters of its city and a two-digit number, e.g. `RUH-01`. */
export const OFFICE_ID_PATTERN = /^[A-Z]{3}-[0-9]{2}$/;

/** How validation messages describe an office id (after the field name). */
export const OFFICE_ID_MESSAGE = 'must look like RUH-01 (city code, dash, two digits)';
