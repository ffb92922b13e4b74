"""The model (:class:`~generator.model.Werkboek`) from a read workbook without errors. The
checks (:mod:`generator.samenhang`) only report; the values the model holds are made here: a
reference spelled as its target sheet spells it, a picture as its resolved path (or nothing
when it is not there: the documents are made without it)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from generator import model
from generator.contract import normaliseer
from generator.lezing import Lezing, Rij
from generator.samenhang import beeldpad, namen_van


def _maak(klasse, gelezen: Rij, **extra):
    velden = {k: v for k, v in gelezen.waarden.items() if v is not None and v != ()}
    return klasse(**velden, **extra)


def _maak_rij(klasse, gelezen: Rij, **extra):
    """A row of a row sheet, knowing its row number (to point at its cells)."""
    return _maak(klasse, gelezen, rij=gelezen.rijnummer, **extra)


def _canoniek(lezing: Lezing, werkboekmap: Path) -> dict[str, list[Rij]]:
    """The read rows with every reference in its canonical spelling and every picture as its
    resolved path or None; the rows of the reading are left as they were read."""
    rijen = {
        blad: [dataclasses.replace(rij, waarden=dict(rij.waarden)) for rij in lijst]
        for blad, lijst in lezing.rijen.items()
    }
    for blad in lezing.contract.bladen:
        for veld in blad.velden:
            if not veld.verwijst or veld.type not in ("verwijzing", "lijst"):
                continue
            namen = namen_van(lezing, veld.verwijst)
            for rij in rijen.get(blad.attr, []):
                waarde = rij.waarden.get(veld.attr)
                if waarde is None:
                    continue
                if veld.type == "lijst":
                    rij.waarden[veld.attr] = tuple(dict.fromkeys(namen[normaliseer(n)] for n in waarde))
                else:
                    rij.waarden[veld.attr] = namen[normaliseer(waarde)]
    alg = rijen["algemeen"][0]
    for attr in ("logo", "hittekaart"):
        if alg.waarden.get(attr):
            pad = beeldpad(werkboekmap, alg.waarden[attr])
            alg.waarden[attr] = str(pad) if pad.is_file() else None
    return rijen


def bouw_model(lezing: Lezing, versie: int | None, werkboekmap: Path) -> model.Werkboek:
    c = lezing.contract
    r = _canoniek(lezing, werkboekmap)
    alg = r["algemeen"][0]
    notitie = r["notitie"][0]
    stakeholders = tuple(
        _maak_rij(
            model.Stakeholder,
            rij,
            laag=c.laag(rij.waarden["categorie"]),
            zorgorganisatie=rij.waarden["categorie"] in c.zorgcategorieen,
        )
        for rij in r["stakeholders"]
    )
    programma = tuple(_maak_rij(model.Programmaonderdeel, rij) for rij in r["programma"])
    zorglocaties = {
        normaliseer(rij.waarden["naam"]) for rij in r["locaties"] if rij.waarden.get("soort") in c.zorglocatiesoorten
    }
    zorgpartijen = {s.organisatie for s in stakeholders if s.zorgorganisatie}
    bijeenkomsten = []
    for rij in sorted(r["bijeenkomsten"], key=lambda x: x.waarden["datum"]):
        naam = rij.waarden.get("titel") or rij.waarden["soort"]
        eigen = tuple(p for p in programma if p.bijeenkomst == naam)
        eigen = tuple(sorted(eigen, key=lambda p: (p.tijd is None, p.tijd or dt.time())))
        bij_zorg = (
            rij.waarden.get("gastheer") in zorgpartijen or normaliseer(rij.waarden.get("locatie") or "") in zorglocaties
        )
        bijeenkomsten.append(_maak_rij(model.Bijeenkomst, rij, programma=eigen, bij_zorginstelling=bij_zorg))
    return model.Werkboek(
        algemeen=_maak(model.Algemeen, alg),
        notitie=_maak(model.Notitie, notitie),
        ambitie=_maak(model.Ambitie, r["ambitie"][0]),
        beslispunten=tuple(sorted((_maak_rij(model.Beslispunt, x) for x in r["beslispunten"]), key=lambda b: b.nr)),
        stakeholders=stakeholders,
        bijeenkomsten=tuple(bijeenkomsten),
        programma=programma,
        wijken=tuple(_maak_rij(model.Wijk, x) for x in r["wijken"]),
        locaties=tuple(_maak_rij(model.Locatie, x) for x in r["locaties"]),
        doelen=tuple(_maak_rij(model.Doel, x) for x in r["doelen"]),
        knelpunten=tuple(_maak_rij(model.KnelpuntKans, x) for x in r["knelpunten"]),
        afspraken=tuple(_maak_rij(model.Afspraak, x) for x in r["afspraken"]),
        planning=tuple(sorted((_maak_rij(model.Mijlpaal, x) for x in r["planning"]), key=lambda m: m.gereed)),
        bronnen=tuple(_maak_rij(model.Bron, x) for x in r["bronnen"]),
        fasen=c.lijsten["fase_hitteplan"],
        lagen=tuple(c.lagen),
        prioriteiten=tuple(c.blad("wijken").veld("prioriteit").keuzes),
        werkboekversie=versie,
        gebiedswoorden=c.gebiedswoorden.get(alg.waarden.get("gebiedsnaam") or "Wijk", ("wijk", "wijken")),
        map=str(werkboekmap),
        plekken=model.Plekken(
            bladnamen={b.attr: lezing.bladnamen.get(b.attr, b.naam) for b in c.bladen},
            velden={b.attr: dict(r[b.attr][0].cellen) for b in c.bladen if b.soort == "velden"},
            kolommen=dict(lezing.kolommen),
        ),
    )
