"""Platform and product names: findings of the study, never personal data.

The de-identification keeps every mention of these; the synthetic generator
records where it wrote them, so that keeping them can be measured.
"""

from __future__ import annotations

import re

from csec_survey.core.alternation import trie_alternation

__all__ = ["PLATFORM_NAMES", "platform_mentions"]

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
    # Sites and apps of the survey's years (2008-2013).
    "BlackPlanet", "MiGente", "AsianAvenue", "Bebo", "Friendster", "Xanga", "LiveJournal",
    "Orkut", "Netlog", "Habbo", "Meetup", "Formspring", "Ask.fm", "Kiwibox", "Stickam",
    "Tinychat", "Paltalk", "Chatango", "Camfrog", "ICQ", "AIM", "MSN Messenger",
    "Windows Live Messenger", "Yahoo Messenger", "Voxer", "GroupMe", "KakaoTalk", "Tango",
    "Zello", "Skout", "Zoosk", "Match.com", "OkCupid", "eHarmony", "PlentyOfFish",
    "Adam4Adam", "Manhunt", "Jack'd", "Scruff", "Growlr", "Rentboy", "AdultFriendFinder",
    "Ashley Madison", "FetLife", "MyRedbook", "CityVibe", "TheEroticReview", "USASexGuide",
    "Naughty Reviews", "NaughtyReviews", "eccie", "P411", "Preferred411", "Date-Check",
    "EscortAds", "Cityxguide", "Locanto", "Oodle", "Kijiji", "Adpost", "MyProviderGuide",
    "MyFreeCams", "Chaturbate", "Cam4", "LiveJasmin", "Streamate", "LimeWire", "FrostWire",
    "BearShare", "Kazaa", "eMule", "Gnutella", "GigaTribe", "BitTorrent", "uTorrent",
    "Shareaza", "Motherless", "4chan", "Imgur", "Photobucket", "Flickr", "Picasa", "MoneyGram",
    "Green Dot", "GreenDot", "Vanilla Visa", "Vanilla Reload", "NetSpend", "RushCard",
    "Walmart MoneyCard", "MoneyCard", "Reloadit", "Google Wallet", "TracFone", "Straight Talk",
    "Net10", "Boost Mobile", "Virgin Mobile", "MetroPCS", "Metro PCS", "Cricket Wireless",
    "Nextel", "US Cellular", "BlackBerry", "Sidekick", "iPhone", "iPad", "iPod", "Android",
    "Kindle Fire", "Kindle", "Xbox", "Nintendo", "Wii", "Netgear", "Linksys", "MiFi",
    "Clearwire", "Megabus", "Amtrak", "Priceline", "Hotwire", "Hotels.com", "Orbitz",
    "Travelocity", "Vegas.com", "PenLink", "Analyst's Notebook", "XRY", "EnCase", "FTK",
    "Spokeo", "Whitepages", "Pipl", "Accurint", "LexisNexis", "Intelius", "Google Alerts",
    "Wayback Machine", "Firefox", "Internet Explorer", "GoDaddy", "WordPress",
    "Blogspot", "Blogger", "Weebly", "Yahoo Groups", "Hotmail", "Craigslist.com",
    "Backpg", "backpage's", "FaceTime", "Google Earth", "Google Maps", "Gchat", "Gtalk",
    "Myspace.com", "Facebook.com", "Twitter.com", "Instagram.com", "Tumblr.com", "YouTube.com",
    "LeadsOnline", "NightShift", "EroticMP", "FTK Imager", "Notepad", "TinEye", "SafeLink",
    "Assurance Wireless", "Bandwidth.com", "Ustream", "SkyDrive", "Coplink", "Backpages",
    "Craiglist", "Craiglists", "World of Warcraft", "Call of Duty", "Dropcam", "Securus",
    "Alltel", "Neustar", "Lycamobile", "Fling.com", "Talkatone", "Google Street View",
    "Street View", "FiOS", "Maltego", "BigDoggie", "PSN", "fbook", "bckpg", "Tracfones",
    "Xbox One", "Xbox 360", "PS3", "Skype's", "Facebook's", "Backpage's", "Craigslist's",
    "Pen-Link", "Gaia Online", "Adult FriendFinder", "Adult Friend Finder", "Nintendo DSi",
    "Nintendo DS", "HeyWire", "TextMe", "Blendr", "Razr", "Waplog", "Lavalife", "ZabaSearch",
    "Megaupload", "Nimbuzz", "Vonage", "magicJack", "AccountNow", "Amex Serve", "MasterCard",
    "American Express", "Eros Guide", "Paraben", "Kik Messenger", "Kik Messanger", "Hushmail",
    "Humaniplex", "SeekingArrangement", "Hot or Not", "HotOrNot", "AdultSearch", "Fring",
    "Palm Pre", "Treo", "Samsung", "Motorola", "Nokia", "Kyocera", "Pantech", "iTunes",
    "MyLife", "Classmates.com", "Yahoo Mail", "Windows Phone", "Zune", "Oovoo", "Lexis",
    "Windows Vista", "Windows XP", "Windows 7", "Microsoft Word", "Snagit", "Silk Road", "Ooma",
    "Twitpic", "Compaq", "Enflick", "Sugardaddie", "AmEx Bluebird", "Camtasia",
    "Dell laptop", "Dell computer", "Dell desktop",
    # Internet and phone providers of the survey's years: subpoenaed, so findings too.
    "Time Warner Cable", "Time Warner", "Bright House Networks", "Bright House", "Suddenlink",
    "Charter Communications", "Cox Communications", "Cox Cable", "Armstrong Cable",
    "Cincinnati Bell", "Atlantic Broadband", "Mediacom", "WideOpenWest", "Cablevision",
    "CenturyLink", "Qwest", "Frontier Communications", "Windstream", "EarthLink",
    "Knology", "Insight Communications", "Road Runner", "Xfinity", "U-verse", "Embarq",
)
# Names that are also ordinary words or initials: matched as written.
_AS_WRITTEN = ("Tagged", "Tor", "Vanilla", "Green Dot", "Western Union", "FB", "BP",
               "Yahoo Messenger", "Google Plus", "Google+", "Thorn", "Victoria's Secret",
               "Michael Kors", "Find My", "Meta", "UPS", "Snap", "POF", "Whisper", "RIM",
               "Boost", "Cricket", "Toshiba", "HP", "Chrome", "Safari", "Ares",
               "Bluebird", "Fling", "TER", "CL", "IG", "iPhones", "Androids", "RoundUp", "Tigo",
               "Tableau", "Excel", "Moco", "Secure View", "Visa", "Amex", "LG", "AOL", "DSi",
               "ECCIE", "BlackBerrys", "Blackberries", "Sidekicks", "Kindles", "Xboxes", "Steam")

# A name inside an address or handle ("sweet.kik.girl@gmail.com") is not a mention.
_PATTERN = re.compile(
    r"(?<![\w@/._-])(?:"
    + f"(?i:{trie_alternation(name.lower() for name in _ANY_CASE)})|"
    + trie_alternation(_AS_WRITTEN)
    + r")(?![\w@_-]|\.\w)")


# Every name, in any case or as written: what a misspelling is measured against.
PLATFORM_NAMES: frozenset[str] = frozenset((*_ANY_CASE, *_AS_WRITTEN))


def platform_mentions(text: str) -> list[tuple[int, int]]:
    """Character spans of the platform and product names in ``text``."""
    return [match.span() for match in _PATTERN.finditer(text)]
