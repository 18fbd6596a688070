"""The coarse description of a device from its User-Agent: browser and system, never versions."""

import pytest

from accounts.devices import device_describe

FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
CHROME_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
EDGE_WINDOWS = CHROME_WINDOWS + " Edg/131.0.2903.86"
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/18.1 Mobile/15E148 Safari/604.1"
)
CHROME_ANDROID = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"
SAMSUNG_ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 "
    "Chrome/122.0.0.0 Mobile Safari/537.36"
)
SAFARI_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15"
FIREFOX_IPAD = (
    "Mozilla/5.0 (iPad; CPU OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/133.0 "
    "Mobile/15E148 Safari/605.1.15"
)


@pytest.mark.parametrize(
    ("user_agent", "described"),
    [
        (FIREFOX_LINUX, "Firefox sur Linux"),
        (CHROME_WINDOWS, "Chrome sur Windows"),
        (EDGE_WINDOWS, "Edge sur Windows"),
        (SAFARI_IPHONE, "Safari sur iPhone"),
        (CHROME_ANDROID, "Chrome sur Android"),
        (SAMSUNG_ANDROID, "Samsung Internet sur Android"),
        (SAFARI_MAC, "Safari sur macOS"),
        (FIREFOX_IPAD, "Firefox sur iPad"),
    ],
)
def test_the_browser_and_the_system_are_named_without_versions(user_agent, described):
    assert device_describe(user_agent) == described


def test_a_system_without_a_known_browser_is_a_browser_on_that_system():
    assert device_describe("SomeReader/2.0 (X11; Linux x86_64)") == "Navigateur sur Linux"


@pytest.mark.parametrize("user_agent", ["", "curl/8.5.0", "Python-urllib/3.11"])
def test_an_unknown_user_agent_is_an_unknown_device(user_agent):
    assert device_describe(user_agent) == "Appareil inconnu"
