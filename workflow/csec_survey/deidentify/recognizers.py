"""Presidio recognizers for the personal data in investigators' free text.

Presidio's own recognizers are written for other text; several fire on the
ordinary numbers of these answers (driver licences, bank accounts, passports,
UK identifiers), and its NER recognizer needs a trained model we cannot load.
These recognizers are written for this text: people, places and agencies
(`name_recognizers`, and `cued_recognizers`, `cued_agencies` and `cued_places`
for those capitals do not give away), ways to reach someone
(`contact_recognizers`), where someone is (`address_recognizers`), and what
personal data looks like in its form (`pattern_recognizers`); this module puts
them together.
"""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer

from csec_survey.deidentify.address_recognizers import address_recognizers
from csec_survey.deidentify.contact_recognizers import (
    EmailRecognizer,
    HandleRecognizer,
    PhoneRecognizer,
)
from csec_survey.deidentify.cued_agencies import CuedAgencyRecognizer
from csec_survey.deidentify.cued_places import CuedPlaceRecognizer
from csec_survey.deidentify.cued_recognizers import CuedPersonRecognizer
from csec_survey.deidentify.gazetteers import Gazetteers
from csec_survey.deidentify.name_recognizers import (
    AgencyRecognizer,
    PersonRecognizer,
    PlaceRecognizer,
)
from csec_survey.deidentify.network_recognizers import IpAddressRecognizer, UrlRecognizer
from csec_survey.deidentify.pattern_recognizers import number_recognizers
from csec_survey.deidentify.shorthand_recognizers import shorthand_recognizers

__all__ = ["ENTITY_TYPES", "build_recognizers"]

ENTITY_TYPES: tuple[str, ...] = (
    "PERSON", "AGENCY", "PLACE", "ADDRESS", "PHONE", "EMAIL", "IP_ADDRESS", "URL", "HANDLE",
    "CASE_NUMBER", "BADGE_NUMBER", "DATE",
)


def build_recognizers(gazetteers: Gazetteers) -> list[EntityRecognizer]:
    """Every recognizer the scrubber runs on each answer."""
    return [
        PersonRecognizer(gazetteers),
        PlaceRecognizer(gazetteers),
        AgencyRecognizer(),
        CuedPersonRecognizer(gazetteers),
        CuedAgencyRecognizer(gazetteers),
        CuedPlaceRecognizer(gazetteers),
        UrlRecognizer(gazetteers),
        IpAddressRecognizer(),
        PhoneRecognizer(),
        EmailRecognizer(gazetteers),
        HandleRecognizer(gazetteers),
        *number_recognizers(),
        *address_recognizers(),
        *shorthand_recognizers(gazetteers),
    ]
