"""jusText: its stoplist is chosen from the page's language.

A page whose language has no jusText stoplist (or no language at all) runs in jusText's
language-independent mode: an empty stoplist with `stopwords_low = stopwords_high = 0`, so
that paragraphs are classified by length and link density only. With a stoplist of the wrong
language jusText finds no stopwords and drops every paragraph, silently; that is why the
English default is never used on other languages. README.md gives the numbers on Bengali.
"""

from __future__ import annotations

import justext

from extractors.base import Extractor

# ISO 639-1/639-3 codes of jusText's stoplists (the names are jusText's own).
_PAIRS = """
af=Afrikaans sq=Albanian ar=Arabic an=Aragonese hy=Armenian rup=Aromanian ast=Asturian
az=Azerbaijani eu=Basque be=Belarusian bn=Bengali bpy=Bishnupriya_Manipuri bs=Bosnian
br=Breton bg=Bulgarian ca=Catalan ceb=Cebuano cv=Chuvash hr=Croatian cs=Czech da=Danish
nl=Dutch en=English eo=Esperanto et=Estonian fi=Finnish fr=French gl=Galician ka=Georgian
de=German el=Greek gu=Gujarati ht=Haitian he=Hebrew hi=Hindi hu=Hungarian is=Icelandic io=Ido
ig=Igbo id=Indonesian ga=Irish it=Italian jv=Javanese kn=Kannada kk=Kazakh ko=Korean ku=Kurdish
ky=Kyrgyz la=Latin lv=Latvian lt=Lithuanian lmo=Lombard nds=Low_Saxon lb=Luxembourgish
mk=Macedonian ms=Malay ml=Malayalam mt=Maltese mr=Marathi nap=Neapolitan ne=Nepali new=Newar
nb=Norwegian_Bokmal no=Norwegian_Bokmal nn=Norwegian_Nynorsk oc=Occitan fa=Persian
pms=Piedmontese pl=Polish pt=Portuguese qu=Quechua ro=Romanian ru=Russian sgs=Samogitian
sr=Serbian sh=Serbo_Croatian scn=Sicilian sk=Slovak sl=Slovenian es=Spanish su=Sundanese
sw=Swahili sv=Swedish tl=Tagalog ta=Tamil te=Telugu tr=Turkish tk=Turkmen uk=Ukrainian ur=Urdu
uz=Uzbek vi=Vietnamese vo=Volapuk wa=Walloon war=Waray_Waray cy=Welsh fy=West_Frisian
pnb=Western_Panjabi yo=Yoruba
"""
STOPLISTS: dict[str, str] = dict(pair.split("=") for pair in _PAIRS.split())


def stoplist_name(language: str | None) -> str | None:
    """jusText's stoplist for a BCP-47 tag (its primary subtag), or None if it has none."""
    return STOPLISTS.get((language or "").split("-")[0].lower())


def _paragraphs(html: str, stoplist: frozenset[str], **options: int) -> str:
    paragraphs = justext.justext(html.encode("utf-8"), stoplist, encoding="utf-8", **options)
    return "\n".join(paragraph.text for paragraph in paragraphs if not paragraph.is_boilerplate)


def _by_language(html: str, url: str | None, *, language: str | None) -> str:
    name = stoplist_name(language)
    if name is None:
        return _language_independent(html, url)
    return _paragraphs(html, justext.get_stoplist(name))


def _language_independent(html: str, url: str | None) -> str:
    return _paragraphs(html, frozenset(), stopwords_low=0, stopwords_high=0)


by_language = Extractor(name="justext", package="justext", extract=_by_language,
                        wants_language=True, settings={"stoplist": "page language"},
                        description="stoplist of the page's language, else no stoplist")
language_independent = Extractor(
    name="justext-no-stoplist", package="justext", extract=_language_independent,
    settings={"stoplist": None, "stopwords_low": 0, "stopwords_high": 0},
    description="no stoplist, stopwords_low=high=0 on every page")
