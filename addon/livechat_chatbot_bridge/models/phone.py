"""Phone number checks with the `phonenumbers` library (the one Odoo's phone_validation uses).

The library is optional: without it the bridge does not offer `phone_check`."""

try:
    import phonenumbers
except ImportError:  # the module still installs; the feature is simply absent
    phonenumbers = None


def phone_check_available():
    return phonenumbers is not None


def parse_phone(text, default_country=None):
    """The number in E.164 when `text` is a valid phone number, else None.

    Without a default country the number must be in international format (+…)."""
    if phonenumbers is None or not text:
        return None
    region = (default_country or '').strip().upper() or None
    try:
        number = phonenumbers.parse(text.strip(), region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
