"""Presidio recognizers of where someone is: street addresses, roads, ZIP codes, motels.

A street with or without a house number ("1420 w main st", "N. Elm St", "the
3300 block of S. Halsted"), an intersection, a road small enough to place
someone ("hwy 101", "exit 42 off I-10"), a PO box, a ZIP code, a named motel
or business, a named park, school or shelter, and a national chain where it
stands ("the IHOP on Westheimer").
And `streets_after` finds the street a business stands on, named without a
suffix ("the Extended Stay on Tidwell").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from presidio_analyzer import EntityRecognizer

from csec_survey.core.platforms import platform_mentions
from csec_survey.deidentify.pattern_recognizers import RegexSpanRecognizer

__all__ = ["address_recognizers", "streets_after"]

_STREET_SUFFIXES = (
    "Alley|Aly|Avenue|Ave|Bayou|Beach|Bend|Bluffs?|Boulevard|Blvd|Branch|Bridge|Brooks?|"
    "Burgs?|Bypass|Camp|Canyon|Cape|Causeway|Centers?|Ctr|Circles?|Cir|Cliffs?|Club|Commons?|"
    "Corners?|Course|Courts?|Ct|Coves?|Creek|Crescent|Crest|Crossing|Curve|Dale|Dam|Divide|"
    "Drives?|Dr|Estates?|Expressway|Expy|Extensions?|Falls?|Ferry|Fields?|Flats?|Fords?|"
    "Forest|Forges?|Forks?|Fort|Freeway|Fwy|Gardens?|Gateway|Glens?|Greens?|Groves?|Harbors?|"
    "Haven|Heights|Hts|Highway|Hwy|Hills?|Hollow|Inlet|Islands?|Isle|Junctions?|Keys?|"
    "Knolls?|Lakes?|Land|Landing|Lane|Ln|Lights?|Loaf|Locks?|Lodge|Loop|Mall|Manors?|"
    "Meadows?|Mews|Mills?|Mission|Motorway|Mount|Mountains?|Neck|Orchard|Oval|Overpass|"
    "Parks?|Parkways?|Pkwy|Pass|Passage|Path|Pike|Pines?|Place|Pl|Plains?|Plaza|Points?|"
    "Ports?|Prairie|Radial|Ramp|Ranch|Rapids?|Rest|Ridges?|River|Roads?|Rd|Route|Row|Rue|"
    "Run|Shoals?|Shores?|Skyway|Springs?|Spurs?|Squares?|Sq|Station|Stravenue|Stream|"
    "Streets?|St|Summit|Terrace|Ter|Throughway|Trace|Track|Trafficway|Trail|Trl|Trailer|"
    "Tunnel|Turnpike|Underpass|Unions?|Valleys?|Viaduct|Views?|Villages?|Ville|Vista|Walks?|"
    "Wall|Ways?|Wells?")
# Suffixes that name a street even without a number; not "Court" (a court of law) or
# "Drive" (a hard drive), which need the house number.
_NAMED_STREET_SUFFIXES = ("St|Street|Ave|Avenue|Blvd|Boulevard|Rd|Road|Ln|Lane|Pkwy|Parkway|"
                          "Hwy|Highway|Pike|Turnpike|Terrace|Ter|Dr|Trail|Trl|Cir")
# Words a number counts ("20000 ads"): no ZIP code before them.
_COUNTED = (r"\s+(?:ads|dollars|people|cases|views|hits|posts|messages|calls|miles|images|"
            r"files|photos|videos|followers|friends|users|members|times|texts|pages|accounts|"
            r"girls|kids)\b")
# A city's quadrant after the street: "Georgia Ave NW", "2231 Central Ave SE".
_QUADRANT = r"(?:\s+(?i:NW|NE|SW|SE)\b)?"
# The unit within a building: "Apt 4", "Ste. 200", "Rm 239".
_UNIT = r"(?:apt\.?|apartment|suite|ste\.?|unit|rm\.?|room|#)"
_STREET_NAME = r"(?:[NSEW]\.?\s+)?(?:[A-Z][a-z][\w'-]*|\d{1,3}(?:st|nd|rd|th))"
_SUFFIXED_STREET = rf"{_STREET_NAME}\s+(?:St|Street|Ave|Avenue|Blvd|Rd|Road|Dr|Ln|Pkwy|Hwy)\b\.?"
_STREET = rf"{_STREET_NAME}(?:\s+(?:St|Street|Ave|Avenue|Blvd|Rd|Road|Dr|Ln|Pkwy|Hwy)\b\.?)?"
_LOWER_STREET_SUFFIXES = ("st|street|ave|avenue|rd|road|dr|drive|ln|lane|blvd|ct|pkwy|hwy|cir|pl|"
                          "ter|trl")
_ABBREVIATED_STREET_SUFFIXES = "|".join(
    suffix for suffix in _LOWER_STREET_SUFFIXES.split("|")
    if suffix not in ("street", "avenue", "road", "drive", "lane"))
# National chains: named where they stand, they place a person.
_CHAINS = ("McDonald|Love|Sonic|Circle K|Cracker Barrel|Extended Stay America|Family Dollar|"
           "Flying J|Forever 21|Greyhound|IHOP|Pilot|Petro|Waffle House|Walmart|Wal-Mart|Target|"
           "Starbucks|Walgreens|CVS|Denny|Taco Bell|Burger King|Wendy|Subway|Dollar General|"
           "Kmart|7-Eleven|Chevron|Shell|Exxon|QuikTrip|Wawa|Sheetz|Buc-ee|Motel 6|Super 8|"
           "Days Inn|Red Roof(?: Inn)?|Budget Suites|Knights Inn|Travelodge|Econo Lodge|"
           "Extended Stay|Value Place|Budget Host|Little America|TA|Red Carpet Inn|"
           "Studio 6|InTown Suites|Rodeway Inn|Quality Inn|Comfort Inn|La Quinta|"
           "Holiday Inn(?: Express)?|Best Western|Hampton Inn|Country Inn & Suites|Sleep Inn|"
           "Howard Johnson|Ramada|Marriott|Hilton|Embassy Suites|Residence Inn|Red Lion|"
           "Microtel|Motel 8|Best Buy|Dollar Tree|Kroger|Safeway|Costco|Home Depot|Lowe|"
           "Six Flags(?: (?:Over|Fiesta|Great|Magic) [A-Z][a-z]+(?: [A-Z][a-z]+)?)?|Disneyland|"
           "Disney World|Dave & Buster|Chuck E\\. Cheese|Allsup|Speedway|Kwik Trip|Casey|"
           "RaceTrac|Mall of America|Circus Circus|TA Travel Center|Planet Fitness|Applebee|"
           "Hooters|Buffalo Wild Wings|Peter Piper Pizza|Jack in the Box|Whataburger|Arby")
_LANDMARKS = ("Super 8|Motel 6|Mall of America|"
              "Six Flags(?: (?:Over|Fiesta|Great|Magic) [A-Z][a-z]+(?: [A-Z][a-z]+)?)?|"
              "Circus Circus|Disneyland|Disney World|Holiday Inn(?: Express)?|Best Western|"
              "Hampton Inn|Country Inn & Suites|Red Roof Inn|Extended Stay(?: America)?|Days Inn|"
              "Econo Lodge|Knights Inn|La Quinta|Quality Inn|Comfort Inn|"
              "Budget Suites|Studio 6|InTown Suites|Rodeway Inn|Embassy Suites|Residence Inn|"
              "TA Travel Center|Love['\u2019]s Travel Stop|Motel \\d{1,2}|"
              # Transit stations and lines: where someone was picked up or rode to.
              "Port Authority(?: Bus Terminal)?|Red Line|Blue Line|Green Line|Orange Line|"
              "Silver Line|Purple Line|Gold Line|Expo Line")
_LANDMARK_WORDS = frozenset(word for name in _LANDMARKS.lower().split("|")
                            for word in re.findall(r"[a-z]+", name)[:1])
_NAMED = r"(?:[A-Z][a-z]{2,}|[B-HJ-Z](?![\w'-]))"  # or one letter, "19th and Q"; never "I", "A"
_NUMBERED = r"(?:\d{1,3}(?:st|nd|rd|th)|\d{1,2}\s+Mile)"
# What of a chain's site a span takes with it: "the Shell station".
_CHAIN_PART = (r"(?:\s+(?:station|truck\s+stop|travel\s+(?:center|plaza)|parking\s+lot|store|"
               r"restaurant|security))?")
_STREET_WORDS = frozenset(_NAMED_STREET_SUFFIXES.lower().split("|"))
_CHAIN_WORDS = frozenset(word for chain in _CHAINS.lower().split("|")
                         for word in re.findall(r"[a-z]+", chain)[:1])
# "Bluffs?" is "bluff" and "bluffs".
_STREET_SUFFIX_WORDS = frozenset(
    form for word in re.findall(r"[A-Za-z]+\??", _STREET_SUFFIXES.lower())
    for form in ((word[:-2], word[:-1]) if word.endswith("?") else (word,)))


def address_recognizers() -> list[EntityRecognizer]:
    """Recognizers of street addresses, roads, exits, ZIP codes and named businesses."""
    return [
        RegexSpanRecognizer("ADDRESS", [(
            rf"(?P<value>\b\d{{1,6}}\s+(?:[NSEW]\.?\s+)?(?:[A-Z0-9][\w'.-]*\s+){{0,3}}"
            rf"(?:{_STREET_SUFFIXES})\b\.?{_QUADRANT}(?:,?\s+(?i:{_UNIT})"
            r"\s*#?[\w-]+)?)", 0.85, _STREET_SUFFIX_WORDS),
            (r"(?i)(?<![\w-])(?P<value>p\.?\s?o\.?\s+box\s+\d{1,6})\b", 0.85,
             frozenset({"box"})),
            # "exit 42 off I-10", "I-35 exit 12", "mile marker 118": a place on a road.
            (r"(?i)(?<![\w-])(?P<value>(?:I-?\s?\d{1,3}\s+(?:near\s+|at\s+)?)?"
             r"(?:exit|mile\s+marker|mm)\s+\d{1,4}[A-Z]?"
             r"(?:\s+(?:off|on|of)\s+(?:I|US|SR|Hwy|Route)-?\s?\d{1,3})?)\b", 0.7,
             frozenset({"exit", "marker", "mm"})),
            # "1420 w main st", "3300 block of S. Halsted": lower case, or a block.
            (rf"(?i)(?P<value>\b\d{{1,6}}\s+(?:[nsew]\.?\s+)?(?:[a-z0-9][\w'.-]*\s+){{0,3}}"
             rf"(?:{_LOWER_STREET_SUFFIXES})\b\.?{_QUADRANT}(?:,?\s+{_UNIT}"
             r"\s*#?[\w-]+)?)", 0.8, _STREET_SUFFIX_WORDS),
            (r"(?i)(?P<value>\b\d{2,6}\s+block\s+of\s+(?:[nsew]\.?\s+)?[a-z0-9][\w'.-]*"
             rf"(?:\s+(?:{_LOWER_STREET_SUFFIXES})\b\.?)?)", 0.8, frozenset({"block"})),
            # "hwy 101", "Route 9", "county road 12": a road small enough to place someone.
            (r"(?i)(?<![\w-])(?P<value>(?:hwy|highway|rte|route|rt|state\s+(?:road|route|hwy)|"
             r"county\s+(?:road|rd|hwy)|sr|cr|fm|(?-i:US))\.?\s*-?\s*\d{1,4}[A-Z]?)\b"
             # Not a case number of that shape: "CR12-8650".
             r"(?!-\d)", 0.75),
            # "I-85", "Interstate 10", "on I 95": an interstate places someone along it. A
            # bare "I" and a number needs a road's preposition: not "I 2 girls".
            # A branch of one keeps its letter: "I-35E", "on 35W".
            (r"(?<![\w-])(?P<value>(?:I|IH)-\d{1,3}[EW]?|[Ii]nterstate\s+\d{1,3})(?![\w-])",
             0.75),
            (r"(?i:\b(?:on|along|off|down|up|via|near|take|took|taking|from|to|of)\s)"
             r"(?P<value>\d{2,3}[EW])(?![\w-])", 0.75),
            (r"(?i:\b(?:on|along|off|down|up|via|near|take|took|taking|from|to|of)\s)"
             r"(?P<value>(?:I|IH)\s?\d{1,3})(?![\w-])", 0.75),
            # "Figueroa and 84th", "8 Mile and Gratiot", "19th and Q": streets that meet, one
            # numbered, after a place's preposition or opening a sentence.
            (rf"(?:(?i:\b(?:at|around|on|walked|walks|work|works|near|by|off)\s+)|^|(?<=[.!?]\s))(?P<value>"
             rf"(?:{_NAMED}\s+(?:and|&)\s+{_NUMBERED}|{_NUMBERED}\s+(?:and|&)\s+{_NAMED}))"
             r"(?![\w-])", 0.7, frozenset({"and"})),
            # A ZIP code: five digits standing alone that count nothing ("89030", not
            # "$10000" or "20000 ads").
            (rf"(?<![\w$#.,/:-])(?P<value>\d{{5}}(?:-\d{{4}})?)(?![\w,.%/:-]|\.\d|{_COUNTED})",
             0.6),
            # The end of an address: the town and its ZIP after the street, a comma between
            # or not ("4410 Birchwood Ln, Clayton, 27520, which"), the town an everyday word
            # too ("Independence, 64050"); or a ZIP after a town's name alone.
            (rf"\b(?:{_NAMED_STREET_SUFFIXES})\b\.?,\s+(?P<value>[A-Z][\w.'-]*"
             rf"(?:\s+[A-Z][\w.'-]*){{0,2}},?\s+\d{{5}}(?:-\d{{4}})?)(?![\w%/:-]|[.,]\d)", 0.6),
            (rf"(?:\b[A-Z][a-z]{{2,}}|\b[A-Z]{{3,}}),?\s(?P<value>\d{{5}}(?:-\d{{4}})?)"
             rf"(?![\w%/:-]|[.,]\d|{_COUNTED})", 0.6),
            # Where the answer speaks of ZIP codes, a comma may follow one: "77036 and 77074, the".
            (r"(?<![\w$#.,/:-])(?P<value>\d{5}(?:-\d{4})?)(?![\w.%/:-]|[.,]\d)", 0.6,
             frozenset({"zip", "zips", "zipcode", "zipcodes"}))],
            name="AddressRecognizer", needs_digit=True),
        # A motel's name places a person, a chain's too ("the Super 8 in lodi").
        RegexSpanRecognizer("ADDRESS", [
            # A named street without a house number: "N. Elm St", "Dixie Hwy", "MLK Blvd SE".
            (rf"(?<![\w'-])(?P<value>(?:[NSEW]\.?\s+)?(?:[A-Z][a-z][\w'-]*\s+|MLK\s+|"
             rf"\d{{1,3}}(?:st|nd|rd|th)\s+){{1,2}}(?:{_NAMED_STREET_SUFFIXES})\b\.?{_QUADRANT})",
             0.7, _STREET_WORDS),
            # "NW 10th", "the E 7th St motels": a numbered street by its direction.
            (r"(?<![\w'-])(?P<value>(?:NW|NE|SW|SE|[NSEW]\.?)\s+\d{1,3}(?:st|nd|rd|th)"
             r"(?:\s+(?:St|Street|Ave|Avenue)\b\.?)?)", 0.7),
            # "on S Meridian", "at West Colfax": a street by its direction, no suffix.
            (r"\b(?:on|at|off)\s(?P<value>(?:[NSEW]\.?|North|South|East|West)\s+"
             r"(?!(?:Coast|Side|End|Bank|Texas|Virginia|Carolina|Dakota|Africa|Asia|Europe)\b)"
             r"[A-Z][a-z]{2,}(?:\s+(?:St|Ave|Blvd|Rd|Dr)\b\.?)?)", 0.65,
             frozenset({"on", "at", "off"})),
            # "Pine St and 4th Ave": an intersection, one place.
            (rf"(?<![\w'-])(?P<value>{_SUFFIXED_STREET}\s+(?:and|&|at)\s+{_STREET}|"
             rf"{_STREET}\s+(?:and|&|at)\s+{_SUFFIXED_STREET})", 0.75, _STREET_WORDS),
            (r"(?<![\w'-])(?P<value>(?!(?:the|a|an|on|off|to|down|up|state|county|interstate|"
             r"this|that|same|busy|big|old|new|main|federal|divided|open|rural)\b)"
             r"[a-z][a-z'-]+\s+(?:hwy|highway|blvd|pkwy|pike))\b", 0.6,
             frozenset({"hwy", "highway", "blvd", "pkwy", "pike"})),
            (r"(?P<value>(?i:\b(?:corner|intersection)\s+of\s+)[A-Z0-9][\w'-]*"
             r"(?:\s+[A-Z][\w'-]*)?\s+(?:and|&)\s+[A-Z0-9][\w'-]*(?:\s+[A-Z][\w'-]*)?)", 0.75,
             frozenset({"corner", "intersection"})),
            # A named motel or business: "the Sunset Inn", "Palms Motel".
            (r"(?<![\w'-])(?P<value>(?:[A-Z][\w'&-]*\s+){1,3}(?:Motel|Inn|Hotel|Lodge|"
             r"Motor\s+Lodge|Suites|Apartments|Apts|Trailer\s+Park|Truck\s+Stop|Plaza|Mall|"
             r"Travel\s+(?:Center|Plaza|Stop)|Truck\s+Plaza|Rest\s+(?:Area|Stop)|Cafe|Diner|"
             r"Estates))\b",
             0.7, frozenset({"motel", "inn", "hotel", "lodge", "suites", "apartments", "apts",
                             "park", "stop", "plaza", "mall", "center", "area", "cafe", "diner",
                             "estates"})),
            # In capitals, after "THE": "AT THE TRAVELERS REST MOTEL" (not "AT A MOTEL").
            (r"(?<=THE\s)(?P<value>(?:(?!(?:A|AN|THE|OLD|SAME|CHEAP)\s)[A-Z][A-Z'&-]+\s+){1,3}"
             r"(?:MOTEL|INN|HOTEL|LODGE|SUITES|TRUCK\s+STOP))\b", 0.7,
             frozenset({"motel", "inn", "hotel", "lodge", "suites", "stop"})),
            # The kind in lower case stays, as a word: "the Harvest Moon motel", "the Shady
            # Acres rest area".
            (r"(?<![\w'-])(?P<value>(?!(?:The|A|An|Internet|Cyber|Cheap|Local|Same|Hourly|"
             r"Seedy|Sleazy|Nearby|Public|State|Interstate|Highway|Hotel|Motel)\s)"
             r"(?:[A-Z][\w'&-]*\s+){0,2}[A-Z][\w'&-]*)(?=\s+(?:motel|hotel|inn|"
             r"travel\s+(?:center|plaza|stop)|truck\s+(?:stop|plaza)|rest\s+(?:area|stop)|"
             r"cafe|diner|apartments|apts|trailer\s+park)\b)",
             0.7, frozenset({"motel", "hotel", "inn", "center", "plaza", "stop", "area", "cafe",
                             "diner", "apartments", "apts", "park"})),
            # A named park, square, school, library or shelter: "Riverside Park", "Jefferson
            # Middle", "the Lakeshore Youth Shelter" (not "the State Park", "High School").
            (r"(?<![\w'-])(?P<value>(?!(?:The|A|An|This|That|Our|My|His|Her|Their|State|"
             r"National|County|City|Public|Local|High|Middle|Group|Youth|Girls|Boys|Electoral|"
             r"Juvenile|Regional|Federal)\s)"
             r"(?:[A-Z][\w'&-]*\s+){1,3}(?:Park|Square|Library|Shelter|Academy|"
             r"(?:Middle|High|Elementary|Junior\s+High)(?:\s+School)?|School|"
             r"(?:Community\s+)?College|Commons|Mall|Lanes|Hospital|"
             r"(?:Medical|Civic|Recreation|Transit|Town|Detention|Shopping)\s+Center|"
             r"(?:Girls|Boys|Group|Youth)\s+(?:Home|Shelter|Center|Ranch)))\b", 0.7,
             frozenset({"park", "square", "library", "shelter", "academy", "middle", "high",
                        "elementary", "school", "home", "center", "ranch", "college",
                        "commons", "mall", "lanes", "hospital"})),
            # Motels and landmarks whose names are no everyday words: named anywhere, they
            # are where something happened (a shop is where phones are bought, and stays).
            (rf"(?<![\w'-])(?P<value>(?=[A-Z])(?:{_LANDMARKS})(?:['\u2019]s)?{_CHAIN_PART})(?![\w-])",
             0.7, _LANDMARK_WORDS),
            # Motels of more than one word, in lower case too: "the days inn on 9th".
            (r"(?i)(?<![\w'-])(?P<value>(?:days|red\s+roof|holiday|hampton|quality|comfort|"
             r"knights|rodeway|sleep)\s+inn|motel\s+\d{1,2}|super\s+8|econo\s+lodge|"
             r"la\s+quinta)(?![\w-])", 0.7,
             frozenset({"days", "roof", "holiday", "hampton", "quality", "comfort", "knights",
                        "rodeway", "sleep", "motel", "super", "econo", "quinta"})),
            # "along KK Highway": a Missouri lettered route.
            (r"(?<![\w-])(?P<value>(?!(?:US|I|A)\b)[A-Z]{1,2}\s+(?:Highway|Hwy)\b\.?)", 0.7,
             frozenset({"highway", "hwy"})),
            # A field note's motel in lower case: "found at: starlite motel", "loc: sands
            # motor inn".
            (r"(?i:\b(?:found\s+at|loc|location|addr|address|at)\s*:\s*)"
             r"(?P<value>[a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,2}\s+(?:motel|motor\s+(?:inn|lodge)|"
             r"inn|hotel|lodge))\b", 0.7, frozenset({"motel", "inn", "hotel", "lodge"})),
            # "on oak st, lorain", "motor inn on grand ave": a street in lower case by its
            # suffix's abbreviation ("the back road" names no street).
            (rf"(?:\b(?:on|off)\s+|,\s+)(?P<value>(?!(?:the|a|an|this|that|your|our)\s)"
             rf"[a-z]{{3,}}\s+(?:{_ABBREVIATED_STREET_SUFFIXES}))\b(?!\.\w)", 0.65,
             frozenset(_ABBREVIATED_STREET_SUFFIXES.split("|"))),
            # "off MLK": the street, not the holiday ("MLK Day").
            (r"(?i:\b(?:on|off|at|near|along)\s)(?P<value>MLK)\b"
             r"(?!\s+(?i:day|weekend|and|&))", 0.65, frozenset({"mlk"})),
            # A chain where it stands ("the IHOP on Westheimer", "the Flying J in knoxville")
            # or where someone was ("picked up at the Greyhound station", "met at Best Buy").
            (rf"(?i:\b(?:the|a|an)\s+)(?P<value>(?=[A-Z0-9])(?:{_CHAINS})(?:['\u2019]s)?{_CHAIN_PART})"
             r"(?=\s+(?:on|in|at|off|near|across|by|downtown|out\s+by|next\s+to|outside)\b)",
             0.7, _CHAIN_WORDS),
            (rf"(?i:\b(?:at|outside|inside|behind|near)\s+(?:the\s+|a\s+|an\s+)?)"
             rf"(?P<value>(?=[A-Z0-9])(?:{_CHAINS}|{_CHAINS.upper()})(?:['\u2019]s)?{_CHAIN_PART})"
             r"(?![\w'\u2019&-])", 0.7, _CHAIN_WORDS),
            # "a Waffle House waitress", "A Target loss prevention guy": staff where it stands.
            (rf"(?i:\b(?:a|an|the)\s+)(?P<value>(?=[A-Z0-9])(?:{_CHAINS}))(?:['\u2019]s)?"
             r"(?=\s+(?:employee|cashier|clerk|greeter|waitress|waiter|manager|worker|"
             r"security|guard|loss\s+prevention|cameras?|video|parking\s+lot|bathroom|staff)\b)",
             0.7, _CHAIN_WORDS)],
            name="NamedAddressRecognizer"),
        VenueRecognizer(),
    ]


class VenueRecognizer(RegexSpanRecognizer):
    """A named venue or business by its kind ("the Blue Moon Massage", "Lucky Nails",
    "Texas Children's"), unless a platform's name is in it ("the Backpage Massage
    section", "Facebook Market")."""

    def __init__(self) -> None:
        super().__init__("PLACE", [
            (r"(?<![\w'-])(?P<value>(?!(?:The|A|An|This|That|Our|His|Her|Their|Black|Dark|"
             r"Online|Open|Free|Flea|Stock|Sex|Drug|Day|Local|Massage|Nail)\s)"
             r"(?:[A-Z][\w'&-]*\s+){1,3}(?:Massage|Spa|Lounge|Cabaret|Nails|Car\s+Wash|Market|"
             r"Salon|Barber\s?[Ss]hop|Restaurant|Fellowship|Tabernacle|Ministries|Tavern|"
             r"Nightclub|Gentlemen['\u2019]s\s+Club|Skate\s+World))\b",
             0.7, frozenset({"massage", "spa", "lounge", "cabaret", "nails", "wash", "market",
                             "salon", "shop", "barbershop", "restaurant", "fellowship",
                             "tabernacle", "ministries", "tavern", "nightclub", "club",
                             "world"})),
            # A club where someone was, not a site they were on ("on Club Penguin").
            (r"(?i:\b(?:at|outside|inside|near|from|behind)\s+(?:the\s+)?)"
             r"(?P<value>Club\s+[A-Z][a-z]{2,})\b", 0.7, frozenset({"club"})),
            # A children's hospital: "Texas Children's", "Rady Children's Hospital".
            (r"(?<![\w'-])(?P<value>(?!(?:Exploited|Missing|Abused|National|The|Save)\s)"
             r"(?:[A-Z][\w'&-]*\s+){1,2}Children['\u2019]s(?:\s+(?:Hospital|Medical\s+Center))?)"
             r"(?![\w-])", 0.7, frozenset({"children"}))],
            name="VenueRecognizer")

    def accept(self, text: str, match: re.Match[str]) -> bool:
        """Not a platform's section or product."""
        return not platform_mentions(match.group("value"))



# "the Extended Stay on Tidwell": the words after "on" are the street, no suffix needed.
_STREET_AFTER = re.compile(
    r"\s+(?:on|off)\s+(?P<street>(?:(?:[NSEW]\.?|NW|NE|SW|SE)\s+)?"
    r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
    r"April|May|June|July|August|September|October|November|December|Christmas|"
    r"Thanksgiving|Easter|Halloween)\b)(?:[A-Z][\w'-]*|\d{1,3})"
    r"(?:\s+(?:[A-Z][\w'-]*|Rd|St|Ave|Hwy|Blvd|Dr|Pkwy|\d{1,3}))*)")


def streets_after(text: str, businesses: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The street a business stands on, named without a suffix ("the Extended Stay on
    Tidwell", "the Studio 6 off 35"), as offsets."""
    return [street.span("street") for _, end in businesses
            if (street := _STREET_AFTER.match(text, end))]
