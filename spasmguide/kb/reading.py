"""Reads a person's words as concepts: which body parts, sensations, activities and
circumstances they name, and which of those they deny or only wonder about.

The concepts and their words are the knowledge base's vocabulary (data/vocabulary.yaml), with
every region's and cause's name, aliases and lay words as the words of that region or cause.
One mechanism handles word forms and misspellings: each word is brought to a base form
(a few irregular forms, then the search's stemmer), and a longer word that matches nothing
is read as the vocabulary word it is one or two edits from, unless it is a word the guide
itself uses. Phrases match in order, within one clause, with small words (my, the, a ...)
allowed between; where phrases overlap, the longest wins, so "turn my head" is the neck and
"fell asleep" is no fall. A year before this one said as a time ("back in 2019") is long ago.

Denial follows the NegEx rules (Chapman et al. 2001; docs/decisions/016): a trigger ("no",
"without", "denies", "never had") denies the concepts in the few words after it, up to the end
of the sentence or a word that ends its reach ("but"); a few triggers deny what comes just
before them ("ruled out"); a hypothetical ("what if") reaches to the end of the sentence; a
phrase that only looks like a denial ("no longer", "can't") denies nothing. The trigger words
are concepts of the vocabulary, so a layer can add them.
"""

from __future__ import annotations

import bisect
import datetime
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from typing import NamedTuple

from spasmguide.kb.model import Concept, KnowledgeBase, built_for_latest
from spasmguide.kb.names import fold_text
from spasmguide.kb.search import STOP_WORDS, stem

# How many words after a trigger a denial reaches (NegEx's window), not counting small words.
DENIAL_WINDOW = 5
# How many words before a trigger a denial that follows its finding reaches.
DENIAL_BEFORE = 4
# Small words that may stand between the words of a phrase, and that a phrase may leave out.
FILLERS = frozenset(
    "a an the my your his her our their its this that these those of in on at to up it is was"
    " are am be been being feel feels felt feeling really very so quite bit little kind sort"
    " just all some any me i im ive got get gets getting have has had like right left"
    " ma".split()  # "ma" is Scots for "my" ("hit ma heid")
)
# Words that open a new clause after a comma: a denial does not reach past them ("no fever,
# it's just my back"), though it does reach along a list ("no fever, rash or stiff neck").
CLAUSE_OPENERS = frozenset(
    "i im ive id it its my he hes she shes they theyre we you this that just so and but then"
    " which who there theres mine his her".split()
)
# Small words a phrase may leave out when the text does not have them ("back of my thigh" is
# "back of the thigh"); a phrase of several words still needs two of them.
OPTIONAL = frozenset("a an the my your his her our their of in on at to it its this that".split())
# The group of everyday English words that lie an edit or two from a vocabulary word ("upright"
# and "uptight", "heard" and "heart"): they are spelt as meant and are never corrected.
EVERYDAY = "everyday word"
# The group of words that name who did something (I, he, my son): they are not read as a
# meaning of their own, only to place a concept that counts after them (`after`).
DOER = "doer"
# Words that make a thing, not a person, the one doing what follows ("it hurt my head", "that
# hurts my head"): a concept read after a doer is not read past them.
THING_DOERS = frozenset("it its that this which what".split())
# Something that happened (a fall, a blow, a crash): "fine" or "okay" after it says how the
# person is now, never that it did not happen ("hit my head but I seem fine").
EVENT_GROUPS = frozenset({"wound"})
# Pronouns that begin a new statement with its own subject ("no numbness and I can't pee"): once
# a denial has reached a finding, it does not reach past one of these to a later finding.
SUBJECTS = frozenset({"i", "im", "ive", "id", "he", "she", "we", "they"})
# Words that send a sensation on to another place ("tingles down the back of my thigh"): the
# sensation is then of that place, not of the one named before it.
DIRECTIONS = frozenset({"down", "into", "along", "through", "toward", "towards", "across"})
# How many words a direction word and then its place may be from the sensation.
DIRECTION_REACH = 4
# Irregular word forms the stemmer cannot bring together.
IRREGULAR = {
    "fell": "fall", "fallen": "fall", "ran": "run", "threw": "throw", "thrown": "throw",
    "woke": "wake", "woken": "wake", "slept": "sleep", "bitten": "bite",
    "stood": "stand", "sat": "sit", "lain": "lie", "felt": "feel", "peed": "pee",
    "froze": "freeze", "frozen": "freeze", "swam": "swim", "rode": "ride", "ridden": "ride",
    "broke": "break", "broken": "break", "tore": "tear", "torn": "tear", "caught": "catch",
    "gave": "give", "given": "give", "came": "come", "went": "go", "gone": "go",
    "did": "do", "done": "do", "took": "take", "taken": "take", "drank": "drink",
    "drunk": "drink", "ate": "eat", "eaten": "eat", "hurt": "hurt", "shot": "shoot",
    "flew": "fly", "flown": "fly", "began": "begin", "begun": "begin", "lost": "lose",
    "knelt": "kneel", "dug": "dig", "swung": "swing", "slid": "slide", "stuck": "stuck",
    "seized": "seize", "calves": "calf", "feet": "foot", "teeth": "tooth", "ached": "ache",
    "wouldn": "would", "couldn": "could", "shouldn": "should", "cant": "can",
    "wont": "will", "dont": "do", "doesnt": "does", "didnt": "did", "isnt": "is",
    "arent": "are", "wasnt": "was", "havent": "have", "hasnt": "has",
    "colour": "color", "coloured": "color", "colored": "color", "grey": "gray",
    "dove": "dive", "heid": "head",
    "hes": "he", "shes": "she", "im": "i", "ive": "i", "theyre": "they", "youre": "you",
}  # fmt: skip
# Apostrophe-less contractions are read like the spelt-out ones ("cant" = "can not").
_NOT_WORDS = frozenset({"cant", "wont", "dont", "doesnt", "didnt", "isnt", "arent", "wasnt",
                        "havent", "hasnt", "couldnt", "wouldnt", "shouldnt", "cannot",
                        "cnt", "carnt"})  # fmt: skip
# The word before "not" in those whose head is not the word less its "nt" ("didnt" is "did").
_NOT_HEADS = {"cant": "can", "cannot": "can", "cnt": "can", "carnt": "can", "wont": "will"}
# Scots negatives ("cannae", "didnae") are read as the English ones.
_SCOTS_NOT = {"cannae": "can", "canna": "can", "dinnae": "do", "didnae": "did", "isnae": "is",
              "wasnae": "was", "wouldnae": "would", "couldnae": "could", "willnae": "will",
              "widnae": "would", "wullnae": "will", "havnae": "have", "hasnae": "has"}  # fmt: skip
# A contraction is read as its words ("can't" is "can not", "I'm" is "I") but shown as written.
_NEGATED_HEADS = {"can": "can", "won": "will", "shan": "shall", "ain": "is"}
_WORD = re.compile(r"[^\W_]+(?:'(?:t|m|re|ve|ll|d)\b)?")
_SPELLING_WORD = re.compile(r"[^\W_]+")
_SENTENCE_END = re.compile(r"[.!?;\n]+|\s-\s|:")
# A person's age said as "he's 70", "dad is 69", "she's about 80": the person, then the number,
# and no unit after it (so "she's 102 degrees" and "he is 70 kg" are no ages).
_AGED_PERSON = (
    r"(?:he|she|they|dad|mum|mom|nan|nana|nanna|gran|granny|grandad|granddad|grandpa|grandma"
    r"|grandmother|grandfather|father|mother|husband|wife|partner|uncle|aunt|auntie|neighbour"
    r"|neighbor)(?:'s|s|\s+is|\s+was)?"
)
_ABOUT = r"(?:about\s+|nearly\s+|almost\s+|over\s+|only\s+|just\s+)?"
_NO_UNIT = (
    r"(?![.,]\d|\s*(?:%|degrees|deg\b|mph|kph|km|miles?|metres?|meters?|m\b|feet|ft\b|stairs"
    r"|steps|minutes|mins?\b|hours?|hrs?\b|kg|kilos?|lbs?\b|pounds|stone|st\b|c\b|f\b|weeks?"
    r"|months?|days?|times|percent))"
)
_AGE = re.compile(
    rf"\b{_AGED_PERSON}\s*\(\s*(\d{{2,3}})\s*\)"
    rf"|\b(?:i am|i'm|im|aged|age|am)\s+{_ABOUT}(\d{{2,3}})\b{_NO_UNIT}"
    r"|\b(\d{1,3})\s*(?:years? old|yrs? old|yo|y/o)\b"
    r"|\b(\d{2,3})-year-old\b|\bin (?:my|his|her|their) ([5-9])0s\b"
    rf"|\b{_AGED_PERSON}\s+{_ABOUT}(\d{{2,3}})\b{_NO_UNIT}"
    # A child's age in one figure after the child: "he is 4", "my son is 7", "she's 9".
    rf"|\b(?:he|she|son|daughter|boy|girl|kid)(?:'s|s|\s+is|\s+was)\s+(\d)\b(?!\s*(?:foot|feet|ft\b|inch))"
    rf"{_NO_UNIT}"
)
# A blow from any object said by its construction rather than by the object's name: taking,
# getting or catching a thing "to the head", being hit with a thing on, over or in the head,
# and being glassed or bottled. "Got a pain in the head" and "a glass of water" are neither.
_OWNER = r"(?:the|his|her|my|their|your|our|a)"
_HEAD = (
    rf"{_OWNER}\s+(?:(?:side|back|top|front|crown|base)\s+of\s+{_OWNER}\s+)?"
    r"(?:[a-z]+(?:'s|s'|s)\s+)?(?:head|skull|forehead|temple|face)\b(?!\s+of\b)"
)
_THING = r"(?:a|an|the|some|one|his|her|their|my|your)\s+(?:[a-z-]+\s+){0,2}?[a-z-]+"
# Hard things that strike, for a blow said with no verb ("a hockey stick to the head").
_HARD = (
    r"(?:stick|bat|club|bottle|brick|stone|rock|racket|racquet|pole|plank|hammer|pipe|bar"
    r"|glass|chair|shoe|fist|knee|elbow|boot|ball|puck|branch|spanner|crowbar|baton|tile)"
)
_BLOW = re.compile(
    rf"\b(?:took|take|takes|taking|got|get|gets|getting|caught|catch|catches|catching|copped)"
    rf"\s+{_THING}\s+(?:to|in|on|round|across)\s+{_HEAD}"
    rf"|\b(?:hit|struck|smacked|whacked|bashed|thumped|clobbered|belted|walloped|clouted)"
    rf"(?:\s+(?:me|him|her|them|us))?\s+with\s+{_THING}\s+(?:on|over|in|round|across)\s+{_HEAD}"
    rf"|\bby\s+{_THING}\s+(?:on|over|in|to|round|across)\s+{_HEAD}"
    rf"|\b(?:a|an)\s+(?:[a-z-]+\s+)?{_HARD}\s+(?:to|in|on|over|round|across)\s+{_HEAD}"
    r"|\b(?:glassed|(?:got|been|was|were|get|gets|getting)\s+bottled)\b"
    # struck on, over or round the head, whoever struck ("cracked round the head with a bar",
    # "stamped on his head")
    rf"|\b(?:hit|struck|smacked|whacked|bashed|thumped|clobbered|belted|walloped|clouted"
    rf"|cracked|slapped|punched|kicked|kneed|elbowed|stamped|stomped|booted|battered|bopped)"
    rf"(?:\s+(?:me|him|her|them|us))?\s+(?:on|over|in|round|around|across|about)\s+{_HEAD}"
    # a thing broken or brought down over the head ("smashed a glass over his head")
    rf"|\b(?:smashed|broke|cracked|slammed|brought\s+down)\s+{_THING}\s+(?:over|on|onto|across)"
    rf"\s+{_HEAD}"
    # walking or running into a thing head first ("walked into the door with my forehead")
    rf"|\b(?:walked|walking|ran|running|run|bumped|banged|crashed|went|smacked|slammed)"
    rf"\s+(?:straight\s+|right\s+|headfirst\s+)?into\s+(?:[a-z'-]+\s+){{1,8}}?with\s+{_HEAD}"
    r"(?!\s+(?:held|high|up|down|bowed|hung|lowered|raised)\b)"
)
# A fall or a road accident said with its size: stairs or steps fallen down, a height fallen
# from, a speed hit at. NICE NG232 counts a fall from more than 1 metre or down more than
# 5 stairs, and a high-speed road accident, as a high-energy (dangerous) mechanism; the NHS
# service pages send a fall from over a metre or five stairs, or a hit at speed, to 999.
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "dozen": 12, "hundred": 100,
}  # fmt: skip
_MEASURE = re.compile(
    r"\b(\d{1,3}(?:\.\d)?|" + "|".join(_NUMBER_WORDS) + r")(?:\s*-\s*|\s+(?:[a-z]+\s+){1,2}|\s*)"
    r"(stairs|stair|steps|metres|metre|meters|meter|m|feet|foot|ft|mph|miles an hour"
    r"|miles per hour|km/h|kmh|kph|km an hour|kilometres an hour)\b"
)


def _number_said(word: str) -> float:
    """A number written in figures ("12", "2.5") or in words ("twelve")."""
    return float(_NUMBER_WORDS.get(word, 0) or word)


# The smallest size that counts, by unit: more than 5 stairs or 1 metre (3 feet) fallen; a
# speed of 30 miles (50 km) an hour or more.
_MEASURE_LEAST = {"stair": 6, "metre": 1.01, "foot": 4, "mile": 30, "km": 50}
# A stair, step or height counts after one of these in the same clause (a fall down or from
# it, not "I climbed 12 stairs"); a speed counts anywhere (it is said of a vehicle).
_FALL_KEYS = frozenset("fall tumbl trip slip drop come throw jump off".split())
_FALL_REACH = 8
MAJOR_TRAUMA = "major-trauma"
# One's own hands put to the head are no blow ("he took his hands to his head"), nor is a
# thing worn, put on or felt in the head ("got a hat on my head", "got a pain in the head").
_HAND_WORDS = frozenset("hand hands finger fingers palm palms".split())
_POSSESSIVES = frozenset("his her my their your our own".split())
_OWN_HANDS = frozenset(
    "pain pains ache aches headache pressure idea ideas"
    " thought thoughts feeling song tune voice voices noise buzzing ringing hat cap hood helmet"
    " bandage plaster towel headband scarf wig hair itch rash spot spots dandruff cold".split()
)
HEAD_INJURY = "head-injury"
# The entries whose words count as spelt right (the others are long and add few words).
SPELLING_KINDS = ("regions", "causes", "red_flags", "techniques", "safety")
OLDER_AGE = 50
# An age under 16 said as a number ("my 3 year old") is a child's (`child`).
CHILD_AGE, CHILD = 16, "child"
# NICE NG41's age for a neck at high risk after an injury; older-age stands for it too.
AGED_65 = "aged-65"
YOUNGER_AGE = 20


def base_form(word: str) -> str:
    """The form a word is compared in: irregular forms first, then the search's stemmer."""
    word = IRREGULAR.get(word, word)
    based = stem(word)
    if len(based) > 3 and based.endswith("i") and not word.endswith("i"):
        based = based[:-1] + "y"  # carried -> carri -> carry, as carries -> carry
    if len(based) == 4 and based.endswith("e") and based.isalpha():
        based = based[:-1]  # ache and aching, come and coming meet (the stemmer drops -ing)
    return based


@lru_cache(maxsize=32768)
def _base(word: str) -> str:
    return base_form(word)


class Token(NamedTuple):
    word: str  # as written, folded, a contraction spelt out ("can't" is "can" then "not")
    key: str  # its base form, or the vocabulary word a misspelling stands for
    sentence: int
    start: int  # where it begins in the text read
    clause: int = 0  # commas split a sentence into clauses
    written: str | None = None  # the person's own word when it differs ("can't"); "" for none


def _folded(text: str) -> str:
    """`text` folded as names are, apostrophes made plain; plain lowercase ASCII (most of the
    vocabulary) takes a short path."""
    plain = text.isascii() and "'" not in text
    folded = text.lower() if plain else fold_text(text.replace("\u2019", "'"))
    return folded


def shown(token: Token) -> str:
    """A word as the person wrote it."""
    return token.word if token.written is None else token.written


def tokens_of(text: str) -> list[Token]:
    """The words of `text` with their base forms, the sentence each is in, and its place."""
    folded = _folded(text)
    tokens = []
    sentence = clause = 0
    last = 0
    for found in _WORD.finditer(folded):
        if found.start() - last > 1 or (last and folded[last] != " "):
            between = folded[last : found.start()]
            ends = len(_SENTENCE_END.findall(between))
            sentence += ends
            clause += ends + between.count(",")
        last = found.end()
        word = found.group()
        if "'" in word:
            head, tail = word.split("'")
            if tail != "t":  # I'm, we're, I've, it'll, I'd: read as the word before
                tokens.append(Token(head, _base(head), sentence, found.start(), clause, word))
                continue
            head = _NEGATED_HEADS.get(head, head[:-1])
            tokens.append(Token(head, _base(head), sentence, found.start(), clause, word))
            tokens.append(Token("not", "not", sentence, found.start(), clause, ""))
            continue
        if word in _NOT_WORDS or word in _SCOTS_NOT:
            head = _SCOTS_NOT.get(word) or _NOT_HEADS.get(word, word[:-2])
            tokens.append(Token(head, _base(head), sentence, found.start(), clause, word))
            tokens.append(Token("not", "not", sentence, found.start(), clause, ""))
            continue
        tokens.append(Token(word, _base(word), sentence, found.start(), clause))
    return tokens


def phrase_keys(phrase: str) -> tuple[str, ...]:
    return tuple(token.key for token in tokens_of(phrase))


class Phrase(NamedTuple):
    keys: tuple[str, ...]
    text: str
    concepts: tuple[str, ...]  # concept ids; regions and causes as "region:ID", "cause:ID"
    # The words each concept wrote for these keys, in the order of `concepts` (empty for a
    # phrase made by the reader): "thump head" and "thumping head" share their keys.
    written: tuple[frozenset[tuple[str, ...]], ...] = ()


class Lexicon(NamedTuple):
    """The vocabulary compiled for reading: phrases by their first word, and the words a
    misspelling may stand for."""

    by_first: Mapping[str, tuple[Phrase, ...]]
    words: tuple[str, ...]  # every single vocabulary word as written (for misspellings)
    keys: frozenset[str]  # every base form the vocabulary uses
    concepts: Mapping[str, Concept]
    members: Mapping[str, frozenset[str]]  # a concept and every concept it stands for
    places: Mapping[str, tuple[str, ...]]  # one-word body parts by their first letter
    spelt: frozenset[str] = frozenset()  # everyday words, never read as misspellings
    # every vocabulary word as written, of any length: a short word is taken as meant only
    # when written so, not when it merely shares a stem ("bak" of "baking" is no word)
    as_written: frozenset[str] = frozenset()


def phrases_of(kb: KnowledgeBase) -> Iterator[tuple[str, str]]:
    """Every (phrase, concept id) the guide reads: the vocabulary's words, and each region's
    and cause's id, name, aliases and lay words; a warning sign without a pattern is read by
    its lay words."""
    for concept in kb.vocabulary.values():
        if concept.group in (EVERYDAY, DOER):
            continue
        for word in concept.words:
            yield word, concept.id
    for kind, collection in (("region", kb.regions), ("cause", kb.causes)):
        for entry in collection.values():
            for phrase in (entry.id.replace("-", " "), entry.name, *entry.aliases,
                           *entry.lay_terms):  # fmt: skip
                yield phrase, f"{kind}:{entry.id}"
    for flag in kb.red_flags.values():
        if not flag.pattern:
            for phrase in flag.lay_terms:
                yield phrase, f"flag:{flag.id}"


@built_for_latest
def lexicon(kb: KnowledgeBase) -> Lexicon:
    grouped: dict[tuple[str, ...], dict[str, object]] = {}
    words: set[str] = set()
    for phrase, concept_id in phrases_of(kb):
        tokens = tokens_of(phrase)
        keys = tuple(token.key for token in tokens)
        if not keys:
            continue
        entry = grouped.setdefault(keys, {"text": phrase, "concepts": [], "written": {}})
        concepts = entry["concepts"]
        assert isinstance(concepts, list)
        if concept_id not in concepts:
            concepts.append(concept_id)
        written = entry["written"]
        assert isinstance(written, dict)
        written.setdefault(concept_id, set()).add(_words_of(tokens))
        words.update(token.word for token in tokens)
    by_first: dict[str, list[Phrase]] = {}
    for keys, entry in grouped.items():
        concepts, written = entry["concepts"], entry["written"]
        assert isinstance(concepts, list) and isinstance(written, dict)
        forms = tuple(frozenset(written[cid]) for cid in concepts)
        by_first.setdefault(keys[0], []).append(
            Phrase(keys, str(entry["text"]), tuple(concepts), forms)
        )
    members = {cid: frozenset(_members(kb, cid, set())) for cid in kb.vocabulary}
    places: dict[str, set[str]] = {}
    for concept in kb.vocabulary.values():
        if concept.group == "body part":
            for word in concept.words:
                if word.isalpha() and 4 <= len(word) <= 5:
                    places.setdefault(word[0], set()).add(word)
    built = Lexicon(
        {key: tuple(sorted(found, key=lambda p: -len(p.keys))) for key, found in by_first.items()},
        tuple(sorted(word for word in words if len(word) >= 5 and word.isalpha())),
        frozenset(key for keys in grouped for key in keys),
        kb.vocabulary,
        members,
        {letter: tuple(sorted(words)) for letter, words in places.items()},
        frozenset(
            word
            for concept in kb.vocabulary.values()
            if concept.group == EVERYDAY
            for word in concept.words
        ),
        frozenset(words),
    )
    return built


def _members(kb: KnowledgeBase, concept_id: str, seen: set[str]) -> set[str]:
    """A concept and every narrower concept it stands for (a loop is read once)."""
    if concept_id in seen or concept_id not in kb.vocabulary:
        return set()
    seen.add(concept_id)
    found = {concept_id}
    for inner in kb.vocabulary[concept_id].includes:
        found |= _members(kb, inner, seen)
    return found


@built_for_latest
def _guide_words(kb: KnowledgeBase) -> frozenset[str]:
    """Every word the guide itself uses in its regions, causes, warning signs, techniques and
    front matter: a word found there is spelt as meant and is never read as a misspelling."""
    words: set[str] = set()
    entries = [entry for kind in SPELLING_KINDS for entry in kb.collection(kind).values()]
    texts: list[str] = []
    for entry in (*entries, kb.guide):
        _texts_of_record(entry, texts)
    # Folded text by text: most are plain ASCII, which folds fast; a whole guide joined would
    # take the slow Unicode path for one accented point name.
    plain = [text for text in texts if text.isascii()]
    words.update(_SPELLING_WORD.findall(fold_text(" ".join(plain))))
    for text in texts:
        if not text.isascii():
            words.update(_SPELLING_WORD.findall(fold_text(text)))
    return frozenset(words)


def _one_letter_more(short: str, long: str) -> bool:
    """Whether `long` is `short` with one letter put in ("nek" and "neck")."""
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _texts_of_record(value: object, texts: list[str]) -> None:
    if isinstance(value, str):
        texts.append(value)
    elif isinstance(value, tuple):  # a record or a list of values
        for item in value:
            _texts_of_record(item, texts)


# The words for a pain or spasm that a body word may be run into ("chestpain", "backache").
PAIN_WORDS = frozenset({"pain", "pains", "ache", "aches", "cramp", "cramps", "spasm", "spasms"})


def _swaps(word: str) -> set[str]:
    """`word` with each two neighbouring letters swapped ("pian" gives "ipan", "pain" and
    "pina"; "bakc" gives "back"), itself among them where two neighbours are the same."""
    return {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}


def _short_unknown(token: Token, lex: Lexicon) -> bool:
    """A word of three or four letters the vocabulary does not write ("bak" only shares the
    stem of "baking")."""
    return (
        3 <= len(token.word) <= 4
        and token.word.isalpha()
        and (
            token.key not in lex.keys or (bool(lex.as_written) and token.word not in lex.as_written)
        )
    )


def _is_place(word: str, lex: Lexicon) -> bool:
    """Whether `word` is a one-word body part of the vocabulary."""
    return word in lex.places.get(word[:1], ())


def _joined(token: Token, lex: Lexicon) -> tuple[Token, Token] | None:
    """`token` as the two vocabulary words it runs together, when they make a phrase of it."""
    word = token.word
    if len(word) < 6 or not word.isalpha() or token.key in lex.keys or word in lex.spelt:
        return None
    for cut in range(3, len(word) - 2):
        head, tail = word[:cut], word[cut:]
        if head not in lex.as_written:
            continue
        if tail not in lex.as_written:  # three words run together ("lowerbackpain")
            rest = _joined(token._replace(word=tail, key=_base(tail)), lex)
            if rest is None:
                continue
            tail = rest[0].word
        keys = (_base(head), _base(tail))
        if not (_is_place(head, lex) or _is_place(tail, lex)):
            continue  # only a body word run into its neighbour ("knockout" stays a knockout)
        if any(phrase.keys[:2] == keys for phrase in lex.by_first.get(keys[0], ())) or (
            _is_place(head, lex) and tail in PAIN_WORDS  # "chestpain", "neckache"
        ):
            return (
                token._replace(word=head, key=keys[0], written=word),
                token._replace(
                    word=word[cut:], key=_base(word[cut:]), start=token.start + cut, written=""
                ),
            )
    return None


def split_joined(tokens: list[Token], lex: Lexicon) -> list[Token]:
    """A word the vocabulary does not know that is two of its words run together, where the
    two make a phrase of it ("lowerback", "backpain" are "lower back", "back pain"), read as
    those two words; the first keeps what was written."""
    split: list[Token] = []
    for token in tokens:
        parts = _joined(token, lex)
        while parts is not None:
            split.append(parts[0])
            token = parts[1]
            parts = _joined(token, lex)
        split.append(token)
    return split


def correct_spelling(kb: KnowledgeBase, tokens: list[Token], lex: Lexicon) -> list[Token]:
    """Each longer word the vocabulary does not know, read as the vocabulary word one edit
    away (two for words of eight letters or more; two neighbouring letters swapped count as
    one), beginning with the same letter, the one that makes a phrase with its neighbour
    first when several are as near; a short
    word, as the one body part it is with a letter left out ("nek") or two neighbouring
    letters swapped ("bakc"); two words run together ("lowerback") as those two; never a word
    the guide itself uses."""
    tokens = split_joined(tokens, lex)
    unknown = [
        number
        for number, token in enumerate(tokens)
        if len(token.word) >= 5 and token.word.isalpha() and token.key not in lex.keys
    ]
    short = [t for t in tokens if _short_unknown(t, lex)]
    if not unknown and not short:
        return tokens
    from rapidfuzz import process
    from rapidfuzz.distance import OSA, Levenshtein

    known = _guide_words(kb)
    corrected = list(tokens)
    for number, token in enumerate(tokens):
        if (
            _short_unknown(token, lex)
            and token.word not in FILLERS
            and token.word not in STOP_WORDS
        ):
            places = lex.places.get(token.word[0], ())
            swapped = _swaps(token.word)
            near = [word for word in places if (len(word) == len(token.word) + 1
                    and _one_letter_more(token.word, word))
                    or word in swapped]  # fmt: skip
            if not near:
                # Any word of the guide's with two neighbouring letters swapped ("pian"), the
                # first letter kept: the swaps are made and looked up, not the words scanned.
                near = sorted(
                    word for word in swapped if word[0] == token.word[0] and word in lex.as_written
                )
            if len(near) == 1 and token.word not in known and token.word not in lex.spelt:
                # Read as the word it was meant to be, in that form ("lges" is "legs").
                corrected[number] = token._replace(
                    word=near[0], key=_base(near[0]), written=token.written or token.word
                )
    tied: dict[int, list[str]] = {}
    for number in unknown:
        token = tokens[number]
        if token.word in known or token.word in lex.spelt:
            continue
        limit = 2 if len(token.word) >= 8 else 1
        candidates = [word for word in lex.words if word[0] == token.word[0]]
        # Two neighbouring letters swapped ("siezure", "stroek") count as one edit.
        found = process.extract(
            token.word, candidates, scorer=OSA.distance, score_cutoff=limit, limit=None
        )
        if found:
            nearest = min(score for _, score, _ in found)
            # Of words as near, one without a swap first ("wrost" is the wrist), unless a
            # neighbour says otherwise (below).
            tied[number] = sorted(
                (word for word, score, _ in found if score == nearest),
                key=lambda word: Levenshtein.distance(token.word, word),
            )
            corrected[number] = token._replace(key=_base(tied[number][0]))
    if any(len(words) > 1 for words in tied.values()):
        pairs = _word_pairs(lex)
        for number, words in tied.items():
            # Of words as near, the one that makes a phrase of the guide with the word before
            # or after it ("wrost hedache" is "worst headache", not "wrist headache").
            before = corrected[number - 1].key if number > 0 else None
            after = corrected[number + 1].key if number + 1 < len(corrected) else None
            for word in words:
                key = _base(word)
                if (before, key) in pairs or (key, after) in pairs:
                    corrected[number] = tokens[number]._replace(key=key)
                    break
    return corrected


def _word_pairs(lex: Lexicon) -> frozenset[tuple[str, str]]:
    """Every two neighbouring base forms in a phrase of the vocabulary."""
    return frozenset(
        pair
        for phrases in lex.by_first.values()
        for phrase in phrases
        for pair in itertools.pairwise(phrase.keys)
    )


class Found(NamedTuple):
    """A phrase of the vocabulary found in the text."""

    first: int  # index of its first token
    last: int  # index of its last token
    phrase: Phrase
    words: str  # the words of the text it covers
    sentence: int
    denied: bool = False
    # Denied only by a what-if or a question about signs ("how do I know if it's meningitis"):
    # not happening, yet a condition named so is one to show the signs of.
    wondered: bool = False
    toward: tuple[str, ...] = ()  # a sensation said to run to a place: that place's concepts


def _match(tokens: list[Token], at: int, keys: tuple[str, ...]) -> int | None:
    """The index of the last token of `keys` found from `at`, small words allowed between
    and small words of the phrase allowed to be missing, all in one clause ("landed on my
    side, neck sore" is no side of the neck); None when it is not there."""
    position, wanted, skipped, last, matched = at, 0, 0, None, 0
    clause = tokens[at].clause
    while wanted < len(keys):
        if (
            position < len(tokens)
            and tokens[position].key == keys[wanted]
            and tokens[position].clause == clause
        ):
            last, position, wanted, skipped = position, position + 1, wanted + 1, 0
            matched += 1
        elif keys[wanted] in OPTIONAL and wanted > 0:
            wanted += 1
        elif (
            position < len(tokens)
            and wanted > 0
            and tokens[position].word in FILLERS
            and skipped < 3
            and tokens[position].sentence == tokens[at].sentence
        ):
            position, skipped = position + 1, skipped + 1
        else:
            return None
    return last if matched >= min(2, len(keys)) else None


def find_phrases(tokens: list[Token], lex: Lexicon) -> list[Found]:
    """Every phrase in the text, the longest first where they overlap (phrases over exactly
    the same words are all kept: one phrase can say several things). The vocabulary's
    phrases are found first; a region's or cause's own name or lay words are found beside
    them, except inside a longer phrase of the vocabulary ("turn my head" is no head)."""
    vocabulary: list[tuple[int, int, Phrase]] = []
    names: list[tuple[int, int, Phrase]] = []
    for at, token in enumerate(tokens):
        for phrase in lex.by_first.get(token.key, ()):
            last = _match(tokens, at, phrase.keys)
            if last is not None:
                placed = tuple(
                    c for c in phrase.concepts if _placed(tokens, at, last, lex, c, phrase.keys)
                )
                if not placed:
                    continue
                phrase = _only(phrase, placed)
                own = any(cid in lex.concepts for cid in phrase.concepts)
                (vocabulary if own else names).append((at, last, phrase))
    vocabulary = _as_written(tokens, vocabulary, lex)
    kept = _longest(tokens, vocabulary, {})
    kept += _places_inside(tokens, kept, vocabulary, lex)
    spans = [(f.first, f.last, len(f.phrase.keys)) for f in kept]
    names = [
        (first, last, phrase)
        for first, last, phrase in names
        if not any(a <= first and last <= b and size > len(phrase.keys) for a, b, size in spans)
    ]
    kept += _longest(tokens, names, {})
    kept.sort(key=lambda found: (found.first, found.last))
    return kept


def _only(phrase: Phrase, concepts: tuple[str, ...]) -> Phrase:
    """The phrase read as these of its concepts only, with their written words."""
    if not phrase.written:
        return phrase._replace(concepts=concepts)
    written = dict(zip(phrase.concepts, phrase.written, strict=True))
    return phrase._replace(concepts=concepts, written=tuple(written[cid] for cid in concepts))


def _words_of(tokens: Iterable[Token]) -> tuple[str, ...]:
    return tuple(token.word for token in tokens)


def _as_written(
    tokens: list[Token], candidates: list[tuple[int, int, Phrase]], lex: Lexicon
) -> list[tuple[int, int, Phrase]]:
    """Where an "-ing" word is read over the same words by several phrases and some concept
    wrote those words as they stand, an event (a blow, a fall) that reaches them only through
    a word's stem is not read there: "a thumping head" is an ache (written so by the ache),
    not a blow ("thump head", "thump on head"). "Banging his head" keeps both readings, and a
    concept that is no event keeps its reading ("passing out" is still fainting)."""
    by_span: dict[tuple[int, int], list[int]] = {}
    for number, (first, last, _) in enumerate(candidates):
        by_span.setdefault((first, last), []).append(number)
    kept = list(candidates)
    for (first, last), numbers in by_span.items():
        said = _words_of(tokens[first : last + 1])
        if not any(word.endswith("ing") for word in said):
            continue
        phrases = [candidates[number][2] for number in numbers]
        exact = {
            cid
            for phrase in phrases
            for cid, forms in zip(phrase.concepts, phrase.written, strict=True)
            if said in forms
        }
        if not exact:
            continue
        for number in numbers:
            phrase = candidates[number][2]
            concepts = tuple(
                cid
                for cid in phrase.concepts
                if cid in exact
                or cid not in lex.concepts
                or lex.concepts[cid].group not in EVENT_GROUPS
            )
            kept[number] = (first, last, _only(phrase, concepts))
    return [candidate for candidate in kept if candidate[2].concepts]


def _placed(
    tokens: list[Token],
    first: int,
    last: int,
    lex: Lexicon,
    concept_id: str,
    keys: tuple[str, ...] = (),
) -> bool:
    """Whether a concept's phrase found over `first`..`last` counts where it stands: in the
    forms written when the concept says so (`forms`: "hurt", not "hurts"), ending on the
    phrase's own last word ("is out of it", not "is out cold"), and after one
    of its doers in the same clause when it has them (`after`: "I fell and hurt my head", not
    "it hurt my head" nor "reading hurt my head")."""
    concept = lex.concepts.get(concept_id)
    if concept is None:
        return True
    if concept.forms == "written":
        written = _written_words(concept.words)
        if any(
            token.word not in written and token.word not in FILLERS
            for token in tokens[first : last + 1]
        ):
            return False
        if keys and tokens[last].key != keys[-1]:
            return False
    if concept.after:
        doers = _after_keys(lex, concept.after)
        here = tokens[first]
        for token in reversed(tokens[:first]):
            if token.sentence != here.sentence or token.clause != here.clause:
                return _opens_after(tokens, first, lex, concept.after)
            if token.word in THING_DOERS:
                return False
            if token.key in doers:
                return True
        return all(token.word in FILLERS for token in tokens[:first])
    return True


def _opens_after(tokens: list[Token], first: int, lex: Lexicon, after: tuple[str, ...]) -> bool:
    """Whether a phrase that opens its clause or sentence, in a note ("Dad fell over. Hurt his
    head."), follows one of the concepts it counts after that are not doers (a fall) in the
    clause or sentence just before it, with no "it", "that" or "this" between; or opens the
    whole message, the one hurt left unsaid ("hurt my head on the cupboard")."""
    here = tokens[first]
    if any(
        token.sentence == here.sentence
        and token.clause == here.clause
        and token.word not in FILLERS
        for token in tokens[:first]
    ):
        return False
    events = _after_keys(lex, after, doers=False)
    before = [token for token in tokens[:first] if token.sentence < here.sentence
              or token.clause < here.clause]  # fmt: skip
    if not before:
        return True
    last = before[-1]
    for token in reversed(before):
        if (token.sentence, token.clause) != (last.sentence, last.clause):
            return False
        if token.word in THING_DOERS:
            return False
        if token.key in events:
            return True
    return False


def _after_keys(lex: Lexicon, after: tuple[str, ...], *, doers: bool = True) -> frozenset[str]:
    """The one-word keys of the concepts a concept counts after, and of the narrower concepts
    they stand for (without the doers, such as
    "I" or "my son", when `doers` is false: only the events, such as a fall)."""
    return _keys_of(
        tuple(
            word
            for cid in after
            if cid in lex.concepts and (doers or lex.concepts[cid].group != DOER)
            for member in sorted(lex.members.get(cid, {cid}))
            for word in lex.concepts[member].words
        )
    )


@lru_cache(maxsize=256)
def _keys_of(words: tuple[str, ...]) -> frozenset[str]:
    """The base forms of the one-word words among `words` (a doer is said in one word)."""
    return frozenset(keys[0] for keys in map(phrase_keys, words) if len(keys) == 1)


@lru_cache(maxsize=256)
def _written_words(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(token.word for word in words for token in tokens_of(word))


def _places_inside(
    tokens: list[Token],
    kept: list[Found],
    candidates: list[tuple[int, int, Phrase]],
    lex: Lexicon,
) -> list[Found]:
    """Body parts named inside a longer phrase that says how they feel ("my jaw locks", "the
    worst headache") or which one ("one calf"): the phrase still names the place. Not inside
    a phrase that is itself a region's place ("turn my head" is the neck), a kind of exercise
    ("leg day") or a fixed expression."""

    def groups(phrase: Phrase) -> set[str]:
        return {lex.concepts[c].group for c in phrase.concepts if c in lex.concepts}

    def is_place(phrase: Phrase) -> bool:
        return any(c in lex.concepts and lex.concepts[c].region for c in phrase.concepts)

    by_start: dict[int, list[tuple[int, int, Phrase]]] = {}
    for candidate in candidates:
        by_start.setdefault(candidate[0], []).append(candidate)
    inner = []
    for outer in kept:
        said_of_a_place = {
            "sensation", "symptom", "time course", "colour or comparison", "wound", "activity"
        }  # fmt: skip
        if is_place(outer.phrase) or not (
            groups(outer.phrase) & said_of_a_place or groups(outer.phrase) == {"body part"}
        ):
            continue
        inner += [
            (first, last, phrase)
            for position in range(outer.first, outer.last + 1)
            for first, last, phrase in by_start.get(position, ())
            if last <= outer.last
            and (first, last) != (outer.first, outer.last)
            and groups(phrase) == {"body part"}
        ]
    return _longest(tokens, inner, {})


def _longest(
    tokens: list[Token],
    candidates: list[tuple[int, int, Phrase]],
    taken: dict[int, tuple[int, int]],
) -> list[Found]:
    candidates.sort(key=lambda c: (-len(c[2].keys), -(c[1] - c[0]), c[0]))
    kept: list[Found] = []
    for first, last, phrase in candidates:
        span = (first, last)
        owners = {taken.get(index) for index in range(first, last + 1)} - {None}
        if owners and owners != {span}:
            continue
        for index in range(first, last + 1):
            taken[index] = span
        words = " ".join(shown(token) for token in tokens[first : last + 1] if shown(token))
        kept.append(Found(first, last, phrase, words, tokens[first].sentence))
    return kept


def _group(lex: Lexicon, found: Found) -> set[str]:
    return {lex.concepts[cid].group for cid in found.phrase.concepts if cid in lex.concepts}


def apply_denial(tokens: list[Token], found: list[Found], lex: Lexicon) -> list[Found]:
    """Marks the phrases a denial or a what-if reaches (NegEx: the trigger's window, up to
    the end of the sentence or a word that ends its reach). `found` is in text order."""
    denied: set[int] = set()
    negated: set[int] = set()  # reached by a denial, not only by a what-if
    groups = [_group(lex, f) for f in found]
    for number, trigger in enumerate(found):
        if groups[number] & {"pseudo-negation"}:
            continue
        if groups[number] & {"negation", "hypothetical"}:
            window = 10**6 if "hypothetical" in groups[number] else DENIAL_WINDOW
            reached = denied if "hypothetical" in groups[number] else negated
            reach = _reach_forward(tokens, trigger.last + 1, len(tokens), window)
            spent = _spent_in_clause(tokens, found, number)
            reached_to = None  # the last token of the last finding this trigger reached
            for other_number in range(number + 1, len(found)):
                other = found[other_number]
                if other.first >= reach or other.sentence != trigger.sentence:
                    break
                if spent and tokens[other.first].clause != tokens[trigger.last].clause:
                    break  # "didn't even feel it happen, neck really hurts"
                if other.first <= trigger.last:
                    continue  # over the trigger's own words
                if groups[other_number] & {"end of scope", "affirmation after"}:
                    break
                if reached_to is not None and _new_subject(tokens, found, reached_to, other.first):
                    break  # "no numbness down below and I can't pee": a new statement
                reached.add(other_number)
                reached_to = max(reached_to or 0, other.last)
        if "negation after" in groups[number]:
            for other_number in range(number - 1, -1, -1):
                other = found[other_number]
                if trigger.first - other.last > DENIAL_BEFORE:
                    break
                if "end of scope" in groups[other_number] and other.last < trigger.first:
                    break  # "hit my head but I'm fine": the denial stops at "but"
                if (
                    other.last < trigger.first
                    and tokens[other.last].clause == tokens[trigger.first].clause
                    and not groups[other_number] & EVENT_GROUPS
                ):
                    negated.add(other_number)
    for number, trigger in enumerate(found):
        if "affirmation after" in groups[number]:
            # "never get headaches but this one came on in seconds": what was denied before it
            # in the sentence is what is happening now.
            affirmed = {
                other_number
                for other_number in range(number)
                if found[other_number].sentence == trigger.sentence
            }
            denied -= affirmed
            negated -= affirmed
    return [
        f._replace(denied=True, wondered=number not in negated) if number in denied | negated else f
        for number, f in enumerate(found)
    ]


def _new_subject(tokens: list[Token], found: list[Found], after: int, before: int) -> bool:
    """Whether a subject pronoun that is not part of a phrase stands between token `after` and
    token `before`: what follows it is a statement of its own, not part of the denied list."""
    inside = {index for one in found for index in range(one.first, one.last + 1)}
    return any(
        tokens[index].word in SUBJECTS and index not in inside for index in range(after + 1, before)
    )


def _spent_in_clause(tokens: list[Token], found: list[Found], number: int) -> bool:
    """Whether the denial `found[number]` is spent on words the guide does not read in its own
    clause ("not feeding", "didn't even feel it happen"): words follow it there and no phrase
    does, so it does not reach past the comma ("no fever, rash or stiff neck" reaches on)."""
    trigger = found[number]
    clause = tokens[trigger.last].clause
    after = [
        index
        for index in range(trigger.last + 1, len(tokens))
        if tokens[index].clause == clause and tokens[index].sentence == trigger.sentence
    ]
    if not any(tokens[index].word not in FILLERS for index in after):
        return False
    return not any(
        other.first > trigger.last and tokens[other.first].clause == clause
        for other in found[number + 1 :]
    )


def _reach_forward(tokens: list[Token], start: int, stop: int, window: int) -> int:
    """The index just past the last word a trigger's window covers: `window` words that are
    not small words, and never past `stop` or the end of the sentence."""
    if start >= len(tokens):
        return start
    sentence = tokens[start - 1].sentence if start else tokens[0].sentence
    counted = 0
    index = start
    while index < stop and tokens[index].sentence == sentence and counted < window:
        if (
            index > 0
            and tokens[index].clause != tokens[index - 1].clause
            and tokens[index].word in CLAUSE_OPENERS
        ):
            break
        if tokens[index].word not in FILLERS:
            counted += 1
        index += 1
    return index


def _inside(tokens: list[Token], start: int, end: int) -> list[int]:
    """The indexes of the tokens that begin from `start` up to `end` in the text (a binary
    search, so that reading a construction stays linear in the length of the message)."""
    first = bisect.bisect_left(tokens, start, key=lambda token: token.start)
    last = bisect.bisect_left(tokens, end, lo=first, key=lambda token: token.start)
    return list(range(first, last))


def _found_over(tokens: list[Token], match: re.Match[str], concept_id: str) -> Found | None:
    """A construction matched in the folded text, read as one phrase of `concept_id` over the
    tokens it covers; None when it covers none."""
    inside = _inside(tokens, match.start(), match.end())
    if not inside:
        return None
    first, last = inside[0], inside[-1]
    phrase = Phrase((), match.group(), (concept_id,))
    return Found(first, last, phrase, match.group(), tokens[first].sentence)


# A baby's age in weeks or months said as an age ("a 7 week old", "she is 10 weeks", "my
# baby is 2 months"), never as a time ("for 2 weeks", "3 weeks ago").
_BABY_NUMBER = r"(\d{1,2}|" + "|".join(list(_NUMBER_WORDS)[:12]) + r")"
_BABY_UNIT = r"(days?|weeks?|wks?|w|months?|mths?|mos?|m)"
_NOT_A_TIME = r"(?!\s+(?:ago|now|later|since|before|after))"  # "3 weeks ago" is no age
_BABY_AGE = re.compile(
    rf"\b{_BABY_NUMBER}[\s-]*{_BABY_UNIT}[\s-]*old\b"
    rf"|\b(?:is|aged|baby|infant|newborn|son|daughter|he|she|hes|shes|only|just)\s+"
    rf"{_BABY_NUMBER}\s*{_BABY_UNIT}\b{_NOT_A_TIME}"
    rf"|\(\s*{_BABY_NUMBER}\s*{_BABY_UNIT}\s*(?:old)?\s*\)"
    rf"|\b{_BABY_NUMBER}\s*{_BABY_UNIT}\s+(?:baby|infant|newborn|girl|boy|son|daughter)\b"
    rf"|\b(?:baby|infant|newborn|son|daughter|girl|boy)\s+(?:of|aged|who\s+is)\s+"
    rf"{_BABY_NUMBER}\s*{_BABY_UNIT}\b{_NOT_A_TIME}"
    rf"|\bmy\s+{_BABY_NUMBER}\s*(mos?|wks?|w|m)\b"
)
YOUNG_BABY, OLDER_BABY = "young-baby", "baby-3-to-6-months"
# A body temperature said as a number: 38 °C (100.4 °F) or more is a fever, under 36 °C is low
# (the NHS Healthier Together tiers for a baby); "38 degrees outside" is weather, not a body.
_TEMPERATURE = re.compile(
    r"\b(?:(temp|temperature|fever|thermometer|reading)\b[^.,;]{0,12}?)?"
    r"\b(3[0-9]|4[0-3]|9[5-9]|10[0-9])(?:\.(\d))?\s*(°\s*[cf]?|degrees?\s*[cf]?|deg|c\b|f\b)?"
)
FEVER, LOW_TEMPERATURE, HIGH_FEVER = "fever", "cold-to-touch", "high-fever"
# 37.5 to 37.9 °C: below the fever line, but the line cancer centres give during chemotherapy.
SLIGHT_TEMPERATURE = "temperature-raised-slightly"
_WEATHER = frozenset("outside out today weather sun heat heatwave room water bath oven".split())


def baby_age_phrases(text: str, tokens: list[Token]) -> Iterator[Found]:
    """A baby's age said in days, weeks or months ("a 7 week old", "she is 10 weeks"): under 3
    months a young baby, from 3 to 6 months the next age the NHS fever advice names, older
    (under 16 years: "my 8 month old") a child."""
    for match in _BABY_AGE.finditer(_folded(text)):
        groups = match.groups()
        number, unit = next(
            (groups[at], groups[at + 1]) for at in range(0, len(groups), 2) if groups[at]
        )
        value = int(_number_said(number))
        weeks = {"d": value / 7, "w": value, "m": value * 4.35}[unit[0]]
        concept = (
            YOUNG_BABY
            if weeks < 13
            else OLDER_BABY
            if weeks < 26.5
            else CHILD
            if weeks < CHILD_AGE * 52
            else None
        )
        if concept is not None:
            found = _found_over(tokens, match, concept)
            if found is not None:
                yield found


def _celsius(value: float) -> float:
    """A body temperature in °C, read from °F when the number is one (90 or more)."""
    return (value - 32) * 5 / 9 if value >= 90 else value


def temperature_readings(
    text: str, tokens: list[Token]
) -> tuple[list[Found], list[tuple[int, int]]]:
    """The body temperatures said as numbers, in one pass: the phrases they are read as (with
    a unit or after "temp", or as a decimal: "38.5 degrees", "a temp of 39", "102F", "39.2") -
    a fever at 38 °C (100.4 °F) or more, low under 36 °C, a high fever at 39 °C, slightly raised
    from 37.5 °C (the chemotherapy line) - and the token
    spans where a normal reading is said after "temp" ("temp is 37.1"), where that word names
    a reading, not a fever."""
    folded = _folded(text)
    found: list[Found] = []
    normal: list[tuple[int, int]] = []
    for match in _TEMPERATURE.finditer(folded):
        said, whole, tenth, unit = match.group(1), match.group(2), match.group(3), match.group(4)
        value = int(whole) + int(tenth or 0) / 10
        celsius = _celsius(value)
        if said and 36 <= celsius < 38:
            inside = _inside(tokens, match.start(), match.end())
            if inside:
                normal.append((inside[0], inside[-1]))
        if not said and not unit and tenth is None:
            continue  # a bare whole number is no temperature; "38.5" or "100.4" is one
        after = folded[match.end() : match.end() + 12].split()
        if after and after[0] in _WEATHER:
            continue
        concept = (
            FEVER
            if celsius >= 38
            else LOW_TEMPERATURE
            if celsius < 36
            else SLIGHT_TEMPERATURE
            if celsius >= 37.5
            else None
        )
        if concept is not None:
            reading = _found_over(tokens, match, concept)
            if reading is not None:
                found.append(reading)
        # The NHS writes its 39 °C line as "39C (102F)": 102 °F counts as reaching it.
        if celsius >= 39 or value >= 102:
            high = _found_over(tokens, match, HIGH_FEVER)
            if high is not None:
                found.append(high)
    return found, normal


def age_phrases(text: str, tokens: list[Token]) -> Iterator[Found]:
    """An age written as a number ("I'm 67", "72 years old", "in my 60s", "my 3 year old"): 50
    or over is older age, 65 or over NICE NG41's age (`aged-65`, which older age stands for),
    under 16 a child's (the ages the warning signs name)."""
    folded = fold_text(text)
    for found in _AGE.finditer(folded):
        number = next(group for group in found.groups() if group)
        decade = found.group(0).startswith("in ")  # "in my 60s"
        age = int(number) * (10 if decade else 1)
        if age < CHILD_AGE:
            child = _found_over(tokens, found, CHILD)
            if child is not None:
                yield child
        elif age >= OLDER_AGE and age <= 120:
            index = next((i for i, token in enumerate(tokens) if token.start >= found.start()), 0)
            concept = AGED_65 if age >= 65 else "older-age"
            phrase = Phrase((), found.group(), (concept,))
            yield Found(
                index, index, phrase, found.group(), tokens[index].sentence if tokens else 0
            )


# A year said as the time of something ("back in 2019", "in 2015"): before this year, it is long
# ago (`long-ago`), so an accident then is an old one.
_YEAR = re.compile(r"\b(?:back\s+in|in|during|from)\s+((?:19|20)\d\d)\b")
LONG_AGO = "long-ago"


def year_phrases(text: str, tokens: list[Token]) -> Iterator[Found]:
    """A year before this one said as a time ("back in 2019"), read as long ago."""
    this_year = datetime.date.today().year
    for found in _YEAR.finditer(_folded(text)):
        if int(found.group(1)) >= this_year:
            continue
        year = _found_over(tokens, found, LONG_AGO)
        if year is not None:
            yield year


# Too many tablets said: more than eight in a day ("took 20 paracetamol", "swallowed thirty
# pills over the day"), more than the most a day of the commonest painkiller (NHS paracetamol),
# or "too many" of a medicine ("too many of my muscle relaxant pills"), is read as an overdose
# (`overdose-said`); a count spread over several days ("12 paracetamol over 3 days") is not.
_DOSE_NUMBER = r"(\d{1,3}|" + "|".join(_NUMBER_WORDS) + r")"
_MEDICINE = (
    r"(?:paracetamol|tablets?|pills?|capsules?|meds|medicines?|medication|ibuprofen|co-?codamol"
    r"|codeine|aspirin|painkillers?|sleeping\s+pills?|antidepressants?|muscle\s+relaxants?"
    r"|relaxants?|diazepam|valium|baclofen|tramadol|morphine|oxycodone|gabapentin|pregabalin"
    r"|amitriptyline|insulin)\b"
)
_OVERDOSE = re.compile(
    r"\b(?:took|taken|take|taking|swallowed|had|downed|necked)\s+"
    r"(?:about\s+|around\s+|like\s+|over\s+|nearly\s+|almost\s+|at\s+least\s+)?"
    rf"{_DOSE_NUMBER}\s+(?:x\s+)?(?:of\s+(?:my|the|his|her)\s+)?(?:[a-z-]+\s+)?{_MEDICINE}"
    r"(?!\s+(?:over|in|across|during)\s+(?:the\s+(?:last\s+|past\s+)?|a\s+|\w+\s+)?"
    r"(?:\w+\s+)?(?:days|weeks?)\b)"
    r"|\btoo\s+many\s+(?:of\s+(?:my|the|his|her|their)\s+)?(?:[a-z-]+\s+){0,2}?"
    + _MEDICINE
    + r"|\b(?:took|taken|swallowed)\s+(?:all|the\s+whole\s+(?:packet|box|bottle))\s+(?:of\s+)?"
    r"(?:my|the|his|her|their)\s+(?:[a-z-]+\s+){0,2}?" + _MEDICINE
)
OVERDOSE = "overdose-said"
MOST_TABLETS_A_DAY = 8


# A blood sugar reading said with its number ("sugar is 2.8", "bm of 3", "glucose 55 mg/dl"):
# under 4 mmol/L (nidirect's low mark), or from 20 to under 72 when said in mg/dL (the same
# mark in the US unit), is low (`hypo-said`).
_SUGAR_READING = re.compile(
    r"\b(?:blood\s+)?(?:sugars?|glucose|bms?|bgs?)\s+"
    r"(?:levels?\s+)?(?:is\s+|was\s+|are\s+|of\s+|at\s+|reads?\s+|says\s+|now\s+|only\s+"
    r"|down\s+to\s+|dropped\s+to\s+|just\s+)*"
    r"(\d{1,3}(?:\.\d)?)(?:\s*(mmol(?:/l)?|mg/?dl))?(?![\d.])"
)
HYPO = "hypo-said"
LOW_SUGAR_MMOL = 4.0
LOW_SUGAR_MG_DL = 72.0


def sugar_phrases(text: str, tokens: list[Token]) -> Iterator[Found]:
    """A blood sugar reading said below the low mark, read as low blood sugar."""
    for found in _SUGAR_READING.finditer(_folded(text)):
        value, unit = float(found.group(1)), found.group(2) or ""
        if unit.startswith("mg") or value >= 20:
            low = 20 <= value < LOW_SUGAR_MG_DL
        else:
            low = 0 < value < LOW_SUGAR_MMOL
        if not low:
            continue
        reading = _found_over(tokens, found, HYPO)
        if reading is not None:
            yield reading


def overdose_phrases(text: str, tokens: list[Token]) -> Iterator[Found]:
    """Too many tablets said, or more than eight of them in a day, read as an overdose."""
    for found in _OVERDOSE.finditer(_folded(text)):
        number = found.group(1)
        if number is not None and _number_said(number) <= MOST_TABLETS_A_DAY:
            continue
        overdose = _found_over(tokens, found, OVERDOSE)
        if overdose is not None:
            yield overdose


def _unit(word: str) -> str:
    if word.startswith("stair") or word.startswith("step"):
        return "stair"
    if word.startswith("met") or word == "m":
        return "metre"
    if word in ("feet", "foot", "ft"):
        return "foot"
    return "mile" if word.startswith(("mph", "mile")) else "km"


def measure_phrases(text: str, tokens: list[Token]) -> list[Found]:
    """A fall down more than five stairs or from more than a metre, or a road accident at 30
    miles an hour or more, said with its number ("fell down twelve stairs", "off a 2 metre
    ladder", "hit at 50 mph"), read as a serious accident (`major-trauma`)."""
    folded = _folded(text)
    found: list[Found] = []
    for match in _MEASURE.finditer(folded):
        number, unit = match.group(1), _unit(match.group(2))
        value = _number_said(number)
        if value < _MEASURE_LEAST[unit]:
            continue
        measure = _found_over(tokens, match, MAJOR_TRAUMA)
        if measure is None:
            continue
        if unit != "mile" and unit != "km":
            here = tokens[measure.first]
            before = [
                token
                for token in tokens[max(0, measure.first - _FALL_REACH) : measure.first]
                if token.sentence == here.sentence and token.clause == here.clause
            ]
            if not any(token.key in _FALL_KEYS or token.word in _FALL_KEYS for token in before):
                continue
        found.append(measure)
    return found


def blow_phrases(text: str, tokens: list[Token]) -> list[Found]:
    """A blow to the head from any object, read by its construction (`_BLOW`)."""
    folded = _folded(text)
    found: list[Found] = []
    for match in _BLOW.finditer(folded):
        blow = _found_over(tokens, match, HEAD_INJURY)
        if blow is None:
            continue
        inside = range(blow.first, blow.last + 1)
        if any(tokens[i].word in _OWN_HANDS for i in inside):
            continue
        if any(
            tokens[i].word in _HAND_WORDS and tokens[i - 1].word in _POSSESSIVES
            for i in inside
            if i > blow.first
        ):
            continue  # one's own hands put to the head; "a right hand to the temple" is a punch
        found.append(blow)
    return found


class Read(NamedTuple):
    """What the text says, as concepts."""

    tokens: tuple[Token, ...]
    found: tuple[Found, ...]  # every phrase, denied or not
    present: Mapping[str, tuple[Found, ...]]  # concept id (and its broader ones): affirmed phrases
    members: Mapping[str, frozenset[str]]  # each concept and the narrower ones it stands for


def read(kb: KnowledgeBase, text: str) -> Read:
    lex = lexicon(kb)
    tokens = correct_spelling(kb, tokens_of(text), lex)
    found = find_phrases(tokens, lex)
    constructions: list[Found] = []  # read from the text's shape, not from phrase lists
    if HEAD_INJURY in lex.concepts:
        # A blow said inside a longer phrase is that phrase's ("like being hit on the head" is
        # how a headache came on, not a blow).
        blows = [
            blow
            for blow in blow_phrases(text, tokens)
            if not any(
                one.first <= blow.first
                and blow.last <= one.last
                and one.last - one.first > blow.last - blow.first
                for one in found
            )
        ]
        constructions += blows
    if OVERDOSE in lex.concepts:
        constructions += overdose_phrases(text, tokens)
    if HYPO in lex.concepts:
        constructions += sugar_phrases(text, tokens)
    if constructions:
        found = sorted(found + constructions, key=lambda one: (one.first, one.last))
    found = apply_denial(tokens, found, lex)
    found = _directed(tokens, found, lex)
    found += list(age_phrases(text, tokens))
    if YOUNG_BABY in lex.concepts and OLDER_BABY in lex.concepts:
        found += list(baby_age_phrases(text, tokens))
    if all(cid in lex.concepts for cid in (FEVER, LOW_TEMPERATURE, HIGH_FEVER)):
        temperatures, normal = temperature_readings(text, tokens)
        if SLIGHT_TEMPERATURE not in lex.concepts:
            temperatures = [
                one for one in temperatures if SLIGHT_TEMPERATURE not in one.phrase.concepts
            ]
        found += temperatures
        found = [
            one
            for one in found
            if FEVER not in one.phrase.concepts
            or not any(first <= one.first and one.last <= last for first, last in normal)
        ]
    if LONG_AGO in lex.concepts:
        found += list(year_phrases(text, tokens))
    found = _drop_unless(found, lex)
    found += measure_phrases(text, tokens)
    present = _present(found, lex)
    compounds = _together(present, lex)
    if compounds:
        found += compounds
        present = _present(found, lex)
        # A compound whose part is itself said only as a compound ("30 weeks ... bleeding" is
        # a late pregnancy, said with a tummy word) is read on a second pass.
        made = {cid for one in compounds for cid in one.phrase.concepts}
        nested = [one for one in _together(present, lex) if one.phrase.concepts[0] not in made]
        if nested:
            found += nested
            present = _present(found, lex)
    present_now = {cid: tuple(found) for cid, found in present.items()}
    return Read(tuple(tokens), tuple(found), present_now, lex.members)


def _present(found: Iterable[Found], lex: Lexicon) -> dict[str, list[Found]]:
    """The affirmed phrases of each concept, a concept's own with those of every narrower
    concept it stands for."""
    present: dict[str, list[Found]] = {}
    for one in found:
        if one.denied:
            continue
        for cid in one.phrase.concepts:
            present.setdefault(cid, []).append(one)
    for cid, members in lex.members.items():
        if len(members) > 1:
            gathered = [f for member in members - {cid} for f in present.get(member, ())]
            if gathered:
                present.setdefault(cid, []).extend(gathered)
    return present


def _together(present: Mapping[str, list[Found]], lex: Lexicon) -> list[Found]:
    """The compound concepts (`together`) said: a phrase of each of their concepts, affirmed,
    all in one sentence or (`within: next sentence`) in two sentences side by side, with none
    of the compound's `unless` concepts said in those sentences. Read as one phrase over the
    first phrase of each in the nearest place, with their words. Linear in the number of
    phrases: each concept's sentences are gathered once."""
    compounds = []
    for concept in lex.concepts.values():
        if not concept.together:
            continue
        barred = {one.sentence for cid in concept.unless for one in present.get(cid, ())}
        by_sentence: list[dict[int, Found]] = []
        for cid in concept.together:
            first_in: dict[int, Found] = {}
            for one in present.get(cid, ()):
                if one.sentence not in first_in or one.first < first_in[one.sentence].first:
                    first_in[one.sentence] = one
            by_sentence.append(first_in)
        if not all(by_sentence):
            continue
        reach = 1 if concept.within == "next sentence" else 0
        for start in sorted(by_sentence[0]):
            chosen = _close_together(by_sentence, start, reach)
            if chosen is not None and not barred & {one.sentence for one in chosen}:
                chosen.sort(key=lambda one: (one.first, one.last))
                words = " ... ".join(dict.fromkeys(one.words for one in chosen))
                phrase = Phrase((), words, (concept.id,))
                first, last = chosen[0].first, max(one.last for one in chosen)
                compounds.append(Found(first, last, phrase, words, chosen[0].sentence))
                break
    return compounds


def _close_together(
    by_sentence: list[dict[int, Found]], start: int, reach: int
) -> list[Found] | None:
    """One phrase of each concept within `reach` sentences of the first concept's phrase in
    sentence `start` (all in one window of sentences `reach` wide), or None."""
    for low in range(start - reach, start + 1):
        window = range(low, low + reach + 1)
        chosen = []
        for first_in in by_sentence:
            one = next((first_in[s] for s in window if s in first_in), None)
            if one is None:
                break
            chosen.append(one)
        else:
            return chosen
    return None


def _directed(tokens: list[Token], found: list[Found], lex: Lexicon) -> list[Found]:
    """Sensations said to run on to a place ("tingles down my thigh", "shooting into my
    leg") are marked with that place, or with the phrase that says where they run ("down my
    leg" is sciatica's): they are of where they run to. `found` is in text order."""
    kept = []
    for number, one in enumerate(found):
        if "sensation" not in _group(lex, one):
            kept.append(one)
            continue
        direction = next(
            (
                index
                for index in range(one.last + 1, min(one.last + 1 + DIRECTION_REACH, len(tokens)))
                if tokens[index].word in DIRECTIONS
                and tokens[index].clause == tokens[one.last].clause
            ),
            None,
        )
        place = None
        if direction is not None:
            place = next(
                (
                    other
                    for other in found[number + 1 :]
                    if direction <= other.first <= direction + DIRECTION_REACH
                    and (
                        "body part" in _group(lex, other) or tokens[other.first].word in DIRECTIONS
                    )
                ),
                None,
            )
        kept.append(one._replace(toward=place.phrase.concepts) if place is not None else one)
    return kept


def _drop_unless(found: Iterable[Found], lex: Lexicon) -> list[Found]:
    """Phrases of a concept that is not read beside one of its `unless` concepts in the
    same sentence ("pins and needles" after sitting cross-legged) are set aside."""
    found = list(found)
    said = {(cid, f.sentence) for f in found if not f.denied for cid in f.phrase.concepts}
    kept = []
    for one in found:
        concepts = tuple(
            cid
            for cid in one.phrase.concepts
            if not any(
                (other, one.sentence) in said
                for other in (lex.concepts[cid].unless if cid in lex.concepts else ())
            )
        )
        if concepts:
            kept.append(one._replace(phrase=_only(one.phrase, concepts)))
    return kept
