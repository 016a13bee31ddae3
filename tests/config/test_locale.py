"""Our Dutch catalogue (locale/nl): the compiled file that a fresh clone serves matches its
source, and the second sign-in step has one name everywhere."""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

import allauth
from django.utils import translation

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "nl" / "LC_MESSAGES"


def _po_entries(path: Path) -> dict[str, str]:
    """msgid → msgstr of a .po file (plural forms keyed as msgfmt stores them)."""
    entries: dict[str, str] = {}
    current: dict[str, list[str]] = {}
    key = None

    def flush():
        if "msgid" in current:
            msgid = "".join(current.get("msgid", []))
            if "msgid_plural" in current:
                msgid = msgid + "\x00" + "".join(current["msgid_plural"])
                strs = ["".join(current[k]) for k in sorted(current) if k.startswith("msgstr[")]
                entries[msgid] = "\x00".join(strs)
            elif msgid:
                entries[msgid] = "".join(current.get("msgstr", []))

    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = line.strip()
        if not line or line.startswith("#"):
            if current:
                flush()
                current, key = {}, None
            continue
        match = re.match(r"^(msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(\".*\")$", line)
        if match:
            key = match.group(1)
            current[key] = [ast.literal_eval(match.group(2))]
        else:
            current[key].append(ast.literal_eval(line))
    return entries


def test_the_compiled_catalogue_matches_its_source():
    """The .mo is committed so a fresh clone needs no gettext; it must not lag the .po
    (recompile with: msgfmt -o locale/nl/LC_MESSAGES/django.mo locale/nl/LC_MESSAGES/django.po)."""
    compiled = gettext.GNUTranslations((LOCALE / "django.mo").open("rb"))._catalog
    source = _po_entries(LOCALE / "django.po")
    singular = {k: v for k, v in source.items() if "\x00" not in k}
    assert len(singular) > 50
    assert {k: compiled.get(k) for k in singular} == singular


def test_the_second_step_has_one_name_in_allauths_strings():
    """allauth's own Dutch mixes "twee-factor-authenticatie", "Authenticator geheim" and
    "tweestapsverificatie"; every string it has must read "tweestapsverificatie" here."""
    allauth_mo = Path(allauth.__file__).parent / "locale" / "nl" / "LC_MESSAGES" / "django.mo"
    msgids = [
        k
        for k in gettext.GNUTranslations(allauth_mo.open("rb"))._catalog
        if isinstance(k, str) and k
    ]
    with translation.override("nl"):
        mixed = [
            (msgid, translation.gettext(msgid))
            for msgid in msgids
            if re.search(r"twee-?factor|Authenticator geheim", translation.gettext(msgid), re.I)
        ]
    assert mixed == []
