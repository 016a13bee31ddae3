"""The one HTML sanitiser against well-known XSS payloads (OWASP cheat sheet and friends)."""

import pytest

from core.sanitize import html_to_text, sanitize_html

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<img src=javascript:alert(&quot;XSS&quot;)>",
    "<svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<body onload=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<a href="javascript:alert(1)">klik</a>',
    '<a href="JaVaScRiPt:alert(1)">klik</a>',
    '<a href="jav&#x09;ascript:alert(1)">klik</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p style="behavior: url(xss.htc)">x</p>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    "<input onfocus=alert(1) autofocus>",
    "<details open ontoggle=alert(1)>",
    "<marquee onstart=alert(1)>x</marquee>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel=stylesheet href="https://evil.example/x.css">',
    "<style>@import 'https://evil.example/x.css';</style>",
    '<base href="https://evil.example/">',
    "<<script>alert(1)//<</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<!--<script>alert(1)</script>-->",
    '<p title="" onmouseover=alert(1)>x</p>',
    '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
    '<a href="https://ok.example" onclick="alert(1)">x</a>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<template><script>alert(1)</script></template>",
]

FORBIDDEN = ["<script", "onerror", "onload", "onclick", "onmouseover", "onfocus", "ontoggle",
             "onstart", "javascript:", "vbscript:", "data:", "<iframe", "<object", "<embed",
             "<style", "style=", "<link", "<meta", "<base", "<form", "<input", "<svg", "<math",
             "<img", "<!--"]  # fmt: skip


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_payload_is_neutralised(payload):
    cleaned = sanitize_html(payload).lower()
    for needle in FORBIDDEN:
        assert needle not in cleaned, f"{needle!r} survived in {cleaned!r}"


def test_allowed_markup_is_kept():
    html = (
        "<h2>Kop</h2><p>Tekst met <strong>nadruk</strong> en <em>cursief</em>.</p>"
        "<ul><li>een</li></ul><blockquote>citaat</blockquote>"
    )
    assert sanitize_html(html) == html


def test_links_get_rel_and_keep_safe_href():
    cleaned = sanitize_html('<a href="https://www.example.nl/aanpak" target="_blank">aanpak</a>')
    assert 'href="https://www.example.nl/aanpak"' in cleaned
    assert 'rel="nofollow noopener noreferrer"' in cleaned
    assert "target" not in cleaned


def test_headings_outside_h2_h4_are_dropped_but_text_stays():
    assert sanitize_html("<h1>Titel</h1><h5>Klein</h5>") == "TitelKlein"


def test_empty_input_gives_empty_string():
    assert sanitize_html(None) == ""
    assert sanitize_html("") == ""


def test_text_is_escaped_not_interpreted():
    assert sanitize_html("5 < 6 & 7 > 3") == "5 &lt; 6 &amp; 7 &gt; 3"


def test_html_to_text_drops_tags_and_script_content():
    assert html_to_text("<p>Zorg &amp; welzijn</p><script>alert(1)</script>") == "Zorg & welzijn"
