"""The output folder as the archive of phase 2: what was sent stays as it was sent.

Each document a build writes is recorded in the manifest (:mod:`generator.handwerk`) with
its *moment* and its *source*:

* the moment says when the document becomes history: the invitations of a meeting and the
  deck of the startbijeenkomst once that meeting is *Afgerond* (``tot: afgerond``); a report
  back as soon as it has been made (``tot: gemaakt``); the mail-merge CSV once every meeting
  it was made for is. The memo, the canvas and the contact list are working documents: they
  follow the workbook;
* the source is a fingerprint (sha256) of the facts of its own moment that the document was
  made from: the meeting's row (date, place, programme, for a report back its outcomes)
  and, for the deck, the general facts and the districts. Facts that only come later (the
  ambition, a partner's status after the meeting, the next meeting's plans) are not in it.

A later build decides from these records and the workbook as it is now (never from dates
or file times) whether a document is history and whether its facts were changed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import PurePath

from generator.keuzes import BIJEENKOMST
from generator.model import Bijeenkomst, Werkboek
from generator.namen import slug

AFGEROND, GEMAAKT = "afgerond", "gemaakt"
# what a meeting's row holds that is only known after it (not a fact of its invitations' moment)
_NA_AFLOOP = ("status", "uitkomsten", "evaluatie")
_BEELDEN = ("logo", "hittekaart")  # paths the model holds resolved (generator.modelbouw)


def _feiten(waarde) -> object:
    """A value of the model as plain JSON data, without row numbers (a moved row is no change)
    and with a picture by its file name, not the folder it lies in (a moved or synced folder is
    no change either)."""
    if dataclasses.is_dataclass(waarde):
        return {
            f.name: PurePath(v).name if f.name in _BEELDEN and v else _feiten(v)
            for f in dataclasses.fields(waarde)
            if f.name != "rij"
            for v in (getattr(waarde, f.name),)
        }
    if isinstance(waarde, (list, tuple)):
        return [_feiten(w) for w in waarde]
    if isinstance(waarde, dict):
        return {str(k): _feiten(w) for k, w in waarde.items()}
    if waarde is None or isinstance(waarde, (str, int, float, bool)):
        return waarde
    return str(waarde)


def vingerafdruk(*delen) -> str:
    """The sha256 of facts of the model, in a canonical form."""
    tekst = json.dumps([_feiten(d) for d in delen], ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(tekst.encode()).hexdigest()


def _voor_afloop(b: Bijeenkomst) -> dict:
    feiten = _feiten(b)
    assert isinstance(feiten, dict)  # a dataclass becomes a dict
    return {k: v for k, v in feiten.items() if k not in _NA_AFLOOP}


def herkomst(wb: Werkboek, relatief: str) -> dict | None:
    """The moment and source of a file a build writes (its path relative to the output
    folder), or None for a working document that follows the workbook."""
    stam, _, ext = relatief.rpartition(".")
    if relatief == "uitnodigingen/uitnodigingen.csv":  # the mail merge of the meetings still to come
        komend = [b for b in wb.bijeenkomsten if b.status not in (BIJEENKOMST.afgerond, BIJEENKOMST.geannuleerd)]
        return {
            "moment": {"bijeenkomsten": [b.naam for b in komend], "tot": AFGEROND},
            "bron": vingerafdruk(wb.algemeen, [_voor_afloop(b) for b in komend]),
        }
    if not stam or ext not in ("docx", "pptx", "pdf", "ics"):
        return None
    delen = stam.split("/")
    per_naam = {slug(b.naam): b for b in wb.bijeenkomsten}
    if delen == ["presentatie-startbijeenkomst"] and wb.startbijeenkomst is not None:
        b = wb.startbijeenkomst
        return {
            "moment": {"bijeenkomst": b.naam, "tot": AFGEROND},
            "bron": vingerafdruk(wb.algemeen, wb.wijken, _voor_afloop(b)),
        }
    if len(delen) == 1 and delen[0].startswith("terugkoppeling-") and delen[0][len("terugkoppeling-") :] in per_naam:
        b = per_naam[delen[0][len("terugkoppeling-") :]]
        return {"moment": {"bijeenkomst": b.naam, "tot": GEMAAKT}, "bron": vingerafdruk(_feiten(b))}
    if (
        delen[0] == "uitnodigingen"
        and len(delen) in (2, 3)
        and delen[1] in per_naam
        and (len(delen) == 3 or ext == "ics")
    ):
        b = per_naam[delen[1]]
        return {"moment": {"bijeenkomst": b.naam, "tot": AFGEROND}, "bron": vingerafdruk(wb.algemeen, _voor_afloop(b))}
    return None


def voorbij(wb: Werkboek, moment: dict) -> bool:
    """Whether a recorded moment has passed, by the workbook as it is now: a report back once
    made; invitations and the deck once their meeting is Afgerond (the mail merge once all
    its meetings are)."""
    if moment.get("tot") == GEMAAKT:
        return True
    if moment.get("tot") == AFGEROND:
        namen = moment.get("bijeenkomsten", [moment.get("bijeenkomst")])
        gehouden = {b.naam for b in wb.bijeenkomsten if b.status == BIJEENKOMST.afgerond}
        return isinstance(namen, list) and bool(namen) and all(n in gehouden for n in namen)
    return False
