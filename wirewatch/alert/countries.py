"""Country codes and the names a watch officer reads (via pycountry)."""

from __future__ import annotations

import pycountry

from wirewatch.errors import ConfigError

__all__ = ["country_name", "resolve_country"]

# pycountry's names are the formal ISO ones ("Russian Federation", "Holy See
# (Vatican City State)"); a message reads better with the names agencies use.
# Only codes whose ISO name or common_name reads badly are listed here.
COUNTRY_NAMES: dict[str, str] = {
    "RU": "Russia",
    "PS": "Palestine",
    "VA": "Vatican",
    "CD": "DR Congo",
    "CG": "Republic of the Congo",
    "FM": "Micronesia",
    "BN": "Brunei",
    "XK": "Kosovo",  # user-assigned code, absent from ISO 3166 and pycountry
}
_CODES_BY_NAME = {name.casefold(): code for code, name in COUNTRY_NAMES.items()}


def country_name(code: str) -> str:
    """The short English name for an alpha-2 code; the code itself if it is unknown."""
    code = code.upper()
    if code in COUNTRY_NAMES:
        return COUNTRY_NAMES[code]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)


def resolve_country(value: str) -> str:
    """The ISO 3166-1 alpha-2 code for a code or name (``by``, ``BLR``, ``Belarus``, ``Russia``).

    Raises :class:`ConfigError` for something unknown, so a typo in a rule stops
    the run instead of silently matching nothing.
    """
    text = value.strip()
    if text.casefold() in _CODES_BY_NAME:
        return _CODES_BY_NAME[text.casefold()]
    if text.upper() in COUNTRY_NAMES:
        return text.upper()
    try:
        country = pycountry.countries.lookup(text)
    except LookupError:
        raise ConfigError(
            f"alerts.yaml: unknown country {value!r} (expected an ISO 3166-1 code or name)"
        ) from None
    return str(country.alpha_2)
