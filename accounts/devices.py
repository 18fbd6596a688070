"""A coarse description of a browser from its User-Agent, for the person's list of devices.

Only the browser's and the system's names, never versions: enough for a person to recognise their
phone or their laptop, too little to single out a browser.
"""

# Order matters: a User-Agent also names the browsers it imitates (Edge says Chrome and Safari,
# Chrome says Safari), so the more specific names come first.
_BROWSERS = (
    ("Edg", "Edge"),
    ("OPR/", "Opera"),
    ("SamsungBrowser", "Samsung Internet"),
    ("Firefox", "Firefox"),
    ("FxiOS", "Firefox"),
    ("CriOS", "Chrome"),
    ("Chrome", "Chrome"),
    ("Safari", "Safari"),
)
_SYSTEMS = (
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("CrOS", "ChromeOS"),
    ("Windows", "Windows"),
    ("Macintosh", "macOS"),
    ("Linux", "Linux"),
)


def device_describe(user_agent: str) -> str:
    """ "Firefox sur Linux", "Safari sur iPhone"; "Appareil inconnu" when nothing is recognised."""
    browser = next((name for token, name in _BROWSERS if token in user_agent), "")
    system = next((name for token, name in _SYSTEMS if token in user_agent), "")
    if browser and system:
        return f"{browser} sur {system}"
    if system:
        return f"Navigateur sur {system}"
    return browser or "Appareil inconnu"
