"""The firm's contact data: phone checks and validation messages (newsdesk.contact)."""

from __future__ import annotations

import copy
import os

import pytest

from newsdesk import contact
from newsdesk.errors import NewsdeskError

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONTACT = os.path.join(ROOT, "content", "data", "contact.yml")

VALID = {
    "firm": {"name": "Jordans", "legal_name": "Jordans Solicitors LLP", "sra_number": "000000",
             "url": "https://www.jordanssolicitors.co.uk/"},
    "main_team": "abuse",
    "callback_page": "contact",
    "teams": {
        "abuse": {"name": "Abuse team", "phone": "0800 9555 094", "freephone": True,
                  "email": "abuse@jordans.example", "hours": "Monday to Friday"},
        "professional-negligence": {"name": "Professional negligence team",
                                    "phone": "0113 496 0303", "email": "p@jordans.example",
                                    "hours": "Monday to Friday"},
    },
    "offices": [{"name": "Head office", "street": "1 Sample Street", "locality": "Leeds",
                 "postcode": "LS1 1AA"}],
}


def data(**changes) -> dict:
    """A deep copy of VALID with dotted-path changes; a value of None deletes the key."""
    result = copy.deepcopy(VALID)
    for dotted, value in changes.items():
        *parents, leaf = dotted.split("__")
        target = result
        for part in parents:
            target = target[part]
        if value is None:
            del target[leaf]
        else:
            target[leaf] = value
    return result


@pytest.mark.parametrize("raw, e164", [
    ("0800 9555 094", "+448009555094"),
    ("0113 496 0303", "+441134960303"),
    ("0808 157 0101", "+448081570101"),
    ("(0113) 496 0303", "+441134960303"),
    ("+44 800 9555 094", "+448009555094"),
    ("  08009555094 ", "+448009555094"),
])
def test_parse_phone_valid(raw, e164):
    phone = contact.parse_phone(raw, "teams.abuse.phone")
    assert phone.e164 == e164
    assert phone.display == raw.strip()
    assert phone.href == f"tel:{e164}"


@pytest.mark.parametrize("raw, words", [
    ("0800 123", ["not a valid UK phone number"]),
    ("0113 496 030", ["not a valid UK phone number"]),
    ("call us", ["not a phone number"]),
    ("", ["not a phone number"]),
    (None, ["not a phone number"]),
])
def test_parse_phone_invalid_names_the_field(raw, words):
    with pytest.raises(NewsdeskError) as err:
        contact.parse_phone(raw, "contact.yml: teams.abuse.phone")
    assert str(err.value).startswith("contact.yml: teams.abuse.phone: ")
    for word in words:
        assert word in str(err.value)


def test_parse_contact_builds_teams_and_main_team():
    parsed = contact.parse_contact(data(), "contact.yml")
    assert list(parsed.teams) == ["abuse", "professional-negligence"]
    assert parsed.main_team.phone.e164 == "+448009555094"
    assert parsed.teams["professional-negligence"].freephone is False
    assert parsed.offices[0].country == "GB"


@pytest.mark.parametrize("changes, words", [
    ({"teams__abuse__phone": None}, ["contact.yml: teams.abuse", "missing 'phone'"]),
    ({"teams__professional-negligence__phone": ""},
     ["teams.professional-negligence", "missing 'phone'"]),
    ({"teams__abuse__phone": "0800 123"}, ["contact.yml: teams.abuse.phone", "'0800 123'"]),
    ({"teams__abuse__email": None}, ["teams.abuse", "missing 'email'"]),
    ({"teams__abuse": "0800 9555 094"}, ["teams.abuse", "must be a mapping"]),
    ({"main_team": "injury"}, ["main_team 'injury' is not one of the teams",
                               "(abuse, professional-negligence)"]),
    ({"main_team": None}, ["missing 'main_team'"]),
    ({"callback_page": None}, ["missing 'callback_page'"]),
    ({"firm__sra_number": None}, ["contact.yml: firm", "missing 'sra_number'"]),
    ({"offices": [{"name": "Leeds", "street": "1 Street", "locality": "Leeds"}]},
     ["offices[0]", "missing 'postcode'"]),
])
def test_parse_contact_errors_name_the_field(changes, words):
    with pytest.raises(NewsdeskError) as err:
        contact.parse_contact(data(**changes), "contact.yml")
    assert str(err.value).startswith("contact.yml")
    for word in words:
        assert word in str(err.value)


@pytest.mark.parametrize("bad", [None, [], "text"])
def test_parse_contact_needs_a_mapping(bad):
    with pytest.raises(NewsdeskError, match="must be a YAML mapping"):
        contact.parse_contact(bad, "contact.yml")


def test_load_contact_reads_the_real_file():
    real = contact.load_contact(CONTACT)
    assert real.main_team_key == "abuse"
    assert real.main_team.phone.href == "tel:+448009555094"
    assert real.main_team.phone.display == "0800 9555 094"
    assert set(real.teams) == {"abuse", "personal-injury", "clinical-negligence",
                               "professional-negligence"}


def test_load_contact_missing_file(tmp_path):
    with pytest.raises(NewsdeskError, match="contact data file not found"):
        contact.load_contact(str(tmp_path / "contact.yml"))


def test_load_contact_yaml_error_gives_the_line(tmp_path):
    path = tmp_path / "contact.yml"
    path.write_text("firm:\n  name: Jordans\nteams: [\n", encoding="utf-8")
    with pytest.raises(NewsdeskError, match=r"contact\.yml:4: invalid YAML"):
        contact.load_contact(str(path))


@pytest.mark.parametrize("hours, message", [
    ([{"days": ["Monday"], "opens": 540, "closes": "17:00"}], "opens: 540 is not a time"),
    ([{"days": ["Monday"], "opens": "9am", "closes": "17:00"}], "opens: '9am' is not a time"),
    ([{"opens": "09:00", "closes": "17:00"}], "needs days, opens and closes"),
])
def test_bad_opening_hours_name_the_team_and_field(hours, message):
    # Checked when the contact data is read, so `invoke check` reports it as the build does.
    with pytest.raises(NewsdeskError) as err:
        contact.parse_contact(data(teams__abuse__opening_hours=hours), "content/data/contact.yml")
    assert str(err.value).startswith("content/data/contact.yml: teams.abuse.opening_hours[0]")
    assert message in str(err.value)
