"""Presidio recognizers of where on the Internet: IP addresses and URLs.

An IP address goes with its port; a URL goes whole, a profile's on a platform
too; a platform's domain alone (a finding) stays.
"""

from __future__ import annotations

import ipaddress
import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from csec_survey.core.platforms import platform_mentions
from csec_survey.deidentify.gazetteers import Gazetteers
from csec_survey.deidentify.pattern_recognizers import RegexSpanRecognizer, words_in

__all__ = ["IpAddressRecognizer", "UrlRecognizer"]

_IP_LIKE = re.compile(r"\d\.\d|[0-9A-Fa-f]?::?[0-9A-Fa-f]")
_IPV4 = r"(?:\d{1,3}\.){3}\d{1,3}"
# "version 2.0.1.4", "iOS 6.1.3.2": a release, not an address.
_VERSION_BEFORE = re.compile(r"(?i)\b(?:version|ver|v|build|firmware|ios|android)\.?\s*$")
_PORT = r"(?::\d{1,5}(?!\d))?"
# A site known by its address: "203.0.113.50", "[2001:db8::9]:8443".
_IP_HOST = rf"(?:{_IPV4}|\[[0-9A-Fa-f:]+\]){_PORT}"
_SCHEME = r"(?:https?|s?ftp)://"
_TOP_LEVEL_DOMAINS = "com|net|org|us|gov|edu|info|biz|co|me|ly|tv|io|cc|link|ee|gg|app|xyz|gl|fm"
# A dot in a URL spelt out to get past a filter: "www dot x dot com", "www . x . com".
_SPOKEN_DOT = r"(?:\s+\.\s*|\s*\.\s+|\s+dot\s+)"
# A URL holds one of these words: most answers hold none.
_SITE_WORDS = frozenset(_TOP_LEVEL_DOMAINS.split("|")) | {"tumblr", "blogspot", "wordpress",
                                                           "livejournal"}


class IpAddressRecognizer(RegexSpanRecognizer):
    """IPv4 and IPv6 addresses, compressed forms included, checked by Python's parser, with
    the port a return gives with them ("192.0.2.5:443", "[2001:db8::5]:80"): behind a shared
    address, the port is what points to one subscriber."""

    def __init__(self) -> None:
        # A match Python parses as an address is one, whatever surrounds it (`accept`).
        super().__init__("IP_ADDRESS", [
            (rf"(?P<value>(?<![\d.]){_IPV4}{_PORT}(?![\d.]*\d))", 1.0),
            (r"(?P<value>(?<![\w:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,8}(?:%\w+)?(?![\w:]))",
             1.0),
            (rf"(?P<value>\[[0-9A-Fa-f:]+(?:%\w+)?\]{_PORT})", 1.0),
        ], name="IpAddressRecognizer", flags=re.MULTILINE)

    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        """Matches on texts with a dot or a colon between digits."""
        if not _IP_LIKE.search(text):
            return []
        return super().analyze(text, entities, nlp_artifacts)

    def accept(self, text: str, match: re.Match[str]) -> bool:
        """Only strings Python parses as an IP address (and that are not clock times)."""
        found = match.group("value")
        if _VERSION_BEFORE.search(text, 0, match.start()):
            return False
        if found.startswith("["):
            found = found[1:found.index("]")]
        elif "." in found:
            found = found.split(":")[0]
        try:
            ipaddress.ip_address(found.split("%")[0])
        except ValueError:
            return False
        return found.count(":") != 2 or "::" in found


_GENERIC_SUBDOMAINS = frozenset({"m", "mobile", "post", "posting", "posts", "accounts", "images"})


class UrlRecognizer(RegexSpanRecognizer):
    """URLs, whole, as Safe Harbor lists them: a profile's path is who it points to, and its
    domain goes with it ("facebook.com/tre.money.4471"). A platform's domain alone names
    only the platform, a finding, and stays ("posted on backpage.com"), unless it is the
    platform's site for one town ("elpaso.backpage.com"), which names the town; any other
    site may be the person's own ("sugarbabies-vip.com") and goes."""

    def __init__(self, gazetteers: Gazetteers) -> None:
        self._towns = frozenset(re.sub(r"[\s.'-]", "", city.lower())
                                for city in gazetteers.us_cities)
        super().__init__("URL", [(
            # A site by its address alone is no platform's: the whole URL goes.
            rf"(?<![\w.])(?P<value>(?:{_SCHEME})?{_IP_HOST}/[^\s\"'<>()]*[^\s\"'<>().,;:!?]|"
            rf"{_SCHEME}{_IP_HOST})", 1.0), (
            r"(?<![@\w.])(?P<site>(?:https?://)?(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
            rf"\.(?:{_TOP_LEVEL_DOMAINS}))"
            r"(?:/(?P<value>[^\s\"'<>()\[\]]*[^\s\"'<>()\[\].,;:!?])|(?![\w-]|\.\w))", 0.9),
            # Blogs whose address is the person: name.tumblr.com
            (r"(?<![@\w.])(?:https?://)?(?:www\.)?(?P<value>[A-Za-z0-9-]+)"
             r"\.(?:tumblr|blogspot|wordpress|livejournal)\.com", 0.9),
            # "www dot sugarbabiesvip dot com", "www . x . com": spelt out past a filter.
            (rf"(?<![\w.])(?P<spoken>www(?:{_SPOKEN_DOT}[A-Za-z0-9-]+)+?{_SPOKEN_DOT}"
             r"(?:com|net|org|info|biz|us))(?![\w-]|\.\w)", 0.9)],
            name="UrlRecognizer", flags=re.IGNORECASE)

    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        """URLs, and sites that are no platform's."""
        results: list[RecognizerResult] = []
        if words_in(text).isdisjoint(_SITE_WORDS) and not _IP_LIKE.search(text):
            return results
        for regex, score, _ in self._patterns:
            for match in regex.finditer(text):
                if (spoken := match.groupdict().get("spoken")) is not None:
                    if not any(map(platform_mentions, re.split(_SPOKEN_DOT, spoken))):
                        results.append(RecognizerResult("URL", *match.span(), score))
                    continue
                site = match.groupdict().get("site")
                # "www.facebook.com": a platform's domain; its labels name the platform.
                labels = re.split(r"[./]", site or "")[:-1]
                town = [label for label in labels if label.lower() not in ("http:", "https:",
                                                                           "", "www")][:1]
                # "ask.fm": a platform whose name is its whole domain.
                on_platform = any(platform_mentions(label) for label in labels) or \
                    bool(site and platform_mentions(site.split("//")[-1].removeprefix("www.")))
                # A classifieds site's subdomain is its region ("sfbay.craigslist.org").
                regional = bool(town) and labels[-1].lower() in ("craigslist", "backpage") \
                    and town[0].lower() not in {*_GENERIC_SUBDOMAINS, labels[-1].lower()}
                platform_alone = site is not None and not match.group("value") and \
                    on_platform and not regional and not (town and town[0].lower() in self._towns)
                if not platform_alone:
                    results.append(RecognizerResult("URL", match.start(), match.end(), score))
        return results
