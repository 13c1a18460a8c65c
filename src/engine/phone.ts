// Phone check (our addition; Odoo stores phone answers unchecked): libphonenumber-js with its
// full metadata, so "valid" means a number that can actually be assigned, not just its length.

import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";

export interface PhoneCheck {
  valid: boolean;
  /** The number in E.164 when valid. */
  e164: string | null;
}

/** `defaultCountry`: ISO 3166 alpha-2 used for numbers written without "+"; none = international format required. */
export function checkPhone(text: string, defaultCountry?: string): PhoneCheck {
  const country = defaultCountry ? (defaultCountry.toUpperCase() as CountryCode) : undefined;
  let parsed;
  try {
    parsed = parsePhoneNumberFromString(text, country);
  } catch {
    parsed = undefined; // an unknown country code is treated as "no default country"
  }
  if (!parsed && country) parsed = safeParse(text);
  return parsed?.isValid() ? { valid: true, e164: parsed.number } : { valid: false, e164: null };
}

function safeParse(text: string) {
  try {
    return parsePhoneNumberFromString(text);
  } catch {
    return undefined;
  }
}
