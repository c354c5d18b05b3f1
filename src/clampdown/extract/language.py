"""Language packs: the compiled form of `lexicons/<lang>/pack.yaml`.

Everything that differs between languages (trigger words, hedges, negation, anaphora,
sentence-final abbreviations) lives in the YAML file; this module only compiles it once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from clampdown import cachefile, regexcache
from clampdown.extract.guards import may_match
from clampdown.languages import DEFAULT, LEXICONS, supported
from clampdown.model import EVENT_TYPES
from clampdown.regexwords import NEVER as NEVER
from clampdown.regexwords import leading_stems

SUPPORTED = supported()  # the folders of lexicons/ (clampdown/languages.py)
FLAGS = re.IGNORECASE | re.UNICODE
VOICES = frozenset({"active", "passive", "nominal", "object", "response", "response_after"})
TRIGGER_KEYS = frozenset(
    {
        "type",
        "voice",
        "pattern",
        "status",
        "implicit_target",
        "cased",
        "objects_after_match",
        "examples",
        "near_misses",
    }
)
ANAPHOR_KEYS = frozenset(
    {
        "pattern",
        "kinds",
        "plural",
        "pronoun",
        "skip_kinds",
        "latest_actor",
        "state",
        "not_before",
        "company",
        "unnamed",
    }
)
# Top-level keys that are not single patterns.
STRUCTURED_KEYS = frozenset(
    {
        "abbreviations",
        "words",
        "triggers",
        "target_roles",
        "anaphora",
        "number_words",
        "week_unit",
        "drops_subjects",
        "fronts_objects",
    }
)


REQUIRED_KEYS = frozenset(
    {"triggers", "announced_cues", "negation_cues", "clause_stops", "list_glue", "platform_cues"}
)


class PackError(ValueError):
    """A language pack that cannot be used: the message names the file and the entry."""


def validate(name: str, data: Any) -> None:
    """Check a pack's keys, event types, voices and patterns before anything uses it.

    A typo in a key would otherwise be silently ignored and the pattern never run.
    """

    def fail(entry: str, why: str) -> None:
        raise PackError(f"{name}: {entry}: {why}")

    if not isinstance(data, dict):
        fail("top level", "expected a mapping of keys")
    unknown = set(data) - STRUCTURED_KEYS - PATTERN_KEYS
    if unknown:
        fail(
            sorted(unknown)[0],
            f"unknown key (known: {', '.join(sorted(PATTERN_KEYS | STRUCTURED_KEYS))})",
        )
    for key in sorted(REQUIRED_KEYS - set(data)):
        fail(key, "missing")
    for key in sorted(PATTERN_KEYS & set(data)):
        _check_regex(fail, key, data[key], _key_flags(key))
    if not isinstance(data["triggers"], list):
        fail("triggers", "expected a list")
    for i, trig in enumerate(data["triggers"]):
        entry = (
            f"triggers[{i}] ({trig.get('pattern', '?')[:40] if isinstance(trig, dict) else trig})"
        )
        if not isinstance(trig, dict):
            fail(entry, "expected a mapping")
        if set(trig) - TRIGGER_KEYS:
            fail(entry, f"unknown key {sorted(set(trig) - TRIGGER_KEYS)[0]!r}")
        if trig.get("type") not in EVENT_TYPES:
            fail(entry, f"unknown event type {trig.get('type')!r}")
        if trig.get("voice") not in VOICES:
            fail(entry, f"unknown voice {trig.get('voice')!r}")
        if trig.get("status") not in (None, "announced", "done"):
            fail(entry, f"status must be 'announced', 'done' or absent, not {trig.get('status')!r}")
        for flag in ("implicit_target", "cased", "objects_after_match"):
            if not isinstance(trig.get(flag, False), bool):
                fail(entry, f"{flag} must be true or false")
        for listed in ("examples", "near_misses"):
            if not isinstance(trig.get(listed, []), list):
                fail(entry, f"{listed} must be a list of sentences")
        _check_regex(fail, entry, trig.get("pattern"))
    for etype in data.get("target_roles") or {}:
        if etype != "default" and etype not in EVENT_TYPES:
            fail(f"target_roles.{etype}", "unknown event type")
    for role, items in (data.get("anaphora") or {}).items():
        for i, item in enumerate(items or []):
            if set(item) - ANAPHOR_KEYS:
                fail(
                    f"anaphora.{role}[{i}]", f"unknown key {sorted(set(item) - ANAPHOR_KEYS)[0]!r}"
                )
            _check_regex(fail, f"anaphora.{role}[{i}]", item.get("pattern"))
            if "not_before" in item:
                _check_regex(fail, f"anaphora.{role}[{i}].not_before", item["not_before"])


def _check_regex(fail: Any, entry: str, pattern: Any, flags: int = 0) -> None:
    """Compile `pattern` with the flags the pack will use it with (`_regex`: building the
    pack then takes the same compiled pattern, not a second one)."""
    if not isinstance(pattern, str):
        fail(entry, "pattern must be a string")
    try:
        _regex(pattern, flags)
    except re.error as exc:
        fail(entry, f"bad regular expression: {exc}")


@cache
def _regex(pattern: str, flags: int) -> re.Pattern[str]:
    """`re.compile`, once per pattern and flags: a pack's patterns are compiled when it is
    checked, and taken from here when it is built (`re`'s own cache holds fewer than a
    pack has, and compiling is most of what loading a pack costs)."""
    return regexcache.compile(pattern, flags)


@dataclass(frozen=True, slots=True)
class Trigger:
    type: str
    voice: str  # active | passive | nominal | response | response_after (platform follows)
    regex: re.Pattern[str]
    # "announced" when the pattern itself states a plan or threat; "done" when it reports an
    # act done although its words are also those of a plan (German "X soll ... zahlen")
    status: str | None = None
    # Lower-case stems one of which must begin a word of the text for the pattern to match;
    # empty when they cannot be read off the pattern (it then always runs).
    stems: tuple[str, ...] = ()
    cased: bool = False  # `cased: true` in the pack: the pattern sees the original letter case
    # Without a named object, the act is aimed at the platform the passage is about
    # ("the FSB demanded the keys", "ordered the suspension").
    implicit_target: bool = False
    # The targets follow the whole match, not its first word ("ordered ISPs to block
    # access to X": the ISPs are told, X is blocked).
    objects_after_match: bool = False
    # Sentences the pattern must match, and near misses it must not (checked by the tests).
    examples: tuple[str, ...] = ()
    near_misses: tuple[str, ...] = ()

    def matches(self, sentence: str) -> bool:
        """Whether the pattern fires on a sentence, seen as the engine sees it."""
        return (
            self.regex.search(sentence if self.cased else casefold_same_length(sentence))
            is not None
        )


@dataclass(frozen=True, slots=True)
class Anaphor:
    role: str
    regex: re.Pattern[str]
    kinds: frozenset[str]
    plural: bool
    pronoun: bool = False
    skip_kinds: frozenset[str] = frozenset()
    latest_actor: bool = False  # "the order" names whoever acted last
    state: bool = False  # "the authorities" name the state itself
    # "the company": where the platform named last has its owner named near it, the owner
    # ("Meta'ya Threads platformu nedeniyle ... Şirkete ceza": Meta, not Threads).
    company: bool = False
    # What may not follow the match, read in the text as written (the pattern reads it
    # lower-cased): "die Plattform Rumble" names, "die Plattform eine Geldbuße" refers.
    not_before: re.Pattern[str] | None = None
    # "a court", "другой суд": a body of its kinds not named before, never the one named
    # last: the unnamed body of the story's state the knowledge base files (`unnamed: true`).
    unnamed: bool = False

    def stands_before(self, text: str, end: int) -> bool:
        """Whether what follows the match at `end` lets it stand as an anaphor."""
        return self.not_before is None or self.not_before.match(text, end) is None


@dataclass(frozen=True, slots=True)
class LanguagePack:
    code: str
    abbreviations: frozenset[str]
    triggers: tuple[Trigger, ...]
    target_roles: dict[str, frozenset[str]]
    announced: re.Pattern[str]
    # Where a language puts the auxiliary or modal after the act's words ("die Bandbreite von
    # X werde im April gekappt"): such a word after the trigger, before its clause ends,
    # makes the act announced as `announced` does before it.
    announced_after: re.Pattern[str]
    negation: re.Pattern[str]
    clause_stops: re.Pattern[str]
    list_glue: re.Pattern[str]
    anaphora: tuple[Anaphor, ...]
    platform_cues: re.Pattern[str]
    agent_nouns: re.Pattern[str]
    attribution: re.Pattern[str]
    credit_line: re.Pattern[str]
    # A trigger's first word in the indefinite-personal form ("оштрафовали"): with one
    # platform before it and none after, the platform is its object, not its subject.
    impersonal_plural: re.Pattern[str]
    # Before an act: someone's claim that it happens ("Mr. Taylor alleged that the
    # government plans to ..."); reported as fact only where a state body makes it.
    hearsay_before: re.Pattern[str]
    # Before an act: a denial that it happened ("has denied rumors that TikTok has been
    # banned"); whoever denies it, the act is not reported as done.
    denial_before: re.Pattern[str]
    # Right before a name: its owner follows ("services run by Google"); the owner, like
    # "Google's" services, is not an item of a list of platforms acted on.
    owner_before: re.Pattern[str]
    # Right after a platform's name: a channel or account on it follows by name ("the
    # Telegram channel Nexta"); the channel is acted on, the platform only hosts it.
    host_after: re.Pattern[str]
    # Right after a platform's name in the subject of a passive answer: content on it
    # ("The Twitter account of X was withheld", "X's Telegram channels were removed"); the
    # platform that hosts it is who withheld it.
    hosted_content_after: re.Pattern[str]
    # Right after a clause stop: the list of what the clause acts on goes on (", including
    # Twitter and Instagram"), so the stop does not end the objects.
    list_intro: re.Pattern[str]
    # Whether a passive's subject may follow it, as in free word order ("заблокирован сайт
    # X"): a pattern matched on the trigger's first word.
    subject_after_passive: re.Pattern[str]
    # Where the finite verb comes second: a clause opening this pattern finds in (a time,
    # a place, a reason: "Am Montag", "Dafür") is not the subject, which stands right after
    # the verb ("Am Montag sperrte die Behörde X", "Dafür hat das Amt ein Bußgeld verhängt").
    subject_after_verb: re.Pattern[str]
    # A sentence opening that refers back to the sentence before ("Dafür", "Deshalb"): the
    # platform that sentence named, and this one acts on unnamed, is in its evidence.
    back_reference: re.Pattern[str]
    # Amounts and targets listed in the same order ("Google and Shein, respectively of 325
    # and 150 million euros").
    respectively: re.Pattern[str]
    # Right before an amount: the sentence states a fine's size without telling the act
    # ("Размер штрафа – 7 миллионов рублей"): the sum of a fine told before without one.
    fine_size: re.Pattern[str]
    # Right before an amount given to several targets: it is their fines' sum ("fined A
    # and B a combined 390 million euros"), not each one's.
    joint_total: re.Pattern[str]
    # The same, right after the amount ("68 billion won in combined fines").
    joint_total_after: re.Pattern[str]
    # In a legal action's sentence: the suit is brought by people, not by a state ("users
    # filed a class action against Meta"); with no authority named there, no state's case.
    private_suit: re.Pattern[str]
    # Where the verb comes last: a trigger this pattern finds in acts on the list of
    # platforms named before it in its clause (Turkish "X, Y ve Z'ye ceza verildi").
    targets_before: re.Pattern[str]
    # Right before a name, ending where it starts: a phrase that names what an act with no
    # subject of its own is aimed at ("На компанию Meta завели дело").
    aimed_before: re.Pattern[str]
    # A trigger opening with a participle whose agent is named inside it ("составленные
    # Роскомнадзором"): that body is the actor.
    participle_agent: re.Pattern[str]
    # An attribution ("According to Reuters, ...", "..., according to Reuters.", "Как
    # сообщает ТАСС, ..."): a publication named in one of its named groups reports the
    # sentence and is never a party in it.
    lead_attribution: re.Pattern[str]
    owner_apposition: re.Pattern[str]
    service_nouns: re.Pattern[str]
    list_descriptor: re.Pattern[str]
    participle: re.Pattern[str]
    by_gerund: re.Pattern[str]
    # Right before a participle trigger, besides a comma: a word that makes it an adjunct of
    # the main clause ("summoned X after accusing ..."), which shares that clause's subject.
    participle_opener: re.Pattern[str]
    # Right before a state body: it speaks what follows ("По словам главы Роскомнадзора, ..."),
    # as a name followed by a verb of saying does (`speech_after`).
    speaker_before: re.Pattern[str]
    # The opening of the sentence after a passive act that names its source ("... стал
    # лидером по фейкам. Об этом сообщили в Роскомнадзоре."): the first state body after it
    # is the speaker, as if named in the sentence of the act.
    source_after: re.Pattern[str]
    # Between a passive act with no agent and a state named right after it as the place
    # ("were blocked in Saudi Arabia and the UAE"): that state acted, not the one before.
    place_after: re.Pattern[str]
    # Right before a name: it is the source of a report ("сообщает ТАСС", "reported Reuters"),
    # never what "the resource" or "the company" refers back to.
    source_before: re.Pattern[str]
    # Right before a news outlet: it was told what it reports ("the press service told TASS"),
    # so it is a source, never what "the company" refers back to.
    told_before: re.Pattern[str]
    # Around a news outlet's name: it reports, not takes part: a byline or a dateline
    # ("By Reuters", "LONDON (CNN) —"), questions it asked or checks it made ("queries
    # from CNA", "a Reuters request for comment", "Checks by CNA showed").
    reporter_before: re.Pattern[str]
    reporter_after: re.Pattern[str]
    # Right after an active trigger: its object is a person ("accuses him of ..."), so the act
    # is aimed at no platform or state, whatever the sentence names later.
    person_object: re.Pattern[str]
    # Right before a body named after an act with no subject: the act follows its decision
    # ("по решению Таганского суда", "on the orders of the ministry"), so the body acts.
    decision_agent: re.Pattern[str]
    # Between an authority's description and a state named right after it ("o órgão
    # antitruste da União Europeia"): a body of that state is meant, the last one named of
    # its kind, else the state itself, never a body of another state named before.
    state_of: re.Pattern[str]
    agent_marker: re.Pattern[str]
    possessive_determiner: re.Pattern[str]
    passive_before: re.Pattern[str]
    implied_demand: re.Pattern[str]
    preposition_before: re.Pattern[str]
    # Right after a name: a case ending that puts it in a phrase as a preposition does
    # (a dative, locative or ablative written after an apostrophe), so it is no subject.
    case_after: re.Pattern[str]
    # Right after a state's adjective or uninflected name used as a modifier: the noun it
    # describes in a case that puts the phrase out of the subject ("Instagram'ın Türk
    # kanunlarına uymadığını", "Hindistan hükümetinin taleplerine"); the state alone is no
    # subject then.
    modifier_case_after: re.Pattern[str]
    # The end of a word for a state's officials (an anaphor with `state: true`) in a case
    # that puts it in a phrase ("Twitter, Rus yetkililerin taleplerini reddetti": the
    # officials' demands): no subject.
    state_anaphor_case: re.Pattern[str]
    reason_before: re.Pattern[str]
    # Between an act and a year or month after it: the date is of the deed the act punishes
    # ("multa contra a Meta por compartilhamento de dados em 2018"), not the act's own.
    reason_after: re.Pattern[str]
    government_nouns: re.Pattern[str]
    relative_later: re.Pattern[str]
    hypothetical: re.Pattern[str]
    # A platform's response up to its head word, told as a condition it is to meet, not a
    # response given ("suspended until it complies").
    condition_before: re.Pattern[str]
    # A condition a penalty waits on, in its sentence before it or in its clause after it
    # ("Se a decisão não for cumprida, Moraes determinou a suspensão", "fixou multa diária
    # caso descumpra a ordem"): a fine, block or slowdown threatened, not imposed.
    penalty_condition: re.Pattern[str]
    # Right before a refusal: the words that give it as the cause of an act other than a
    # fine ("blocked due to noncompliance with the order"); the punished platform refused.
    refusal_cause: re.Pattern[str]
    # Between a company and the list it is said to own ("Meta, the parent company of
    # Facebook, Instagram and WhatsApp,"): the company is meant, its products only describe it.
    products_of: re.Pattern[str]
    # Right after an item of a list of parties, from the comma that opens it through the one
    # that closes it: an apposition or a relative clause describing the item ("X, formerly
    # known as Twitter,", "Meta, which owns Facebook,", "Google, a unit of Alphabet,"). The
    # list goes on after it, and the names inside it only describe the item.
    apposition: re.Pattern[str]
    # A description of a platform that may name a state inside it, which only says where
    # the platform is from ("the US social media giant", "the Chinese-owned app"): it refers
    # to the last platform of that state named. Searched in the description.
    state_described: re.Pattern[str]
    # A country named only to describe a company, platform or outlet is no party to an act
    # (neither actor nor target, nor the place that gives the act's country):
    # `country_describer`, right after the country's name or adjective, a suffix or word that
    # makes it describe what follows ("Chinese-owned", "ABD'li", "Çin merkezli"), where a
    # platform's name or `company_noun` follows; `company_noun`, right after the country (and
    # any describer), a description of a company, platform or outlet ("Rus sosyal ağ",
    # "der US-Konzern", "российская соцсеть"); `company_before`, right before a country's
    # adjective, such a description where the adjective follows its noun ("a empresa
    # americana X").
    country_describer: re.Pattern[str]
    company_noun: re.Pattern[str]
    company_before: re.Pattern[str]
    # Right before the first of two dates: they bound one period ("between May 2021 and
    # December 2023"), not a list of acts each on its day.
    range_before: re.Pattern[str]
    # Right after the second of two dates, where a language closes the period after it
    # ("20 Şubat ile 29 Nisan arasında"): one period, as `range_before` says before it.
    range_after: re.Pattern[str]
    # Right before an authority's name: a channel, account or post of its own ("the channel of
    # the State Duma"); a platform blocking it moderates the state, it does not obey it.
    content_of: re.Pattern[str]
    # An item of a list the knowledge base does not know, between commas (group `name`):
    # between known platforms in a list of three or more, one more member ("Steam, Battle
    # Net, Ubisoft, Nintendo and PayPal"). Letter case matters.
    list_item: re.Pattern[str]
    clause_joins: re.Pattern[str]
    takes_effect: re.Pattern[str]
    relative_date_words: re.Pattern[str]
    future: re.Pattern[str]
    own_rules: re.Pattern[str]
    demand_source: re.Pattern[str]
    # Right after an authority's name before a platform's response: the request is that
    # authority's, where a language puts the noun after the name ("RTÜK'ün talebi üzerine
    # kaldırdı"), as `demand_source` says before it ("at the request of").
    demand_source_after: re.Pattern[str]
    response_negation: re.Pattern[str]
    # Where the negation of an act may follow its verb, before a comma, a semicolon or the
    # sentence's end (German "Die Behörde hat Telegram nicht gesperrt", "sperrte X nicht"):
    # the act is denied as `negation_cues` before it says. Not read for demands and
    # warnings, whose content may be negative ("forderte X auf, keine ... zu verbreiten").
    negation_after: re.Pattern[str]
    coordination: re.Pattern[str]
    unnamed_authority: re.Pattern[str]
    object_pronoun: re.Pattern[str]
    # Right before a name the sentence leaves out ("all of them, except Google"): it is
    # not among those a plural pronoun or description there stands for.
    exclusion_before: re.Pattern[str]
    # Right before a pronoun: unnamed internet providers or operators as the speakers
    # ("operators confirmed that they have taken down the websites"): it is they, not a
    # platform named before.
    provider_speakers: re.Pattern[str]
    number_words: dict[str, int]
    week_unit: str
    # The language leaves a finite verb's subject out where the clause before names it
    # ("O Telegram foi notificado. Descumpriu a ordem."): a platform's answer or a passive
    # act with no subject of its own is the platform the passage just named.
    drops_subjects: bool
    # A trigger that is the conjunction opening a verb-final clause ("..., als die Türkei
    # Twitter sperrte", "nachdem Roskomnadsor den Dienst gesperrt hatte"): the name right
    # after it is the clause's subject, the acts' objects follow it.
    verb_final_opening: re.Pattern[str]
    # The language may put a verb's object first and its subject right after the verb
    # ("Große Netzwerke wie X und Facebook hat Russland bereits blockiert"): platforms
    # before an active block, slowdown or fine with a state right after its verb are the
    # objects, and the state acts.
    fronts_objects: bool
    # All a sentence may hold before such a verb (time, linking words, negation, a clitic);
    # anything else there is a subject the names missed ("Os usuários descumpriram").
    subjectless_before: re.Pattern[str]
    # Right after a passive act's participle, its subject put after it ("Foi suspenso o
    # julgamento", "Foram bloqueados os perfis"): the act has a subject of its own.
    subject_after: re.Pattern[str]
    same_day: re.Pattern[str]
    relative_clause: re.Pattern[str]
    gapping: re.Pattern[str]
    non_answer: re.Pattern[str]
    # Words that show a state demand, order, law or fine behind a platform's response.
    demand_cues: re.Pattern[str]
    # Words that put an accusation against a state in scope: online or election interference.
    interference_cues: re.Pattern[str]
    # Right before a platform's response: it is owed, not done ("must pay the fine").
    obligation_before: re.Pattern[str]
    # Between a block and its object: a deal is blocked, which is a legal action.
    deal_nouns: re.Pattern[str]
    # Right after a platform's name: the person the act is aimed at ("X's administrator").
    person_heads: re.Pattern[str]
    # Right before a platform's name: the same ("the administrator of the X channel").
    person_before: re.Pattern[str]
    # Right after a name: a verb of saying, which makes the name the speaker ("X said").
    speech_after: re.Pattern[str]
    # A platform said not to comply with a law ("X does not comply with the DSA"), and the
    # orders that make such a refusal an answer all the same ("the regulator's orders").
    law_unmet: re.Pattern[str]
    orders_named: re.Pattern[str]
    # Right before a platform's name: the block a demand asks for ("were told to block X",
    # "asking a court to shut down X"): the platform is blocked, not addressed.
    block_asked_before: re.Pattern[str]
    # Right before a platform's name: a block someone is urged or asked to impose ("pushed
    # the regulator to ban X", "asking a court to shut down X"): no block yet.
    block_urged_before: re.Pattern[str]
    # Right before a platform's name: it is what someone is banned from ("was banned from
    # Facebook", "barred for life from X"): the platform bans, it is not blocked.
    banned_from_before: re.Pattern[str]
    # Right after a state's name: it is the one said to interfere ("Russia allegedly
    # interfered in ..."): the accused, never the accuser.
    interferer_after: re.Pattern[str]
    # Before an act to come: others only expect or guess it ("it was expected that X would be
    # blocked", "may be reason enough to block it"): no one announces it.
    speculated_before: re.Pattern[str]
    # A platform's answer told as owed ("has the obligation to comply"): no compliance.
    response_owed: re.Pattern[str]
    # Right before a platform's name: it is where someone speaks ("announced on Telegram").
    medium_before: re.Pattern[str]
    # A block in its "-ing" form weighed by a modal after it ("banning X would hurt ..."): an
    # opinion on an act, not an act.
    act_weighed: re.Pattern[str]
    # A state body described, not named, after the state ("Thailand's digital ministry").
    body_nouns: re.Pattern[str]
    # Words that make a sentence's act a possibility, or its targets examples of a kind.
    hedges: re.Pattern[str]
    # Right after a platform's name (or the last of a list): the hedge that gives the names
    # as members of a kind ("X ve Y gibi platformlar"), not as a possibility.
    examples_after: re.Pattern[str]
    # Right before an act (or its first word): a modal that makes it only possible ("could
    # fine", "might be blocked"); and the words by which someone in the sentence says so.
    possibility: re.Pattern[str]
    possibility_voiced: re.Pattern[str]
    # Right before an act: a verb that proposes it ("proposed to block", "called for a ban").
    proposal: re.Pattern[str]
    # A compliance word whose negation tells a refusal only where its sentence names a
    # demand (negated_demand): "sites that X hasn't blocked" states no refusal.
    negated_needs_demand: re.Pattern[str]
    negated_demand: re.Pattern[str]
    # Right before a state's name: the interference is in it ("interference in Russia's
    # affairs"), which makes the state its victim, never the accused.
    interference_place: re.Pattern[str]
    # "accused X of blocking ...": an act in the -ing form after these is X's own.
    reason_gerund: re.Pattern[str]
    # What a block falls on instead of the platform named after it ("advertising on X").
    other_objects: re.Pattern[str]
    # Right after a trigger: its object is a kind of platform, not a name ("blocked access
    # to popular social media platforms"); a list of names in the next sentences says which.
    generic_objects: re.Pattern[str]
    # What a sentence that names the platforms of such an act opens with, where a language
    # asks for a cue ("Речь идет о X, Y и Z"); a pack without it takes any sentence.
    list_opener: re.Pattern[str]
    # Where no words open such a list: what a list a sentence later than the next must say
    # to complete the act still waiting ("users reported disruptions to X, Y and Z").
    list_later: re.Pattern[str]
    # A coordinator that adds one more object to a list, whose description may run up to
    # its name ("к этим ресурсам, а также сайтам издателя словарей ABBYY").
    list_also: re.Pattern[str]
    # What a refusal disputes rather than refuses ("rejected the assessment").
    disputes: re.Pattern[str]
    # Words that make an act a series over time ("multiple warnings", "repeatedly"): no
    # single day dates it.
    repeated_acts: re.Pattern[str]
    # Words that tell an act as a further one ("an additional fine", "in addition", "again"):
    # a later sentence with them reports another act, not the one told before.
    another_act: re.Pattern[str]

    def roles_for(self, event_type: str) -> frozenset[str]:
        return self.target_roles.get(event_type, self.target_roles["default"])

    def names_owner(self, text: str, start: int) -> bool:
        """Whether the words right before `start` say that an owner is named there
        ("run by Google", "linked to the ministry")."""
        lo = max(0, start - 40)
        if not may_match(self.owner_before, casefold_same_length(text[lo:start]), 0, start - lo):
            return False
        return self.owner_before.search(text, lo, start) is not None


def _key_flags(key: str) -> int:
    """The flags of the pattern a pack gives under `key`: letter case ignored, but for
    `CASED_KEYS`."""
    return 0 if key in CASED_KEYS else FLAGS


def casefold_same_length(text: str) -> str:
    """Lower case with offsets unchanged (a few letters lengthen when lowered)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    # "İ" -> "i" (its lower case adds a dot); the text's few distinct letters are checked,
    # not each of its characters (a Turkish text has "İ" in nearly every paragraph).
    for c in {c for c in set(text) if len(c.lower()) != 1}:
        text = text.replace(c, c.lower()[0])
    return text.lower()


def _trigger(t: dict[str, Any]) -> Trigger:
    pattern = t["pattern"]
    cased = bool(t.get("cased"))
    return Trigger(
        type=t["type"],
        voice=t["voice"],
        # Uncased patterns run on lower-cased text, which is faster than ignoring case.
        regex=_regex(pattern, 0),
        status=t.get("status"),
        stems=leading_stems(pattern),
        cased=cased,
        implicit_target=bool(t.get("implicit_target")),
        objects_after_match=bool(t.get("objects_after_match")),
        examples=tuple(t.get("examples") or ()),
        near_misses=tuple(t.get("near_misses") or ()),
    )


def _build(code: str, data: dict[str, Any]) -> LanguagePack:
    roles = {k: frozenset(v) for k, v in (data.get("target_roles") or {}).items()}
    roles.setdefault("default", frozenset({"platform"}))
    anaphora = tuple(
        Anaphor(
            role=role,
            regex=_regex(item["pattern"], 0),  # matched on lower-cased text
            kinds=frozenset(item.get("kinds") or ()),
            plural=bool(item.get("plural")),
            pronoun=bool(item.get("pronoun")),
            skip_kinds=frozenset(item.get("skip_kinds") or ()),
            latest_actor=bool(item.get("latest_actor")),
            state=bool(item.get("state")),
            company=bool(item.get("company")),
            not_before=_regex(item["not_before"], 0) if item.get("not_before") else None,
            unnamed=bool(item.get("unnamed")),
        )
        for role, items in (data.get("anaphora") or {}).items()
        for item in items
    )
    patterns = {
        name: _regex(data.get(key) or NEVER, _key_flags(key))
        for name, key in PATTERN_FIELDS.items()
    }
    return LanguagePack(
        code=code,
        abbreviations=frozenset(str(a).lower() for a in data.get("abbreviations") or ()),
        triggers=tuple(_trigger(t) for t in data["triggers"]),
        target_roles=roles,
        anaphora=anaphora,
        number_words={str(k).lower(): int(v) for k, v in (data.get("number_words") or {}).items()},
        week_unit=str(data.get("week_unit") or "week"),
        drops_subjects=bool(data.get("drops_subjects")),
        fronts_objects=bool(data.get("fronts_objects")),
        **patterns,
    )


# Every pattern of a pack: its field, the key the pack file gives it under (the same name
# but for two), and the patterns whose letter case matters (all others ignore it).
PATTERN_FIELDS = {
    f.name: {"announced": "announced_cues", "negation": "negation_cues"}.get(f.name, f.name)
    for f in fields(LanguagePack)
    if f.type == "re.Pattern[str]"
}
PATTERN_KEYS = frozenset(PATTERN_FIELDS.values())
CASED_KEYS = frozenset(
    {
        "platform_cues",  # service nouns introduce names only in lower case ("the app X")
        "preposition_before",  # capitalised words are the titles skipped before a name
        "list_item",  # an unknown item of a list is capitalised
        "modifier_case_after",  # the noun a state's name or adjective describes is in lower case
    }
)


@cache
def language_pack(code: str | None) -> LanguagePack:
    """The pack for `code`, falling back to English for unsupported languages."""
    code = code if code in SUPPORTED else DEFAULT
    path = LEXICONS / code / "pack.yaml"
    name, source = f"lexicons/{code}/pack.yaml", path.read_text(encoding="utf-8")
    # The checked data of the file, kept between runs (reading the YAML costs 10 to 25 ms a
    # pack), named by the file, this code and the versions of what reads and checks it.
    digest = cachefile.key(
        [
            (name, source.encode()),
            ("code", Path(__file__).read_bytes()),
            ("types", " ".join(sorted(EVENT_TYPES)).encode()),
            ("yaml", yaml.__version__.encode()),
        ],
        (),
    )
    data = cachefile.load(f"pack-{code}", digest)
    if not isinstance(data, dict):
        data = read_pack(name, source)
        cachefile.save(f"pack-{code}", digest, data)
    return _build(code, data)


class _UniqueKeys(yaml.constructor.SafeConstructor):
    """A safe constructor that refuses a key given twice (the second would silently win)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key!r} is given twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


class _UniqueKeyLoader(_UniqueKeys, yaml.SafeLoader):
    """A safe loader that refuses a key given twice."""


_LOADER: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = _UniqueKeyLoader
if yaml.__with_libyaml__:  # PyYAML built without libyaml has no CSafeLoader

    class _FastUniqueKeyLoader(_UniqueKeys, yaml.CSafeLoader):
        """The same, reading with libyaml (about ten times faster)."""

    _LOADER = _FastUniqueKeyLoader


def load_pack(code: str, name: str, source: str) -> LanguagePack:
    """Parse, check and compile a pack; `name` is how errors refer to its file."""
    return _build(code, read_pack(name, source))


def read_pack(name: str, source: str) -> dict[str, Any]:
    """Parse a pack and check it (`validate`): its data, the word lists filled in."""
    try:
        data = yaml.load(source, Loader=_LOADER)  # noqa: S506 (a safe loader)
    except yaml.YAMLError as exc:
        raise PackError(f"{name}: not valid YAML: {str(exc).splitlines()[0]}") from None
    if not isinstance(data, dict):
        raise PackError(f"{name}: top level: expected a mapping of keys")
    data = _expand(data)
    validate(name, data)
    return dict(data)


def _expand(data: Any) -> Any:
    """Patterns name a word list of the pack's `words:` as %name%, kept in one place."""
    words: dict[str, str] = data.pop("words", None) or {}

    def walk(v: Any) -> Any:
        if isinstance(v, str):
            for name, alternatives in words.items():
                v = v.replace(f"%{name}%", alternatives)
            return v
        if isinstance(v, list):
            return [walk(x) for x in v]
        if isinstance(v, dict):
            return {k: walk(x) for k, x in v.items()}
        return v

    return walk(data)
