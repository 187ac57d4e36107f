"""Typed records. Each model rejects unknown fields; cross-record checks live in ``checks.py``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, ValidationInfo

from generator.records.ratings import Rating
from generator.util.characters import HIDDEN, forbidden_in

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
LANGUAGE_PATTERN = r"^[a-z]{2}$"
URL_PATTERN = r"^https?://\S+$"
DOI_PATTERN = r"^10\.\d{4,9}/\S+$"
TEXT_PATH_PATTERN = r"^[^/\\][^\\]*\.txt$"
# What a value of each pattern is, and how to write one, for the message when a value is not:
# (what it is not, the accepted form with an example).
PATTERN_FORMS: dict[str, tuple[str, str]] = {
    ID_PATTERN: ("a valid id", "use lowercase letters a-z, digits and single hyphens, e.g. 'antwerp-diamond-quarter'"),
    DATE_PATTERN: ("a date", "write YYYY, YYYY-MM or YYYY-MM-DD, e.g. '2011-05-01'"),
    LANGUAGE_PATTERN: ("a language code", "write its two lowercase letters, e.g. 'en' or 'nl'"),
    URL_PATTERN: ("a web address", "write it in full, starting with https:// or http://, e.g. 'https://www.wodc.nl/'"),
    DOI_PATTERN: (
        "a DOI",
        "write it without https://doi.org/, starting with '10.', e.g. '10.1080/13876988.2019.1582884'",
    ),
    TEXT_PATH_PATTERN: (
        "the path of a text file in the repository",
        "name the source's .txt file in texts/, relative to the repository, e.g. 'texts/wodc-soft-targets.txt'",
    ),
}
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)]
# Editors check records against the JSON Schema, which cannot strip whitespace: the pattern
# makes a blank text invalid there too.
_NOT_BLANK = Field(json_schema_extra={"pattern": r"\S"})


def _shown(value: str) -> str:
    """Refuse a character no page, feed or picture can show (characters.py lists them)."""
    why = forbidden_in(value)
    if why:
        raise ValueError(why)
    return value


def _shown_plainly(value: str, info: ValidationInfo) -> str:
    """A one-line text (a name, a title): refused as any text is, and noted where it holds an invisible
    character that changes how it shows, for the loader to warn about (load.py reads the note)."""
    _shown(value)
    hidden = (info.context or {}).get("hidden")
    if hidden is not None and HIDDEN.search(value):
        hidden.add(value)
    return value


def _shown_before_stripping(value: object) -> object:
    # Stripping would silently drop a CR, VT, FF or NEL at either end: refused like any other.
    return _shown(value) if isinstance(value, str) else value


Shown = AfterValidator(_shown)  # every text and every string a pattern lets through
Line = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=300),
    _NOT_BLANK,
    BeforeValidator(_shown_before_stripping),  # after the constraints, or pydantic drops min_length
    AfterValidator(_shown_plainly),
]
Prose = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000),
    _NOT_BLANK,
    BeforeValidator(_shown_before_stripping),  # after the constraints, or pydantic drops min_length
    Shown,
]
Lang = Literal["en", "nl"]
TEXT_LANGUAGES: tuple[str, ...] = get_args(Lang)  # the languages a text may be written in


def _needs_english(value: str | dict[str, str], info: ValidationInfo) -> dict[str, str]:
    # A record's plain strings are in its `lang` (English unless it says `lang: nl`), which
    # loading passes as the validation context; a mapping needs that language too.
    lang = (info.context or {}).get("lang") or "en"
    if isinstance(value, str):
        return {lang: value}
    if lang not in value:
        name = {"en": "English", "nl": "Dutch"}.get(lang, lang)  # validate speaks English to contributors
        raise ValueError(f"a translated text needs its {name} version under '{lang}'")
    return value


def _every_language(value: object) -> object:
    """A plain name that citations use as it stands ('Whelan 2011'): the same in every edition."""
    return {"en": value, "nl": value} if isinstance(value, str) else value


# A record may say its plain strings are Dutch: its Dutch contributor then writes Dutch without
# translation warnings, and the English edition marks those texts lang="nl".
WrittenIn = Field(default=None, description="The language of the record's plain texts: en (the default) or nl.")


class TextMark:
    """Marks the fields that hold translatable text, for the coverage count (translation.py)."""

    def __repr__(self) -> str:
        return "TEXT"


TEXT = TextMark()


@dataclass(frozen=True)
class Ref:
    """Marks a field that holds another record's id: ``kind`` is the folder of the records it may
    name. refs.py derives the check across records from these marks, so every reference is checked.
    With ``part``, the id is that of an item in the list ``part`` of the record named by the key
    of the enclosing mapping (an assessment's indicator ids, inside the criterion's id), or, in a
    field of its own, of any record of ``kind`` (a lesson's indicators)."""

    kind: str
    part: str | None = None


# A text is written in English, or as a mapping {en: ..., nl: ...} with its Dutch translation.
# Either way the model holds the mapping, so every output asks for a language the same way.
Text = Annotated[Prose | dict[Lang, Prose], AfterValidator(_needs_english), TEXT]
Name = Annotated[Line | dict[Lang, Line], AfterValidator(_needs_english), TEXT]
# A short verbatim quote: the words a fact or rating rests on. Long runs belong in the
# contributor's own words, not in quotation marks.
QUOTE_MAX_WORDS = 30


def _short_quote(value: str) -> str:
    words = len(value.split())
    if words > QUOTE_MAX_WORDS:
        raise ValueError(
            f"a quote may be at most {QUOTE_MAX_WORDS} words (this one has {words}); "
            "quote only the words that carry the point and say the rest in your own words"
        )
    return value


Quote = Annotated[Line, AfterValidator(_short_quote)]
Year = Annotated[int, Field(ge=1800, le=2100)]
IsoDate = Annotated[str, StringConstraints(pattern=DATE_PATTERN)]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# A reader's word for what a record is about, where it differs from the study's ("festival",
# "GDPR"): letters and digits, words joined by one space, hyphen or apostrophe; no markup, no
# punctuation, so it reads as what a reader types. The editors' schema checks the same pattern.
KEYWORD_PATTERN = r"^[0-9A-Za-zÀ-ÖØ-öø-ÿ]+([ '-][0-9A-Za-zÀ-ÖØ-öø-ÿ]+)*$"
Keyword = Annotated[str, StringConstraints(strip_whitespace=True, max_length=40, pattern=KEYWORD_PATTERN)]


def _no_repeated_keywords(value: dict[str, list[str]]) -> dict[str, list[str]]:
    for lang, words in value.items():
        seen: set[str] = set()
        for word in words:
            if word.casefold() in seen:
                raise ValueError(f"'{word}' is listed twice under '{lang}'; keep it once")
            seen.add(word.casefold())
    return value


Keywords = Annotated[dict[Lang, Annotated[list[Keyword], Field(max_length=20)]], AfterValidator(_no_repeated_keywords)]


class Searchable(Record):
    """A record readers may look for in their own words: its page is found by these too."""

    keywords: Keywords = Field(
        default={},
        description="Words readers search with where they differ from the study's own, per language: "
        "{en: [festival, event], nl: [evenement]}. Search finds the record's page by them, below its own words.",
    )


class Citation(Record):
    """Where a statement comes from: a source record and, optionally, where in it and its words."""

    source: Annotated[Id, Ref("sources")] = Field(
        description="Id of a source record in content/sources/, e.g. 'wodc-soft-targets'."
    )
    section: Line | None = Field(default=None, description="A section from the source's list of sections.")
    page: Line | None = Field(default=None, description="A page or page range, e.g. '12' or '12-14'.")
    quote: Quote | None = Field(
        default=None, description=f"Short verbatim words from the source (at most {QUOTE_MAX_WORDS} words)."
    )
    # An edition in another language than the quote's shows this first, marked as the knowledge
    # base's own translation, with the verbatim words one tap away.
    translation: dict[Lang, Line] = Field(
        default={},
        description="The quote rendered in each edition's language it is not written in, e.g. {nl: ...}: this "
        "knowledge base's translation, never checked against the source.",
    )


Cites = Annotated[list[Citation], Field(min_length=1, description="One or more citations.")]


class Fact(Record):
    """A statement in the contributor's own words with the citations it rests on."""

    text: Text
    cite: Cites


class Party(Record):
    name: Name
    other_names: list[Name] = []
    sector: Literal["public", "private"]
    role: Text
    cite: Cites
    # Which role card (content/roles/) speaks of this kind of party: this knowledge base's grouping,
    # not the study's; a party of a kind without a card leaves it out.
    kind: Annotated[Id, Ref("roles")] | None = Field(
        default=None, description="Id of the role (in content/roles/) this party is a kind of, e.g. 'police'."
    )


class Point(Record):
    """One thing a case shows a practitioner, in plain words, with the lesson it bears out."""

    text: Text
    lesson: Annotated[Id, Ref("lessons")] = Field(description="Id of the lesson (in content/lessons/) it bears out.")
    cite: Cites = Field(description="Citations; one needs a quote: the words the point rests on.")


class Assessed(Record):
    rating: Rating
    finding: Text = Field(description="What the rating rests on, in your own words.")
    note: Text | None = Field(
        default=None,
        description="The rater's own reasoning where the rating is an inference or needs context (this knowledge "
        "base's reading, not the source's): shown after the finding on the case page, never as an example of how "
        "a partnership does it.",
    )
    # An inferred rating is the rater's reading, not the source's finding: the case page says where a
    # criterion's rating rests on it, and the self-assessment never offers it as an example.
    inferred: bool = Field(
        default=False,
        description="true where the rating is this knowledge base's inference, not a finding the source "
        "states (say why in note).",
    )
    cite: Cites = Field(description="Citations; every rating but 'unknown' needs one with a quote.")


class Case(Searchable):
    id: Id
    lang: Lang | None = WrittenIn
    former_ids: list[Id] = Field(
        default=[], description="Ids this record had before it was renamed: their addresses redirect here."
    )
    name: Name = Field(description="The partnership's name as its source gives it.")
    other_names: list[Name] = Field(
        default=[], description="Other names, e.g. the Dutch name or an abbreviation; search finds them."
    )
    country: Annotated[Id, Ref("countries")] | None = Field(
        default=None, description="Id of a country record; leave out where the source is silent."
    )
    place: Name | None = Field(default=None, description="The city or area.")
    target: Name = Field(description="The kind of soft target, e.g. 'stadium and event venue'.")
    status: Literal["studied", "screened-out", "left-out"] | None = Field(
        default=None,
        description="The WODC study's selection: studied (in depth), screened-out or left-out. "
        "Leave out for a case the study does not name.",
    )
    status_reason: Fact | None = Field(
        default=None, description="Why the study studied the case in depth, screened it out or left it out."
    )
    assessed_by: Literal["study", "contributors"] | None = Field(
        default=None,
        description="Who assessed the case against the criteria: 'study' (the WODC study did; the ratings read "
        "its findings) or 'contributors' (rated from the cited sources). Leave out to describe a case without ratings.",
    )
    summary: Fact = Field(description="What the partnership is and does.")
    shows: list[Point] | None = Field(
        default=None,
        min_length=3,
        max_length=5,
        description="Three to five plain points a practitioner can take from the case, each with its lesson "
        "and citation; shown under the verdict.",
    )
    verdict: Fact | None = Field(
        default=None,
        description="The source's own overall verdict on the case against the criteria, quoted and cited; "
        "required when the study assessed the case.",
    )
    parties: list[Party] = Field(
        default=[], description="Each: name, other_names, sector (public or private), role, cite."
    )
    driver: Fact | None = Field(default=None, description="Who drives the partnership.")
    formal_basis: Fact | None = Field(
        default=None, description="Covenant, protocol, framework or cooperation agreement, and its period."
    )
    meetings: Fact | None = Field(default=None, description="How often and where the parties meet.")
    satisfaction: Fact | None = Field(default=None, description="What respondents say about the cooperation.")
    missing_parties: Fact | None = Field(default=None, description="Who is missing from the partnership.")
    task_shift: Fact | None = Field(default=None, description="The shift of tasks between public and private.")
    accountability: Fact | None = Field(default=None, description="Accountability and evaluation.")
    threat_information: Fact | None = Field(default=None, description="Information about the threat.")
    assessment: dict[
        Annotated[Id, Ref("criteria")], dict[Annotated[Id, Ref("criteria", part="indicators")], Assessed]
    ] = Field(default={}, description="For an assessed case: criterion id -> indicator id -> rating, finding, cite.")


# The case facts shown under "How the partnership works", in the order the model declares them:
# every optional fact field except the two shown at the top of the page.
CASE_FACTS: tuple[str, ...] = tuple(
    name
    for name, info in Case.model_fields.items()
    if info.annotation == (Fact | None) and name not in ("status_reason", "verdict")
)


class Role(Searchable):
    """A card per kind of party (the municipality, the police, ...): what the study says that party
    brings and does in the studied partnerships, and which questions and lessons concern it."""

    id: Id
    order: int = Field(ge=1)
    name: Name
    sector: Literal["public", "private"] = Field(description="Whether parties of this kind are public or private.")
    covers: Text = Field(description="Which parties the card speaks of, in one or two sentences.")
    statements: list[Fact] = Field(
        default=[], description="What the study says this party brings and does, each cited with a quote."
    )
    silent: Text | None = Field(
        default=None, description="What the study does not say about this party: the card shows it as such."
    )
    indicators: list[Annotated[Id, Ref("criteria", part="indicators")]] = Field(
        default=[], description="Ids of the indicators whose checklist questions concern this party."
    )
    lessons: list[Annotated[Id, Ref("lessons")]] = Field(
        default=[], description="Ids of the lessons that concern this party."
    )


class Indicator(Record):
    id: Id
    former_ids: list[Id] = Field(
        default=[],
        description="Ids this indicator had before it was renamed or merged into it: saved self-assessments "
        "that answer them are read under this id.",
    )
    title: Name
    question: Text = Field(description="The checklist question a partnership asks itself.")
    present_looks_like: Text
    cite: Cites


class Criterion(Searchable):
    id: Id
    former_ids: list[Id] = Field(
        default=[], description="Ids this record had before it was renamed: their addresses redirect here."
    )
    order: int = Field(ge=1)
    title: Name
    other_names: list[Name] = []
    summary: Text
    literature: Fact
    operationalisation: Fact
    references: list[Annotated[Id, Ref("sources")]] = Field(
        default=[], description="Ids of the sources (literature) the criterion rests on."
    )
    indicators: list[Indicator] = Field(min_length=1)


class Practice(Record):
    """How one partnership did what a lesson advises (or what a finding rests on): a cited fact
    about one of the lesson's cases, in the contributor's own words."""

    case: Annotated[Id, Ref("cases")] = Field(description="Id of one of the lesson's cases.")
    text: Text
    cite: Cites = Field(description="Citations; one needs a quote: the words the fact rests on.")


class Lesson(Searchable):
    id: Id
    lang: Lang | None = WrittenIn
    former_ids: list[Id] = Field(
        default=[], description="Ids this record had before it was renamed: their addresses redirect here."
    )
    title: Name = Field(
        description="What to do, as an instruction: 'Put agreements in writing'; for a finding, the finding "
        "itself, so no list of titles passes it off as advice."
    )
    # A finding is what the study observed; the card says so, and marks what it means for a
    # partnership as this knowledge base's reading, so no page or self-assessment passes it off as
    # advice. Its basis says whether the study states the finding itself.
    kind: Literal["advice", "finding"] = Field(
        description="advice: the study says what to do; finding: the study observed something and the "
        "card draws what it means for a partnership."
    )
    basis: Literal["stated", "inferred"] = Field(
        description="stated: the study states the lesson itself (cite quotes it); inferred: this knowledge "
        "base draws it from what the study says."
    )
    criterion: Annotated[Id, Ref("criteria")]
    cases: list[Annotated[Id, Ref("cases")]] = Field(min_length=1)
    do: Text = Field(description="What to do, in one or two sentences; for a finding, what it means for a partnership.")
    why: Fact = Field(description="The study's reasons, or for a finding what it found; cited with short quotes.")
    practice: list[Practice] = Field(
        default=[],
        description="How the partnerships the study looked at did it, each a cited fact about one of the "
        "lesson's cases; leave out where the study describes none.",
    )
    watch_for: list[Fact] = Field(
        default=[], description="What to watch for (a missing party, a dispute, a legal limit), each cited."
    )
    cite: Cites = Field(description="Where the study states the lesson or the finding.")
    # Most lessons rest on the study's usual evidence (the study record's `evidence`); one resting on
    # other grounds (the experts of a focus group) says so, or its evidence line would overstate it.
    evidence: Fact | None = Field(
        default=None,
        description="What kind of evidence this lesson rests on, where it is not the study's usual kind "
        "(the study record's evidence), e.g. 'the view of experts in a focus group'; cited.",
    )
    # A lesson no partnership can meet on its own (a change in the law): a case's ratings of its own
    # working cannot show it met, so no case page lists it as borne out and its page rates no case.
    beyond_partnership: bool = Field(
        default=False,
        description="true where the lesson asks what no single partnership can arrange (e.g. a change in "
        "the law): no case's own ratings show it met or missed.",
    )
    # This knowledge base's reading of which indicators the lesson speaks to, not the study's: the
    # self-assessment recommends a lesson for exactly these gaps.
    indicators: list[Annotated[Id, Ref("criteria", part="indicators")]] = Field(
        min_length=1,
        description="Ids of the indicators (in content/criteria/) the lesson addresses, e.g. [regular-contact].",
    )

    @property
    def text(self) -> str | dict[Lang, str]:
        """The lesson's reasons: what the field ``text`` held before ``why`` took it, for older readers."""
        return self.why.text


class StepExample(Record):
    """How a studied partnership does a step, where the study says so."""

    case: Annotated[Id, Ref("cases")] = Field(description="Id of the case the example is from.")
    text: Text = Field(description="What the partnership does, in your own words.")
    cite: Cites


class Step(Searchable):
    """One step of the path for setting up or strengthening a partnership. The steps' order is this
    knowledge base's reading of the study, which gives none; the path page says so."""

    id: Id
    lang: Lang | None = WrittenIn
    order: int = Field(ge=1, description="Its place on the path: 1 first; no two steps share one.")
    title: Name = Field(description="What to do, as a command, e.g. 'Get the right parties to the table'.")
    do: Text = Field(description="One sentence: what to do.")
    why: Fact = Field(description="The study's reason for the step, cited.")
    make: Fact | None = Field(
        default=None,
        description="What to make or agree (a written agreement, a list of who to invite), where the study gives it.",
    )
    lessons: list[Annotated[Id, Ref("lessons")]] = Field(
        min_length=1, description="Ids of the lessons behind the step; a lesson belongs to one step at most."
    )
    indicators: list[Annotated[Id, Ref("criteria", part="indicators")]] = Field(
        default=[],
        description="Ids of the indicators (checklist questions) the step settles; an indicator belongs to one step at most.",
    )
    examples: list[StepExample] = Field(
        default=[], description="Studied partnerships that do the step, where the study says so: case, text, cite."
    )


class Displaced(Record):
    """A passage a source's text has out of place, and the section it belongs to."""

    opens: Line = Field(description="The words the passage opens with, as the text has them.")
    section: Line = Field(description="The section it belongs to, from the source's sections.")


class Source(Searchable):
    """Anything a record cites: a report, an article, a web page, an interview, a data set."""

    id: Id
    lang: Lang | None = WrittenIn
    former_ids: list[Id] = Field(
        default=[], description="Ids this record had before it was renamed: their addresses redirect here."
    )
    cited_as: Annotated[Name, BeforeValidator(_every_language)] = Field(
        description="How citations name it, e.g. 'Whelan 2011' or 'WODC/NCTV study'."
    )
    kind: Literal["report", "article", "book", "web-page", "interview", "evaluation", "data-set", "other"] | None = (
        Field(default=None, description="What it is; leave out where nothing says.")
    )
    # A reference gives title, authors and publisher as published, in the source's language: they
    # are not translated, and an edition in another language marks them with the source's language.
    title: Line | None = Field(default=None, description="Its title as published; leave out where nothing states it.")
    # A Dutch report read through its English summary: the title it was published under is Dutch.
    title_language: Annotated[str, StringConstraints(pattern=LANGUAGE_PATTERN)] | None = Field(
        default=None, description="The title's language where it is not the source's (language), e.g. 'nl'."
    )
    other_titles: list[Line] = []
    authors: list[Line] = Field(default=[], description="People or organisations, as the source names them.")
    commissioned_by: list[Name] = []
    publisher: Line | None = None
    year: Year | None = None
    date: IsoDate | None = Field(default=None, description="YYYY, YYYY-MM or YYYY-MM-DD.")
    language: Annotated[str, StringConstraints(pattern=LANGUAGE_PATTERN)] | None = Field(
        default=None, description="Two-letter language code, e.g. 'en' or 'nl'."
    )
    work_language: Annotated[str, StringConstraints(pattern=LANGUAGE_PATTERN)] | None = Field(
        default=None,
        description="The language of the work itself where the text read and quoted (in language) is a "
        "summary of it in another, e.g. 'nl' for a Dutch report read through its English summary.",
    )
    url: Annotated[str, StringConstraints(pattern=URL_PATTERN, max_length=2000), Shown] | None = None
    doi: Annotated[str, StringConstraints(pattern=DOI_PATTERN), Shown] | None = None
    accessed: IsoDate | None = Field(default=None, description="When a web page was read: YYYY-MM-DD.")
    licence: Line | None = None
    about: Text | None = Field(default=None, description="What it is, in your own words.")
    known_from: list[Citation] = Field(
        default=[], description="Where the knowledge base learned of it, when its details come from another source."
    )
    sections: list[Line] = Field(default=[], description="Its citable sections; citations are checked against them.")
    section_languages: dict[Line, Annotated[str, StringConstraints(pattern=LANGUAGE_PATTERN)]] = Field(
        default={},
        description="Sections written in another language than the source, by name, with their language: "
        "'Back cover (Dutch)': nl. Quotes from them are marked with it.",
    )
    unheaded: list[Line] = Field(
        default=[],
        description="Sections the source gives no heading: their names in sections are this knowledge base's, "
        "and pages say so.",
    )
    # Citations name a section as the source heads it; an edition in another language shows its name here.
    section_names: dict[Line, dict[Lang, Line]] = Field(
        default={},
        description="Each section's name in the editions' other languages, by its name in sections: "
        "'Problem': {nl: Probleem}. Citations keep naming it as in sections.",
    )
    # A text extracted from a PDF can hold a passage out of place (a page break moved it): where it
    # belongs, the quote check cannot tell from the text's order, so the record says it.
    displaced: list[Displaced] = Field(
        default=[], description="Passages its text has out of place, each with the section it belongs to."
    )
    full_text: Annotated[str, StringConstraints(pattern=TEXT_PATH_PATTERN, max_length=300), Shown] | None = Field(
        default=None,
        description="Path of its plain text, relative to the repository, where the repository (or the shared/ "
        "folder beside it) has it: validate then checks every quote against it.",
    )

    def quote_language(self, section: str | None) -> str:
        """The language of words quoted from ``section``: the section's own where the record gives
        one, otherwise the source's; a source that names no language is quoted as English."""
        return self.section_languages.get(section or "", self.language or "en")

    @property
    def title_lang(self) -> str | None:
        """The language the title is in: its own where the record gives one, otherwise the source's."""
        return self.title_language or self.language

    def section_name(self, section: str, lang: str) -> tuple[str, str]:
        """A section's name for an edition in ``lang``, with the language it is in: its own name
        where the source is in ``lang`` or the record gives no other."""
        named = self.section_names.get(section, {}).get(lang)  # type: ignore[call-overload]
        return (named, lang) if named else (section, self.language or "en")


class Country(Searchable):
    id: Id
    name: Name
    other_names: list[Name] = []
    position: Literal["longest-tradition", "in-the-middle", "largely-public", "not-characterised"]
    finding: Fact


class Instrument(Searchable):
    id: Id
    name: Name
    other_names: list[Name] = []
    owner: Name
    description: Fact
    links: list[Citation] = Field(
        default=[],
        description="Its official pages: each a web-page source (with its url) and the words on it that "
        "show it is this instrument's page.",
    )


class Condition(Searchable):
    id: Id
    order: int = Field(ge=1)
    title: Name
    text: Text
    cite: Cites


class Variant(Searchable):
    id: Id
    order: int = Field(ge=1)
    title: Name
    text: Text
    requires: list[Text] = []
    criteria: list[Annotated[Id, Ref("criteria")]] = []
    cite: Cites


class Term(Searchable):
    id: Id
    term: Name
    other_names: list[Name] = []
    definition: Text
    cite: Cites


class Stage(Record):
    title: Name
    text: Text
    cite: Cites


class Funnel(Record):
    examples: int = Field(ge=1)
    promising: int = Field(ge=1)
    studied: int = Field(ge=1)
    cite: Cites


class Study(Record):
    source: Annotated[Id, Ref("sources")] = Field(
        description="Id of the study's own source record (title, authors, sections)."
    )
    purpose: Fact
    performed_by: Fact
    commissioned_by: Fact
    occasion: list[Fact] = Field(default=[], description="Why the study was made.")
    focus: Fact
    main_question: Fact
    sub_questions: list[Fact] = Field(min_length=1)
    stages: list[Stage] = Field(min_length=1)
    measured: Fact = Field(description="What the study measured, and what its findings rest on.")
    evidence: Fact = Field(
        description="What kind of evidence its findings are, in a few words ('respondents' views in three "
        "cases'): the evidence line of every lesson page ends with it."
    )
    funnel: Funnel
    survey: list[Fact] = Field(default=[], description="What the survey of practical examples found.")
    policy: list[Fact] = Field(default=[], description="General findings on national policy.")
    cross_case: list[Fact] = Field(default=[], description="Findings that hold across the studied cases.")
    resilience: list[Fact] = []
    conclusion: Fact
    basis: Fact | None = Field(
        default=None,
        description="What of the study this knowledge base reads (e.g. its English summary of a Dutch report), "
        "in one line: the home page and the path say it, so 'the study says nothing about X' reads right.",
    )


class SearchQuery(Record):
    lang: Lang = Field(description="The edition searched: en or nl.")
    query: Keyword = Field(description="What a reader types, in plain words.")
    reaches: Annotated[str, StringConstraints(pattern=r"^[a-z]+/[a-z0-9]+(-[a-z0-9]+)*$")] = Field(
        description="The record it must find, as <folder>/<id>: e.g. lessons/put-agreements-in-writing."
    )
    within: int = Field(default=3, ge=1, le=10, description="The rank the record's page must reach at least.")


class Searches(Record):
    """Reader queries and the record each must find: a browser test on a real build holds every one,
    so a change of words that loses a reader's query fails CI, naming the query."""

    queries: list[SearchQuery] = Field(min_length=1)


@dataclass(frozen=True)
class RecordType:
    """One kind of record. Adding a kind: its model above (its references marked with ``Ref``), a
    row here, its words, its template and a nav line (generator/README.md has the whole recipe)."""

    folder: str  # content/<folder>/<id>.yaml
    model: type[Record]
    # In validate's messages ("is not the id of any <noun>"), which speak English to contributors;
    # the pages' nouns are words.py's noun_<folder>, in each edition's language (records import no words).
    noun: str
    page: str  # the page that lists the records
    name_field: str  # the field that names a record in lists of changes and citing records
    own_pages: bool = False  # each record also gets <folder>/<id>.md from <noun>.md.j2
    anchored: bool = True  # on the page that lists them, each record has its id as an anchor


TYPES: tuple[RecordType, ...] = (
    RecordType("criteria", Criterion, "criterion", "criteria/index.md", "title", own_pages=True),
    RecordType("cases", Case, "case", "cases/index.md", "name", own_pages=True),
    RecordType("lessons", Lesson, "lesson", "lessons/index.md", "title", own_pages=True),
    RecordType("sources", Source, "source", "sources/index.md", "cited_as", own_pages=True),
    RecordType("countries", Country, "country", "policy.md", "name", anchored=False),
    RecordType("instruments", Instrument, "instrument", "policy.md", "name"),
    RecordType("conditions", Condition, "condition", "conditions.md", "title"),
    RecordType("variants", Variant, "variant", "variants.md", "title"),
    RecordType("terms", Term, "term", "glossary.md", "term"),
    RecordType("roles", Role, "role", "roles/index.md", "name", own_pages=True),
    RecordType("steps", Step, "step", "path.md", "title"),
)
KINDS: dict[str, RecordType] = {t.folder: t for t in TYPES}
# Ids a record of a kind may not have: the names of pages the site makes of its own in the folder
# where that kind's records get their pages (its listing, cases/index.md), and, for a criterion,
# in checklists/ (checklists/index.md, checklists/all.md), where each criterion has its checklist.
# A record with such an id would take that page's place; a test holds this list to the built pages.
RESERVED_IDS: dict[str, frozenset[str]] = {
    t.folder: frozenset(
        {t.page.removeprefix(f"{t.folder}/").removesuffix(".md")} if t.page.startswith(f"{t.folder}/") else set()
    )
    | ({"index", "all"} if t.folder == "criteria" else set())
    for t in TYPES
    if t.own_pages
}
COLLECTIONS: dict[str, type[Record]] = {t.folder: t.model for t in TYPES}
NOUNS: dict[str, str] = {t.folder: t.noun for t in TYPES}
SINGLETONS: dict[str, type[Record]] = {"study": Study, "searches": Searches}
# Singletons a corpus may leave out: the reader queries search is held to (content/searches.yaml).
OPTIONAL_SINGLETONS = frozenset({"searches"})


def kind_of(record: Record) -> RecordType:
    """The kind a record is of; a model without a row in TYPES (the study, a new model) raises."""
    for t in TYPES:
        if type(record) is t.model:
            return t
    raise LookupError(f"{type(record).__name__} is not a kind of record in TYPES")
