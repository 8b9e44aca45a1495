"""Fake respondent metadata: who answered, from which agency, and when.

Names, e-mail addresses, IP addresses, locations and agencies are fake but
realistic, so that de-identification has real work to do; start times follow
the invitation and its two reminders.
"""

from __future__ import annotations

import re
import string
from datetime import datetime, timedelta

import numpy as np
import pandas as pd
from faker import Faker

__all__ = ["agency_name", "respondent_metadata", "response_id", "start_time"]

# Invitation and the two reminders (two weeks apart), and the close.
_WAVES = (datetime(2012, 11, 5, 9), datetime(2012, 11, 19, 9), datetime(2012, 12, 3, 9))
_WAVE_SHARES = (0.55, 0.28, 0.17)
_CLOSE = datetime(2012, 12, 17, 17)
_AGENCY_KIND_BY_LEVEL = {1: "police", 2: "sheriff", 3: "state_police", 4: "prosecutor"}


def respondent_metadata(answers: pd.DataFrame, size: int, rng: np.random.Generator,
                        fake: Faker) -> pd.DataFrame:
    """Fake respondent metadata: who, where from, and when."""
    # Plain Python values: pandas' per-cell access would dominate at 100,000 rows.
    levels = answers["agency_level"].to_numpy(dtype=object, na_value=None)
    rows = []
    # The e-mail address is the duplicate key: two people may not share one.
    emails: set[str] = set()
    for index in range(size):
        latitude, longitude, city, _, _ = fake.local_latlng(country_code="US")
        county = f"{fake.last_name()} County"
        state = fake.state()
        level = levels[index]
        kind = _AGENCY_KIND_BY_LEVEL.get(int(level) if level is not None else 1, "police")
        agency = agency_name(fake, rng, kind, city=city, county=county, state=state)
        first, last = fake.first_name(), fake.last_name()
        domain = re.sub(r"[^a-z]", "", (city if kind == "police" else county
                                        if kind in ("sheriff", "prosecutor") else state).lower())
        email = _unique(str(rng.choice([f"{first[0]}{last}@{domain}pd.org",
                                        f"{first}.{last}@{domain}.gov",
                                        f"{last}{first[0]}@{domain}.us",
                                        fake.free_email()])).lower(), emails)
        start = start_time(rng)
        duration = int(np.clip(rng.lognormal(np.log(1150), 0.55), 240, 7200))
        rows.append({
            "StartDate": start, "Duration": duration,
            "RecordedDate": start + timedelta(seconds=duration),
            "Status": "IP Address", "Progress": 100, "Finished": "True",
            "IPAddress": fake.ipv6() if rng.random() < 0.08 else fake.ipv4_public(),
            "ResponseId": response_id(rng),
            "RecipientLastName": last, "RecipientFirstName": first, "RecipientEmail": email,
            "ExternalReference": f"AG{int(rng.integers(10000, 99999))}",
            "LocationLatitude": f"{float(latitude) + rng.normal(0, 0.02):.4f}",
            "LocationLongitude": f"{float(longitude) + rng.normal(0, 0.02):.4f}",
            "DistributionChannel": "email", "UserLanguage": "EN",
            "AgencyName": agency, "AgencyCity": city, "AgencyState": state,
        })
    return pd.DataFrame(rows)


def _unique(email: str, used: set[str]) -> str:
    """``email``, numbered (``jsmith2@…``) if someone already has it; recorded as used."""
    local, domain = email.split("@")
    number = 1
    while email in used:
        number += 1
        email = f"{local}{number}@{domain}"
    used.add(email)
    return email


def start_time(rng: np.random.Generator) -> datetime:
    wave = _WAVES[int(rng.choice(len(_WAVES), p=_WAVE_SHARES))]
    start = wave + timedelta(days=float(min(rng.exponential(2.5), 12.5)),
                             minutes=float(rng.integers(0, 9 * 60)))
    return min(start, _CLOSE - timedelta(hours=3)).replace(microsecond=0)


def response_id(rng: np.random.Generator) -> str:
    alphabet = string.ascii_letters + string.digits
    return "R_" + "".join(alphabet[i] for i in rng.integers(len(alphabet), size=15))


def agency_name(fake: Faker, rng: np.random.Generator, kind: str,
                city: str | None = None, county: str | None = None,
                state: str | None = None) -> str:
    """A plausible US law-enforcement agency name of the given kind."""
    city = city or str(fake.local_latlng(country_code="US")[2])
    county = county or f"{fake.last_name()} County"
    state = state or fake.state()
    names = {
        "police": [f"{city} Police Department", f"{city} PD", f"{city} Police Dept."],
        "sheriff": [f"{county} Sheriff's Office", f"{county} Sheriff's Department"],
        "state_police": [f"{state} State Police", f"{state} Bureau of Investigation"],
        "task_force": [f"{state} ICAC Task Force", f"{city} Area ICAC Task Force"],
        "prosecutor": [f"{county} Prosecutor's Office", f"{county} District Attorney's Office"],
    }[kind]
    return names[int(rng.integers(len(names)))]
