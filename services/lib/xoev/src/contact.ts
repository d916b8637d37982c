/**
 * Whether a phone number is a German mobile number: 015, 016 or 017 nationally, or +49 15/16/17.
 * XÖV's Erreichbarkeit code list tells mobile from landline, and a clerk calls differently (SMS) on either.
 */
export function isGermanMobileNumber(phone: string): boolean {
  return /^(?:\+49|0049|0)1[5-7]/.test(phone.replace(/[^\d+]/g, ''));
}

/** Whether a nullable text has something to say; an empty element says nothing, so mappings leave it out. */
export function hasText(value: string | null | undefined): value is string {
  return value !== null && value !== undefined && value.trim() !== '';
}
