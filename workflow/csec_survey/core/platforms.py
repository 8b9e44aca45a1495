"""Platform and product names: findings of the study, never personal data.

The de-identification keeps every mention of these; the synthetic generator
records where it wrote them, so that keeping them can be measured.
"""

from __future__ import annotations

import re

from csec_survey.core.alternation import trie_alternation

__all__ = ["platform_mentions"]

# Distinctive names, matched in any capitalisation.
_ANY_CASE = (
    "Backpage", "Craigslist", "Craigs list", "Facebook", "MySpace", "Instagram", "Kik",
    "Twitter", "Snapchat", "WhatsApp", "Tumblr", "Skype", "Gmail", "Yahoo", "Google Voice",
    "Google", "TextNow", "Pinger", "MocoSpace", "Dropbox", "iCloud", "Cellebrite", "YouTube",
    "MeetMe", "ooVoo", "MoneyPak", "Hi5", "UFED", "Eros", "Redbook", "Badoo", "Grindr",
    "Tinder", "Omegle", "Chatroulette", "Yik Yak", "Vine", "Periscope", "WeChat", "Viber",
    "PayPal", "Bitcoin", "Craigslist.org", "Backpage.com", "Cash App", "CashApp", "Venmo",
    "TextFree", "TextPlus", "Telegram", "Doublelist", "Sniffies", "Life360", "GrayKey",
    "Yubo", "Wizz", "tryst.link", "Tryst", "linktr.ee", "Linktree", "OnlyFans", "Expedia",
    "Booking.com", "Airbnb", "DoorDash", "Uber", "Lyft", "Threema", "Wickr", "Snap Map",
    "Discord", "Roblox", "Twitch", "Reddit", "Zelle", "Apple Pay", "Google Pay",
    "SkipTheGames", "Skip the Games", "Bedpage", "Megapersonals", "Listcrawler", "Slixa",
    "Seeking Arrangement", "Plenty of Fish", "Bumble", "Xbox Live", "PlayStation", "FedEx",
    "Hertz", "Verizon", "T-Mobile", "AT&T", "Sprint", "Comcast",
)
# Names that are also ordinary words or initials: matched as written.
_AS_WRITTEN = ("Tagged", "Tor", "Vanilla", "Green Dot", "Western Union", "FB", "BP",
               "Yahoo Messenger", "Google Plus", "Google+", "Thorn", "Victoria's Secret",
               "Michael Kors", "Find My", "Meta", "UPS", "Snap", "POF", "Whisper")

# A name inside an address or handle ("sweet.kik.girl@gmail.com") is not a mention.
_PATTERN = re.compile(
    r"(?<![\w@/._-])(?:"
    + f"(?i:{trie_alternation(name.lower() for name in _ANY_CASE)})|"
    + trie_alternation(_AS_WRITTEN)
    + r")(?![\w@_-]|\.\w)")


def platform_mentions(text: str) -> list[tuple[int, int]]:
    """Character spans of the platform and product names in ``text``."""
    return [match.span() for match in _PATTERN.finditer(text)]
