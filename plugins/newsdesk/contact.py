"""The firm's contact data: load it from one YAML file, check it, normalise phone numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import phonenumbers
import yaml

from .errors import NewsdeskError

REGION = "GB"
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$")


@dataclass(frozen=True)
class Phone:
    """A phone number as the firm writes it, and its E.164 form for tel: links."""

    display: str
    e164: str

    @property
    def href(self) -> str:
        """The click-to-call link target, e.g. tel:+448009555094."""
        return f"tel:{self.e164}"


@dataclass(frozen=True)
class OpeningHours:
    """One opening_hours entry: days, and opening and closing times as HH:MM."""

    days: tuple
    opens: str
    closes: str


@dataclass(frozen=True)
class Team:
    key: str
    name: str
    phone: Phone
    freephone: bool
    email: str
    hours: str
    opening_hours: tuple = ()  # of OpeningHours


@dataclass(frozen=True)
class Office:
    name: str
    street: str
    locality: str
    region: str
    postcode: str
    country: str = "GB"


@dataclass(frozen=True)
class Contact:
    firm_name: str
    legal_name: str
    sra_number: str
    firm_url: str
    teams: dict = field(default_factory=dict)
    main_team_key: str = ""
    offices: tuple = ()
    callback_page: str = ""

    @property
    def main_team(self) -> Team:
        """The team whose number the header and footer show."""
        return self.teams[self.main_team_key]


def parse_phone(raw: object, where: str) -> Phone:
    """Check a UK phone number and return it with its E.164 form; raise naming `where`."""
    text = str(raw or "").strip()
    try:
        number = phonenumbers.parse(text, REGION)
    except phonenumbers.NumberParseException as exc:
        raise NewsdeskError(f"{where}: {text!r} is not a phone number ({exc}). "
                            "Write it as the firm does, e.g. 0800 9555 094.") from exc
    if not phonenumbers.is_valid_number(number):
        raise NewsdeskError(f"{where}: {text!r} is not a valid UK phone number. "
                            "Check the digits (e.g. 0800 9555 094).")
    return Phone(display=text, e164=phonenumbers.format_number(
        number, phonenumbers.PhoneNumberFormat.E164))


def _time(value, where: str) -> str:
    """'9:00' or '09:00' -> '09:00'; unquoted 9:00 in YAML arrives as 540 (minutes)."""
    m = _TIME.match(str(value).strip()) if isinstance(value, str) else None
    if not m:
        raise NewsdeskError(f"{where}: {value!r} is not a time. Write it in quotes as "
                            'HH:MM, e.g. "09:00".')
    return f"{int(m.group(1)):02d}:{m.group(2)}" + (f":{m.group(3)}" if m.group(3) else "")


def _opening_hours(entries, where: str) -> tuple:
    """Check a team's opening_hours entries; times come back as HH:MM."""
    found = []
    for i, entry in enumerate(entries or ()):
        here = f"{where}.opening_hours[{i}]"
        if not isinstance(entry, dict) or not entry.get("days"):
            raise NewsdeskError(f"{here}: needs days, opens and closes, e.g. "
                                'days: [Monday, Friday], opens: "09:00", closes: "17:30".')
        days = entry["days"]
        days = [d.strip() for d in days.split(",")] if isinstance(days, str) else list(days)
        found.append(OpeningHours(days=tuple(str(d) for d in days),
                                  opens=_time(entry.get("opens"), f"{here}.opens"),
                                  closes=_time(entry.get("closes"), f"{here}.closes")))
    return tuple(found)


def _require(data: dict, key: str, where: str) -> object:
    if key not in data or data[key] in (None, ""):
        raise NewsdeskError(f"{where}: missing '{key}'. Add it to the contact data file.")
    return data[key]


def _team(key: str, data: dict, path: str) -> Team:
    where = f"{path}: teams.{key}"
    if not isinstance(data, dict):
        raise NewsdeskError(f"{where}: must be a mapping of name, phone, freephone, email, hours.")
    return Team(
        key=key,
        name=str(_require(data, "name", where)),
        phone=parse_phone(_require(data, "phone", where), f"{where}.phone"),
        freephone=bool(data.get("freephone", False)),
        email=str(_require(data, "email", where)),
        hours=str(_require(data, "hours", where)),
        opening_hours=_opening_hours(data.get("opening_hours"), where),
    )


def _office(index: int, data: dict, path: str) -> Office:
    where = f"{path}: offices[{index}]"
    fields = {k: str(_require(data, k, where)) for k in ("name", "street", "locality", "postcode")}
    return Office(region=str(data.get("region", "")), country=str(data.get("country", "GB")),
                  **fields)


def parse_contact(data: object, path: str) -> Contact:
    """Validate parsed contact data (a dict) and build a Contact; errors name `path` and the field."""
    if not isinstance(data, dict):
        raise NewsdeskError(f"{path}: the contact data must be a YAML mapping.")
    firm = _require(data, "firm", path)
    teams_raw = _require(data, "teams", path)
    if not isinstance(firm, dict) or not isinstance(teams_raw, dict):
        raise NewsdeskError(f"{path}: 'firm' and 'teams' must be mappings.")
    teams = {str(k): _team(str(k), v, path) for k, v in teams_raw.items()}
    main = str(_require(data, "main_team", path))
    if main not in teams:
        raise NewsdeskError(f"{path}: main_team '{main}' is not one of the teams "
                            f"({', '.join(sorted(teams))}).")
    offices = tuple(_office(i, o, path) for i, o in enumerate(data.get("offices") or []))
    return Contact(
        firm_name=str(_require(firm, "name", f"{path}: firm")),
        legal_name=str(firm.get("legal_name") or firm["name"]),
        sra_number=str(_require(firm, "sra_number", f"{path}: firm")),
        firm_url=str(firm.get("url", "")),
        teams=teams,
        main_team_key=main,
        offices=offices,
        callback_page=str(_require(data, "callback_page", path)),
    )


def load_contact(path: str) -> Contact:
    """Read and validate the contact data file at `path`."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
    except FileNotFoundError as exc:
        raise NewsdeskError(f"{path}: contact data file not found. Create it, or set "
                            "CONTACT['path'] to where it is.") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise NewsdeskError(f"{path}{line}: invalid YAML ({getattr(exc, 'problem', exc)}).") from exc
    return parse_contact(data, path)
