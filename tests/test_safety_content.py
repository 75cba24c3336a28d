"""The shipped knowledge base puts its safety information where the risky advice is.

Needling cautions sit on the points and techniques that need them, every technique says who
should not have it, every region has its warning signs, sciatica leads to the low back, and the
source article's claims stay beside the reasons rather than inside them.
"""

from __future__ import annotations

import pytest

from spasmguide.kb.loader import load_knowledge_base
from spasmguide.kb.model import Cause, Concept, KnowledgeBase, RedFlagGroup, Region, Source
from spasmguide.kb.names import normalize_name
from tests.conftest import first_warning, warnings_of
from tests.content_rules import shipped_problems


def assert_names(text: str, *words: str) -> None:
    """Every one of `words` stands in `text`; a failure lists all that are missing."""
    missing = [each for each in words if each not in text]
    assert not missing, missing


def lowered(text: str | None) -> str:
    """A field's text for comparing words, or "" where the field is empty."""
    return (text or "").casefold()


def source_note(kb: KnowledgeBase, source_id: str) -> str:
    """The note of a cited source, for comparing words."""
    return lowered(kb.sources[source_id].note)


@pytest.fixture
def head_injury(shipped: KnowledgeBase) -> RedFlagGroup:
    """The warning for signs after a head injury, which many checks below read."""
    return shipped.red_flags["after-head-injury"]


NEEDLING = {"needling", "electrical needling"}
# Points over the lung: shallow, slanted needling only.
THORACIC_POINTS = ["gb21", "bl11", "si14", "te15", "ex-b1", "ex-b2"]
# Points over the medulla or the vertebral artery, or deep over the spinal canal.
DEPTH_POINTS = ["gb20", "gv14", "gv16"]
# Points avoided in pregnancy: the classic list and the lumbosacral points.
PREGNANCY_POINTS = [
    "sp6",
    "li4",
    "bl60",
    "bl67",
    "gb21",
    "bl23",
    "bl25",
    "gv3",
    "gv4",
    "yaoyan",
    "shiqizhui",
    "bl54",
    "ex-b2",
    "bl31",
    "bl32",
    "bl33",
    "bl34",
]


@pytest.fixture(scope="module")
def shipped() -> KnowledgeBase:
    return load_knowledge_base()


def technique_text(kb: KnowledgeBase, technique_id: str) -> str:
    """What a technique's page says about its safety: its own lines and its safety notes."""
    technique = kb.techniques[technique_id]
    lines = [*technique.cautions, *technique.contraindications]
    for safety_id in technique.safety:
        lines.extend(kb.safety[safety_id].points)
    return " ".join(lines).casefold()


def test_every_technique_says_who_should_not_have_it() -> None:
    assert shipped_problems("technique-contraindications") == []


def test_every_needling_technique_warns_of_a_collapsed_lung(shipped: KnowledgeBase) -> None:
    needling = [t for t in shipped.techniques.values() if t.invasiveness in NEEDLING]
    assert len(needling) >= 4
    for technique in needling:
        text = technique_text(shipped, technique.id)
        assert "pneumothorax" in text and "two days" in text, technique.id


def test_trigger_point_needling_carries_its_own_lung_warning(shipped: KnowledgeBase) -> None:
    own = " ".join(shipped.techniques["trigger-point-acupuncture"].cautions).casefold()
    assert "pneumothorax" in own and "emergency" in own
    contraindications = shipped.techniques["trigger-point-acupuncture"].contraindications
    assert any("lung" in line for line in contraindications)


@pytest.mark.parametrize("point_id", THORACIC_POINTS)
def test_points_over_the_lung_say_so(shipped: KnowledgeBase, point_id: str) -> None:
    cautions = " ".join(shipped.acupoints[point_id].cautions).casefold()
    assert "lung" in cautions and "pneumothorax" in cautions, point_id


@pytest.mark.parametrize("point_id", DEPTH_POINTS)
def test_points_at_the_back_of_the_neck_limit_depth(shipped: KnowledgeBase, point_id: str) -> None:
    cautions = " ".join(shipped.acupoints[point_id].cautions).casefold()
    assert "deep" in cautions, point_id


def test_gb20_gives_its_direction_and_what_lies_beneath(shipped: KnowledgeBase) -> None:
    cautions = " ".join(shipped.acupoints["gb20"].cautions).casefold()
    assert "tip of the nose" in cautions
    assert "vertebral artery" in cautions and "medulla" in cautions
    assert "editions differ" in cautions


def test_points_avoided_in_pregnancy_say_so(shipped: KnowledgeBase) -> None:
    present = [point for point in PREGNANCY_POINTS if point in shipped.acupoints]
    assert len(present) >= 10
    for point_id in present:
        point = shipped.acupoints[point_id]
        cautions = " ".join((*point.cautions, point.pregnancy or "")).casefold()
        assert "pregnan" in cautions, point_id


def test_electro_acupuncture_names_its_contraindications(shipped: KnowledgeBase) -> None:
    text = " ".join(shipped.techniques["electro-acupuncture"].contraindications).casefold()
    for word in ("pacemaker", "chest", "carotid", "pregnan", "numb", "epilepsy"):
        assert word in text, word
    assert "lower-authority" in text


@pytest.mark.parametrize("technique_id", ["cupping", "gua-sha"])
def test_bleeding_risks_are_contraindications_for_skin_techniques(
    shipped: KnowledgeBase, technique_id: str
) -> None:
    text = " ".join(shipped.techniques[technique_id].contraindications).casefold()
    for word in ("bleeding disorder", "anticoagulants", "platelet", "skin"):
        assert word in text, word


def test_every_region_has_warning_signs_with_an_emergency() -> None:
    assert shipped_problems("region-emergency") == []


def test_every_warning_group_is_complete(shipped: KnowledgeBase) -> None:
    for group in shipped.red_flags.values():
        assert group.urgency and group.applies_to and group.signs and group.sources, group.id


def red_flag_text(kb: KnowledgeBase, group_id: str) -> str:
    group = kb.red_flags[group_id]
    return " ".join(
        [group.title, group.applies_to, *group.signs, group.action or "", group.note or ""]
    ).casefold()


def test_a_clot_is_looked_for_in_the_thigh_and_the_lungs(shipped: KnowledgeBase) -> None:
    dvt = red_flag_text(shipped, "possible-dvt")
    assert "thigh" in dvt and "calf" in dvt and "pulmonary embolism" in dvt
    assert shipped.red_flags["possible-pe"].urgency == "emergency"
    for region in ("calf", "hamstring"):
        assert {"possible-dvt", "possible-pe"} <= set(shipped.regions[region].red_flags), region


def test_rhabdomyolysis_is_an_emergency_where_exertion_is(shipped: KnowledgeBase) -> None:
    group = shipped.red_flags["rhabdomyolysis"]
    assert group.urgency == "emergency" and "urine" in red_flag_text(shipped, "rhabdomyolysis")
    assert "rhabdomyolysis" in shipped.regions["calf"].red_flags
    assert "rhabdomyolysis" in shipped.regions["hamstring"].red_flags
    assert "rhabdomyolysis" in shipped.causes["overuse"].red_flags


def test_upper_back_pain_is_checked_for_heart_aorta_and_spine(shipped: KnowledgeBase) -> None:
    flags = shipped.regions["upper-back-shoulders"].red_flags
    text = " ".join(red_flag_text(shipped, flag) for flag in flags)
    assert_names(text, "heart attack", "aortic dissection", "pneumothorax", "cancer", "neck")


def test_neck_warnings_cover_stroke_like_signs_and_the_chronic_cause(
    shipped: KnowledgeBase,
) -> None:
    text = " ".join(red_flag_text(shipped, flag) for flag in shipped.regions["neck"].red_flags)
    assert_names(text, "thunderclap", "speech", "vision", "cancer", "myelopathy", "inflammatory")
    assert "neck-serious-cause" in shipped.causes["chronic-conditions"].red_flags


def test_region_specific_warnings_are_linked(shipped: KnowledgeBase) -> None:
    expected = {
        "low-back": {"cauda-equina", "aaa-rupture"},
        "piriformis": {"hip-serious-cause", "cauda-equina"},
        "it-band": {"hip-serious-cause", "thigh-bone-or-knee"},
        "hamstring": {"hamstring-avulsion", "cauda-equina"},
        "calf": {"leg-circulation-emergency", "cramp-urgent", "cramps-see-doctor"},
    }
    for region, groups in expected.items():
        assert groups <= set(shipped.regions[region].red_flags), region
    calf = " ".join(red_flag_text(shipped, flag) for flag in shipped.regions["calf"].red_flags)
    assert_names(calf, "compartment syndrome", "10 minutes", "statins", "thyroid", "achilles")


def test_sciatica_leads_to_the_low_back(shipped: KnowledgeBase) -> None:
    assert shipped.names["regions"][normalize_name("sciatica")] == "low-back"
    piriformis = shipped.regions["piriformis"]
    assert "sciatica" not in {normalize_name(alias) for alias in piriformis.aliases}
    assert "low back" in piriformis.description and "contested" in piriformis.description
    assert "nice-ng59" in piriformis.sources


def suggestion_holders(kb: KnowledgeBase) -> list[Region | Cause]:
    return [*kb.regions.values(), *kb.causes.values()]


def test_reasons_leave_the_article_s_claims_to_article_says(shipped: KnowledgeBase) -> None:
    for holder in suggestion_holders(shipped):
        for suggestion in holder.techniques:
            where = f"{holder.id}/{suggestion.technique}"
            assert "source article" not in suggestion.reason.casefold(), where
            assert "particularly effective" not in suggestion.reason.casefold(), where


def test_borrowed_evidence_is_about_somewhere_else(shipped: KnowledgeBase) -> None:
    """A suggestion names evidence only to borrow it; evidence about its own place is direct."""
    for holder in suggestion_holders(shipped):
        for suggestion in holder.techniques:
            for evidence_id in suggestion.evidence:
                evidence = shipped.evidence[evidence_id]
                places = evidence.regions if isinstance(holder, Region) else evidence.causes
                assert holder.id not in places, f"{holder.id}/{suggestion.technique}"
                assert suggestion.technique in evidence.techniques, evidence_id


def test_dry_needling_trials_are_not_direct_evidence_for_piriformis_or_it_band(
    shipped: KnowledgeBase,
) -> None:
    for evidence in shipped.evidence.values():
        if "trigger-point-acupuncture" in evidence.techniques and evidence.stance is None:
            assert not {"piriformis", "it-band"} & set(evidence.regions), evidence.id


def test_guideline_positions_come_from_guidelines(shipped: KnowledgeBase) -> None:
    for evidence in shipped.evidence.values():
        if evidence.stance is not None:
            kinds = {shipped.sources[source].kind for source in evidence.sources}
            # A guideline states the position; its own evidence review may be cited beside it.
            assert "guideline" in kinds, evidence.id
            assert evidence.techniques and (evidence.regions or evidence.causes), evidence.id


def test_low_back_guidelines_disagree_on_acupuncture(shipped: KnowledgeBase) -> None:
    stances = {
        evidence.stance
        for evidence in shipped.evidence.values()
        if "traditional-acupuncture" in evidence.techniques and "low-back" in evidence.regions
    }
    assert {"strong against", "strong for"} <= stances
    primary_pain = shipped.evidence["nice-chronic-primary-pain"]
    assert primary_pain.causes == ("chronic-conditions",) and not primary_pain.regions
    assert "not cover" in primary_pain.finding and "sciatica" in primary_pain.finding


def test_chronic_reviews_say_they_are_about_chronic_pain(shipped: KnowledgeBase) -> None:
    for evidence_id in ("cochrane-neck", "cochrane-low-back"):
        finding = shipped.evidence[evidence_id].finding.casefold()
        assert "chronic" in finding and "acute" in finding, evidence_id
    assert "end of treatment" in shipped.evidence["cochrane-neck"].finding


def test_calf_and_hamstring_have_evidence(shipped: KnowledgeBase) -> None:
    for region in ("calf", "hamstring"):
        assert "hawke-night-cramps-stretching" in shipped.regions[region].evidence, region


def test_the_spasm_ischemia_cycle_is_not_presented_as_settled(shipped: KnowledgeBase) -> None:
    assert "contested" in shipped.guide.spasm_ischemia_cycle


def test_every_source_is_cited_and_every_citation_exists(shipped: KnowledgeBase) -> None:
    cited = set(shipped.guide.sources) | set(shipped.guide.red_flag_note_sources)
    for kind in ("techniques", "regions", "causes", "acupoints", "evidence", "red_flags", "safety"):
        for entry in shipped.collection(kind).values():
            assert not isinstance(entry, Source | Concept)
            cited.update(entry.sources)
    assert cited == set(shipped.sources)


def test_a_headache_after_a_head_injury_is_an_emergency(shipped: KnowledgeBase) -> None:
    # NHS head injury advice: an emergency department for a headache that painkillers do not
    # ease, vomiting since the injury, or a head injury while on a blood thinner.
    from spasmguide.kb.ask import understand

    for text in (
        "headache since I banged my head yesterday and I have been sick",
        "I hit my head on a cupboard and now have a headache, I take warfarin",
        "bumped my head this morning and the headache won't go away",
    ):
        warnings = understand(shipped, text).warnings
        assert warnings and warnings[0][0].urgency == "emergency", text
        assert warnings[0][0].id == "after-head-injury", text
    same_day = " ".join(shipped.red_flags["headache-same-day"].signs).casefold()
    assert "head injury" not in same_day
    assert "after-head-injury" in shipped.regions["head"].red_flags
    assert "after-head-injury" in shipped.causes["acute-injury"].red_flags


# Each of the NHS emergency department signs after a head injury, said on its own in a short
# lay phrasing (the review's phrasings first); NICE NG232 names the same risk factors,
# antiplatelets other than aspirin alone among them.
HEAD_INJURY_SIGNS = {
    "a headache painkillers do not ease": "bumped my head and the headache won't go away",
    "vomiting": "hit my head on the door and I've been sick twice",
    "knocked out": "I was knocked out for a minute at football",
    "knocked out, with a second cause": "knocked out at rugby yesterday, neck is sore",
    "lost consciousness": "fell off my bike, hit my head and lost consciousness",
    "memory": "hit my head, can't remember what happened",
    "memory, said otherwise": "bumped my head and I don't remember the fall",
    "behaviour": "banged my head and my wife says I'm not myself, really irritable",
    "alcohol": "hit my head while drunk",
    "drugs": "hit my head, took cocaine before",
    "a blood thinner": "I hit my head on a cupboard, I take warfarin",
    "an antiplatelet": "hit my head, I take clopidogrel",
    "two antiplatelets": "bumped my head, I'm on aspirin and clopidogrel after a stent",
    "another antiplatelet": "fell and banged my head, I'm on ticagrelor",
    "a bleeding disorder": "whacked my head on a shelf and I have haemophilia",
    "past brain surgery": "hit my head, I had brain surgery before",
}


@pytest.mark.parametrize("text", HEAD_INJURY_SIGNS.values(), ids=HEAD_INJURY_SIGNS.keys())
def test_each_head_injury_sign_on_its_own_leads_with_the_emergency(
    shipped: KnowledgeBase, text: str
) -> None:
    from spasmguide.kb.ask import understand

    warnings = understand(shipped, text).warnings
    assert warnings, text
    assert warnings[0][0].id == "after-head-injury", (text, [f.id for f, _ in warnings])


def test_aspirin_alone_after_a_knock_is_no_emergency(shipped: KnowledgeBase) -> None:
    # NG232 excepts aspirin taken on its own from the antiplatelet risk factor.
    from spasmguide.kb.ask import understand

    warnings = understand(shipped, "bumped my head on a cupboard, I take aspirin daily").warnings
    assert not any(flag.id == "after-head-injury" for flag, _ in warnings)


def test_the_head_injury_sign_names_antiplatelets_and_ng232(head_injury: RedFlagGroup) -> None:
    assert any("antiplatelet" in sign and "aspirin alone" in sign for sign in head_injury.signs)
    assert "nice-ng232" in head_injury.sources
    assert "not checked" not in (head_injury.note or "")


def test_the_head_injury_action_names_the_high_energy_accidents_and_hearing(
    head_injury: RedFlagGroup,
) -> None:
    # NICE NG232's high-energy examples and skull-fracture signs (new deafness, a black eye with
    # no damage around the eye); the later NHS page puts falls over 1 metre or 5 stairs, blows
    # at speed, trouble hearing and the black eye in its 999 list.
    action = lowered(head_injury.action)
    assert_names(
        action,
        "1 metre",
        "5 stairs",
        "diving accident",
        "rolling over",
        "thrown out",
        "on foot",
        "hearing",
        "deafness",
        "black eye",
        "dent in the head",
    )


def test_the_head_injury_black_eye_is_credited_to_sources_that_have_it(
    shipped: KnowledgeBase,
    head_injury: RedFlagGroup,
) -> None:
    # The NHS page as copied on practice websites has no black eye; the earlier NHS text and
    # NICE's skull-fracture signs do, and each cited record must say so.
    for source_id in ("nhs-head-injury-earlier", "nice-ng232"):
        assert source_id in head_injury.sources
        assert "black eye" in source_note(shipped, source_id), source_id
    note = lowered(head_injury.note)
    assert "no black eye" in note and "earlier nhs concussion text" in note


def test_the_head_injury_watch_at_home_is_24_hours_with_a_line_when_nobody_can_stay(
    head_injury: RedFlagGroup,
) -> None:
    # The current NHS head injury page (as on NHS 111 Wales) and NICE's discharge advice both
    # say an adult for at least the first 24 hours, and the NHS page says to ring 111 when
    # nobody can stay. The older 48 hours belongs in the note, not in the reader's advice.
    action = lowered(head_injury.action)
    note = lowered(head_injury.note)
    assert "at least the first 24 hours" in action
    assert "48" not in action
    assert "no adult can stay" in action and "nhs 111" in action
    assert "48 hours" in note and "uncertain" not in note


def _first_sentence(text: str) -> str:
    return text.split(". ", 1)[0]


def _head_injury_999_list(action: str) -> str:
    """The 999 signs: after the opening line, before the emergency department sentence."""
    lowered = action.casefold()
    return lowered[
        len(_first_sentence(lowered)) : lowered.index("go to an emergency department (a&e) now if")
    ]


def test_the_head_injury_action_opens_with_999_then_the_emergency_department_then_home(
    head_injury: RedFlagGroup,
) -> None:
    # The most urgent step comes first: the 999 signs, then the emergency department, then
    # what can be looked after at home. The opening line already says what to do for any sign,
    # so a frightened reader whose sign is not on the 999 list learns it at once.
    action = head_injury.action or ""
    lead = _first_sentence(action).casefold()
    assert "999" in lead and "emergency department" in lead
    assert lead.index("999") < lead.index("emergency department")
    assert "any" in lead and "now" in lead
    lowered = action.casefold()
    call = lowered.index("999")
    department = lowered.index("emergency department")
    home = lowered.index("at home")
    assert call < department < home


def test_the_head_injury_999_list_names_confusion_reading_and_writing_and_any_accident(
    head_injury: RedFlagGroup,
) -> None:
    # NICE NG232 sends lack of full consciousness to 999 and gives reading and writing among its
    # focal signs (the NHS 999 list names writing); nidirect names a confused look. NICE's list
    # of high-energy injuries ends with any other mechanism of the kind.
    action = lowered(head_injury.action)
    call_part = _head_injury_999_list(action)
    assert_names(
        call_part,
        "confused",
        "not making sense",
        "reading",
        "writing",
        "any other serious accident",
        "1 metre (about 3 feet)",
        "a serious accident such as a car crash",
        "bruising or swelling round both eyes",
        "worry the skull may be broken",
    )
    assert "bicycle crash" not in action and "collision" in action
    note = lowered(head_injury.note)
    assert "confusion is not on the nhs 999 list" in note and "nidirect" in note


def test_the_head_injury_note_gives_nices_999_tier_for_telephone_services(
    shipped: KnowledgeBase,
    head_injury: RedFlagGroup,
) -> None:
    # NG232: telephone advice services send high-energy injuries and skull-fracture signs to
    # 999 for an ambulance (1.2.2); "by ambulance if needed" is the wording for GPs and minor
    # injury units (1.2.4). The guide follows 1.2.2, which is not extra caution.
    note = lowered(head_injury.note)
    record = source_note(shipped, "nice-ng232")
    for text in (note, record):
        assert "1.2.2" in text and "1.2.4" in text
        assert "999" in text and "ambulance if needed" in text
        # NG232's own terms, its high-energy examples as separate items, and its second list
        # for GPs, where referral is only to be considered.
        assert "remote advice services" in text and "telephone advice" not in text
        assert "complex skull fracture" in text
        assert "pedestrian struck by a motor vehicle" in text and "bicycle collision" in text
        assert "pedestrian or cyclist" not in text
        assert "second list" in text and "considered" in text
    assert "side of caution" not in note
    assert "update information" in record and "nice.org.uk/guidance/ng232" in (
        shipped.sources["nice-ng232"].citation.casefold()
    )


def test_the_head_injury_sources_credit_portsmouth_and_nidirect_as_they_are(
    shipped: KnowledgeBase,
    head_injury: RedFlagGroup,
) -> None:
    # Portsmouth's head injury page is its own record (its red tier names brain surgery or a
    # bleed in the past); nidirect has one top tier that also takes brief unconsciousness,
    # repeated vomiting and memory loss; the NHS record no longer rests on an unknown copy.
    assert "portsmouth-head-injury" in head_injury.sources
    portsmouth = source_note(shipped, "portsmouth-head-injury")
    assert "bleed" in portsmouth
    assert "cemle" not in shipped.sources["nhs-head-injury"].citation
    nidirect = source_note(shipped, "nidirect-severe-head-injury")
    assert_names(nidirect, "one tier", "repeated vomiting", "memory loss")
    # Portsmouth's "brain surgery or bleeding in the past" is quoted as it stands; the guide
    # does not turn it into a past bleed in the brain, which no cited source names.
    assert "bleeding in the past" in portsmouth
    assert not any("bleed in the brain" in sign for sign in head_injury.signs)
    assert "Brain surgery in the past." in head_injury.signs


def test_the_head_injury_child_sign_says_what_nice_and_the_nhs_say(
    head_injury: RedFlagGroup,
) -> None:
    # NICE: irritability or altered behaviour, particularly in babies and children under 5; the
    # NHS page: a change in behaviour such as being more irritable. No cited source says crying,
    # and nidirect is credited only for the injury that was not accidental.
    child = next(sign for sign in head_injury.signs if "child" in sign).casefold()
    assert "irritable" in child and "under 5" in child and "crying" not in child
    note = lowered(head_injury.note)
    assert "crying" not in note
    assert "vulnerable" in " ".join(head_injury.signs).casefold()


def _home_part(action: str) -> str:
    lowered = action.casefold()
    return lowered[lowered.index("at home") :]


def test_the_head_injury_watcher_is_an_adult_even_for_a_child(head_injury: RedFlagGroup) -> None:
    # The NHS page: an adult stays with you or your child; "another adult" misreads for a child.
    action = lowered(head_injury.action)
    assert "an adult should stay with them" in action
    assert "another adult" not in action


def test_the_head_injury_large_bump_or_cut_goes_to_the_emergency_department(
    shipped: KnowledgeBase,
    head_injury: RedFlagGroup,
) -> None:
    # Healthier Together (NHS, for children): a bruise, swelling or cut more than 5 cm on the
    # head goes to A&E or 999; NICE names visible trauma to the scalp or skull among the signs of
    # a skull fracture.
    sign = next(s for s in head_injury.signs if "bump" in s).casefold()
    assert "bruise" in sign and "cut" in sign and "5 cm" in sign
    assert "healthier-together-head-injury" in head_injury.sources
    record = source_note(shipped, "healthier-together-head-injury")
    assert "5 cm" in record
    assert "visible trauma to the scalp or skull" in source_note(shipped, "nice-ng232")


def test_the_head_injury_999_list_names_unequal_pupils_with_a_source(
    shipped: KnowledgeBase,
    head_injury: RedFlagGroup,
) -> None:
    # Mayo Clinic's head trauma first aid: one pupil bigger than the other is a call for
    # emergency help. `ask` reads unequal pupils after a head injury as this warning, so the
    # reader must find the sign in the 999 part.
    call_part = _head_injury_999_list(head_injury.action or "")
    assert "one pupil" in call_part and "larger than the other" in call_part
    assert "mayo-head-trauma-first-aid" in head_injury.sources
    assert "pupil" in source_note(shipped, "mayo-head-trauma-first-aid")


def test_the_head_injury_citations_say_which_nice_text_was_read(
    shipped: KnowledgeBase, head_injury: RedFlagGroup
) -> None:
    # The black eye and new deafness were read in reproductions of the earlier guideline (the
    # 2007 telephone-service text, and CG176's terms), not in NG232 itself; the em-doctors copy of
    # the NHS page could not be produced; Portsmouth's red tier is known by its title only.
    note = lowered(head_injury.note)
    assert "cg176" in note and "reproduction" in note
    assert "em-doctors" not in shipped.sources["nhs-head-injury"].citation
    portsmouth = source_note(shipped, "portsmouth-head-injury")
    assert "red (999)" not in portsmouth and "life-threatening" in portsmouth
    # The not-driving advice is credited to the NHS text as well as Portsmouth and Highland.
    driving = next(s for s in note.split(". ") if "driving" in s)
    assert "nhs" in driving and "portsmouth" in driving


def test_the_headache_emergency_stiff_neck_sign_says_what_the_nhs_says(
    shipped: KnowledgeBase,
) -> None:
    # NHS Headaches: 999 or A&E for an extremely painful headache with a very high temperature,
    # feeling hot and shivery, and a stiff neck or a rash. A stiff neck with an ordinary headache
    # is on no emergency list (NHS or NICE CG150), so the sign may not say it is.
    flag = shipped.red_flags["headache-emergency"]
    signs = [sign.casefold() for sign in flag.signs]
    assert "a headache with fever, a stiff neck or a rash." not in signs
    neck = next(sign for sign in signs if "stiff neck" in sign)
    assert "very painful" in neck and "very high temperature" in neck and "rash" in neck
    note = lowered(flag.note)
    assert "stiff neck" in note and "on its own" in note
    nhs = source_note(shipped, "nhs-headaches")
    assert "hot and shivery" in nhs and "stiff neck" in nhs


def test_the_headache_emergency_names_meningitis_without_waiting_for_a_rash(
    shipped: KnowledgeBase,
) -> None:
    # NHS meningitis page: a high temperature, a headache, a stiff neck, a dislike of bright
    # lights, a rash that does not fade under a glass; 999 or A&E at once if it could be
    # meningitis, without waiting for every symptom or a rash.
    flag = shipped.red_flags["headache-emergency"]
    sign = next(s for s in flag.signs if "meningitis" in s).casefold()
    assert_names(sign, "high temperature", "stiff neck", "bright light", "glass", "do not wait")
    assert "nhs-meningitis" in flag.sources
    record = source_note(shipped, "nhs-meningitis")
    assert "999" in record and "do not wait" in record


# The head-injury warning's home care: what it must say, and what each source it rests on
# must say of it.
HOME_CARE: dict[str, tuple[tuple[str, ...], dict[str, tuple[str, ...]]]] = {
    # NHS head injury page (as on NHS 111 Wales): no aspirin, it could make the injury bleed;
    # Portsmouth: paracetamol, avoid anti-inflammatories and aspirin at first. Copies differ on
    # ibuprofen (pathfields and the earlier NHS text say avoid it, 111 Wales allows it), so the
    # guide says they differ and to ask a pharmacist. Nothing may read as stopping a prescribed
    # medicine such as daily aspirin.
    "paracetamol, not aspirin": (
        ("paracetamol", "not aspirin", "bleed", "ibuprofen", "pages differ", "pharmacist"),
        {
            "nhs-head-injury": ("aspirin", "pathfields", "111 wales", "ibuprofen"),
            "portsmouth-head-injury": ("aspirin",),
        },
    ),
    "a prescribed medicine is not stopped": (("do not stop a medicine", "prescribed"), {}),
    # The NHS page and nidirect put trouble staying awake at 999; sleep at the usual time is
    # fine. NHS Highland's hour-long rule is for people already sent home from hospital.
    "sleep told from drowsiness": (
        ("wide awake", "usual time", "trouble staying awake", "999 sign"),
        {"nhs-highland-head-injury": ("1 hour", "wide awake")},
    ),
    # NHS page: no need to stay awake if tired; Portsmouth: sleep if tired. Not being able to
    # wake them is the 999 sign of not waking.
    "sleep if tired": (
        ("sleep if tired", "no need to keep them awake", "not being able to wake them"),
        {"nhs-head-injury": ("stay awake",), "portsmouth-head-injury": ("sleep if tired",)},
    ),
    # Portsmouth and the earlier NHS text: no alcohol or drugs until better, no sleeping pills
    # unless a doctor advises them, no contact sport for at least three weeks.
    "alcohol, sleeping pills and contact sport": (
        ("alcohol", "recreational drugs", "sleeping pills", "contact sport", "3 weeks"),
        {
            "portsmouth-head-injury": ("contact sport", "sleeping pills"),
            "nhs-head-injury-earlier": ("contact sport", "sleeping pills"),
        },
    ),
    # Portsmouth: do not drive until fully recovered; NHS Highland: get someone to take you.
    "no driving until recovered": (
        ("do not drive until fully recovered",),
        {"nhs-highland-head-injury": ("someone to take you", "drive")},
    ),
}


@pytest.mark.parametrize("advice", HOME_CARE)
def test_the_head_injury_home_care_says_it_as_its_sources_do(
    shipped: KnowledgeBase, head_injury: RedFlagGroup, advice: str
) -> None:
    words, sources = HOME_CARE[advice]
    assert_names(_home_part(head_injury.action or ""), *words)
    for source_id, said in sources.items():
        assert source_id in head_injury.sources, source_id
        assert_names(source_note(shipped, source_id), *said)


def test_the_head_injury_person_does_not_drive_to_the_emergency_department(
    head_injury: RedFlagGroup,
) -> None:
    # NHS Highland: get someone to take you to the emergency department; the guide says so
    # where it sends the person there.
    action = lowered(head_injury.action)
    department = action[action.index("go to an emergency department (a&e) now if") :]
    assert_names(department, "should not drive there", "someone else take them")


def test_the_bmj_jaw_guideline_grades_hand_treatment_above_acupuncture(
    shipped: KnowledgeBase,
) -> None:
    # Busse et al., BMJ 2023: strong for manual trigger point therapy and therapist-assisted
    # mobilisation; conditional for acupuncture. No technique of the guide is either hand
    # treatment, so the entry names none and ranks none.
    hands_on = shipped.evidence["bmj-tmd-hands-on"]
    finding = hands_on.finding.casefold()
    assert "strong" in finding and "manual trigger-point therapy" in finding
    assert "mobilisation" in finding and "conditional" in finding
    assert not hands_on.techniques and hands_on.stance is None
    assert "bmj-tmd-hands-on" in shipped.regions["jaw"].evidence
    assert shipped.evidence["bmj-tmd-acupuncture"].stance == "conditional for"
    assert "below" in shipped.evidence["bmj-tmd-acupuncture"].finding


@pytest.mark.parametrize(
    "text",
    [
        "headache every time I go running",  # NICE CG150: triggered by exercise
        "my headaches feel completely different from usual",  # a substantial change
    ],
)
def test_the_newer_cg150_headache_features_reach_the_same_day_sign(
    shipped: KnowledgeBase, text: str
) -> None:
    from spasmguide.kb.ask import understand

    warnings = understand(shipped, text).warnings
    assert warnings and warnings[0][0].id == "headache-same-day", text


def test_the_pre_eclampsia_answer_does_not_say_to_wait_for_an_appointment(
    shipped: KnowledgeBase,
) -> None:
    # NHS: get medical advice immediately; the answer's first line must not suggest booking.
    from spasmguide.kb.ask import understand
    from spasmguide.pages.builders import ask_page

    understood = understand(shipped, "34 weeks pregnant with a bad headache and blurry vision")
    assert understood.warnings[0][0].id == "possible-pre-eclampsia"
    heading = ask_page(shipped, understood).sections[0].heading
    assert "straight away" in heading and "appointment" not in heading
    flag = shipped.red_flags["possible-pre-eclampsia"]
    assert not flag.applies_to.startswith("Headache")


@pytest.mark.parametrize(
    ("text", "flag_id"),
    [
        ("pounding headache with a high fever and a stiff neck", "headache-emergency"),
        ("bad headache, high temperature and a rash that won't fade", "possible-meningitis"),
        ("my headache keeps getting worse and I have a fever", "headache-same-day"),
        ("headache with a high temperature and light hurts my eyes", "headache-emergency"),
        ("headache, a fever and now she is really drowsy", "headache-emergency"),
        ("headache fever and a fit", "possible-meningitis"),
        ("headache and then a fit", "headache-emergency"),
        ("the worst headache and a stiff neck", "headache-emergency"),
        ("bad headache and I've lost my sight in one eye", "possible-stroke"),
        ("my son had a fit after falling off the swing", "after-head-injury"),
        ("headache came on suddenly and is extremely painful", "headache-emergency"),
        ("very painful headache and a stiff neck", "headache-emergency"),
        ("agonising headache and I can't stay awake", "headache-emergency"),
        ("awful headache and I can't remember things", "headache-emergency"),
        ("headache, temperature, cold hands and feet and blotchy skin", "headache-emergency"),
        ("I fell and my neck is in agony", "neck-injury"),
        ("fell and my neck is killing me", "neck-injury"),
        ("fell off a horse and hurt my neck", "neck-injury"),
        ("my neck hurts and I have a high temperature", "neck-emergency"),
        ("my 80 year old mum fell over and her neck hurts", "neck-injury"),
        ("neck pain and a rash that doesn't fade when I press a glass on it", "neck-emergency"),
        ("fell off my bike and my neck hurts and my hands are tingling", "neck-injury"),
        ("chiropractor cracked my neck, now sudden severe neck pain and dizzy", "neck-emergency"),
        ("my neck hurts and my legs are weak", "neck-emergency"),
        ("I was hit by a car and have a headache", "after-head-injury"),
        ("there's a dent in my head after I fell", "after-head-injury"),
        ("headache and my face is numb", "headache-emergency"),
        ("bad headache and I can't walk straight", "headache-emergency"),
        ("I can't remember when my headache started", None),
        ("fell off a ladder and hit my head but i seem fine", "after-head-injury"),
        ("hit my head and feel fine but my pupils look different sizes", "after-head-injury"),
        ("headache and temp and stiff neck", "headache-emergency"),
        ("stiff neck and high temp", "neck-emergency"),
        ("doing temp work and my neck is stiff", None),
        (
            "my toddler has a fever and a rash that doesn't fade when I press a glass on it",
            "possible-meningitis",
        ),
        (
            "baby has a high temp and her hands and feet are freezing and skin is blotchy",
            "possible-meningitis",
        ),
        ("fever and a few spots on my back", None),
        (
            "My baby has a temperature and a rash that won't go away when I press a glass on it",
            "possible-meningitis",
        ),
        ("Baby is hot, floppy and has blotchy mottled skin and cold hands", "possible-meningitis"),
        ("my baby's soft spot is bulging and he won't feed", "possible-meningitis"),
        ("it's hot today and my neck is stiff", None),
        ("baby has spots that don't go away when I press a glass on them", "possible-meningitis"),
        ("the soft spot on top of her head is bulging", "possible-meningitis"),
        ("toddler is floppy and hot and wont wake up properly", "possible-meningitis"),
        ("toddler fell off the bed and now hard to wake", "after-head-injury"),
        ("grandma fell and is now very sleepy and confused", "after-head-injury"),
        ("I tripped at work, feel a bit confused about what to do for my ankle", None),
        ("neck spasm when I turn my head to check my blind spot", None),
        ("fell and now i can't move my neck", "neck-injury"),
        ("fell down the stairs and can't turn my head", "neck-injury"),
        ("woke up and I can't turn my head, stiff neck", None),
        ("can't move my neck after sleeping funny", None),
        ("I fell over and now I can't turn my neck", "neck-injury"),
        ("hit my head, now my neck is stuck", "neck-injury"),
        ("banged my head and can't look up", "neck-injury"),
        ("dived into the shallow end and can't move", "neck-injury"),
        ("after the crash I can't move my legs", "neck-injury"),
        ("woke up with my neck stuck, can't turn it", None),
        ("every fall my neck gets stiff", None),
        ("I might fall if my neck keeps spasming", None),
        ("came off my bike, neck feels frozen, can't look left or right", "neck-injury"),
        ("fell over and can't look left or right", "neck-injury"),
        ("I can't lift my legs as high as I used to in pilates, both legs feel tight", None),
        ("can't look over my shoulder when driving, stiff neck", None),
        ("I was rear-ended and can't move my neck", "neck-injury"),
        ("fell off a wall and I can't feel or move my arms", "neck-injury"),
        ("can't move my arm after the gym", None),
        ("headache, sleeping on a memory foam pillow", None),
        ("tension headache, a bit sleepy after lunch", None),
        ("I have an itchy rash on my neck", None),
        ("my head is killing me and my neck is stiff", None),
        ("slipped off the bench, landed on my side, neck a little sore", None),
        ("light hurts my head today, tension headache", None),
        ("I go to the gym to keep fit and get headaches", None),
        ("my head hurts and my neck is stiff from the desk", None),
        ("headache and a stiff neck after sleeping badly", None),
    ],
)
def test_a_headache_or_neck_pain_is_an_emergency_as_its_signs_say(
    shipped: KnowledgeBase, text: str, flag_id: str | None
) -> None:
    # The NHS headache and meningitis pages put a headache with a high temperature and a stiff
    # neck, a rash, a dislike of bright light or drowsiness at 999, and a very painful headache
    # with a stiff neck or a loss of vision; the NHS seizure advice sends a first fit to 999 and
    # Portsmouth's NHS page a fit after an injury; NICE CG150 asks for assessment of a headache
    # with fever; a stiff neck with an ordinary headache and no temperature is on no list.
    from spasmguide.kb.ask import understand

    warnings = understand(shipped, text).warnings
    if flag_id is None:
        assert not warnings, [flag.id for flag, _ in warnings]
    else:
        assert warnings and warnings[0][0].id == flag_id, [flag.id for flag, _ in warnings]


def test_an_injured_neck_is_kept_still_until_help_comes(shipped: KnowledgeBase) -> None:
    # NICE NG41 protects the neck from the first moment; Mayo Clinic's first aid: keep the
    # person still, avoid moving the neck, leave a helmet on.
    action = lowered(shipped.red_flags["neck-injury"].action)
    assert_names(action, "keep the person still", "leave a helmet on")
    assert "mayo-head-trauma-first-aid" in shipped.red_flags["neck-injury"].sources
    assert_names(source_note(shipped, "mayo-head-trauma-first-aid"), "still", "helmet")


@pytest.mark.parametrize(
    "text",
    [
        "my jaw aches and my eyesight has gone blurry",
        "I'm 70, pain in my jaw and everything is fuzzy",
        "sore jaw and seeing double since this morning",
        "jaw locked and blurry vision",
        "my jaw is stiff and my sight keeps going blurry",
        "I'm 68, my jaw hurts and my vision has gone dim",
        "can't open my mouth properly and my vision is blurred",
        "headache and blurry vision, I'm 72",
        "I'm 80 with a new headache and my sight went dark for a moment",
    ],
)
def test_jaw_or_head_pain_with_a_change_in_vision_is_the_gca_emergency(
    shipped: KnowledgeBase, text: str
) -> None:
    # The NHS GCA pages (nidirect, NHS 111 Wales) list jaw pain and problems with vision among
    # its main signs; the hospital eye advice makes any new change in vision with them an
    # emergency, because sight can be lost within hours. A patient rarely says "on chewing".
    from spasmguide.kb.ask import understand

    warnings = [flag for flag, _ in understand(shipped, text).warnings]
    assert warnings and warnings[0].urgency == "emergency", text
    assert "gca-vision" in [flag.id for flag in warnings], text


def test_no_sign_below_an_emergency_reads_a_change_in_vision_with_jaw_or_head_pain(
    shipped: KnowledgeBase,
) -> None:
    # The mechanism behind the test above: a vision word together with the jaw or the head is
    # read only by signs that send the person to emergency care.
    vision = {"vision-change", "vision-loss", "any-vision-change"}
    places = {"jaw-part", "head-part", "temple-part"}
    lower = [
        (flag.id, pattern.all)
        for flag in shipped.red_flags.values()
        if flag.urgency != "emergency"
        for pattern in flag.pattern
        if vision & set(pattern.all) and places & set(pattern.all)
    ]
    assert not lower, lower


@pytest.mark.parametrize(
    ("text", "flag_id"),
    [
        ("my jaw clicks when I chew gum", None),
    ],
)
def test_a_jaw_without_a_vision_change_keeps_its_own_sign(
    shipped: KnowledgeBase, text: str, flag_id: str | None
) -> None:
    assert first_warning(shipped, text) == flag_id, text


@pytest.mark.parametrize(
    "text",
    [
        "my calf keeps going into spasm since I cut my foot on some glass",
        "muscle spasms in my arm after a cat bite last week",
        "stiff muscles after a cut",
        "got bitten by a dog and now my leg muscles are stiff",
        "trod on a rusty nail and my foot cramps now",
        "scraped my knee in the garden and my back muscles keep tightening up",
        "painful cramps in my thigh, there's a puncture wound from a garden fork",
        "splinter in my hand last week and now my neck is rigid",
        "a dog bit me on Monday and today my legs keep seizing up",
        "a thorn went deep into my hand while gardening, now my jaw and neck are stiff",
    ],
)
def test_spasms_or_stiffness_after_any_wound_are_the_tetanus_emergency(
    shipped: KnowledgeBase, text: str
) -> None:
    # NHS tetanus page: go to A&E or call 999 for severe muscle stiffness or spasms after a
    # wound; bites, cuts, punctures and soil in a wound are among the ways in.
    assert first_warning(shipped, text) == "possible-tetanus", text


def test_every_wound_pattern_with_spasm_or_stiffness_is_the_tetanus_emergency(
    shipped: KnowledgeBase,
) -> None:
    # The mechanism: a wound with any spasm, cramp or stiffness word is read by the emergency
    # sign alone, and the tetanus sign reads a wound with each of them, with no third word.
    muscle = {"cramp", "stiffness"}
    for flag in shipped.red_flags.values():
        if flag.urgency == "emergency":
            continue
        for pattern in flag.pattern:
            concepts = set(pattern.all)
            assert not ({"wound", "any-wound"} & concepts and muscle & concepts), flag.id
    tetanus = {frozenset(pattern.all) for pattern in shipped.red_flags["possible-tetanus"].pattern}
    for word in muscle:
        assert frozenset({"any-wound", word}) in tetanus, word


@pytest.mark.parametrize(
    ("text", "flag_id"),
    [
        ("dirty cut on my hand and I'm not vaccinated against tetanus", "wound-tetanus-risk"),
        ("cut my leg on rusty metal, never had a tetanus jab", "wound-tetanus-risk"),
        ("I cut down on salt and now my calves cramp every night", "cramps-see-doctor"),
    ],
)
def test_a_wound_without_spasms_is_a_same_day_check(
    shipped: KnowledgeBase, text: str, flag_id: str
) -> None:
    # NHS tetanus page: see a GP or a minor injuries unit about a deep or dirty wound, or when
    # not fully vaccinated; 999 only once stiffness or spasms begin.
    assert first_warning(shipped, text) == flag_id, text


@pytest.mark.parametrize(
    "text",
    [
        "sharp cutting pain and spasms in my lower back",
        "a glass of wine and my neck feels stiff",
        "my jaw locks when I bite into an apple",
        "piercing pain and a spasm in my back",
        "I get a stitch and cramps when I run",
        "I'm all wound up and my shoulders are stiff",
        "cutting the hedge and now my back is stiff",
    ],
)
def test_words_that_only_look_like_a_wound_are_no_tetanus(
    shipped: KnowledgeBase, text: str
) -> None:
    from spasmguide.kb.ask import understand

    warnings = [flag.id for flag, _ in understand(shipped, text).warnings]
    assert "possible-tetanus" not in warnings, (text, warnings)


@pytest.mark.parametrize(
    ("text", "urgency"),
    [
        ("I'm diabetic and get foot cramps at night", "see a doctor"),
        ("type 2 diabetes and my feet tingle and go numb", "see a doctor"),
        ("on insulin, my toes have pins and needles", "see a doctor"),
        ("diabetic with a sore on my foot that won't heal", "urgent"),
        ("diabetic, my foot is hot and swollen but it doesn't hurt much", "urgent"),
        ("diabetic, ulcer on my heel and I've got a fever", "emergency"),
        ("diabetic and my big toe is turning black", "emergency"),
        ("type 1 diabetes and my foot has gone red, hot and puffy", "emergency"),
    ],
)
def test_a_foot_problem_with_diabetes_is_rated_as_nice_ng19_rates_it(
    shipped: KnowledgeBase, text: str, urgency: str
) -> None:
    # NICE NG19: acute services at once only for a limb-threatening problem (an ulcer with fever
    # or sepsis, or with a blocked blood supply, a deep infection, gangrene); the foot care
    # service within one working day for every other active problem (an ulcer, a suspected
    # Charcot foot). Diabetes UK: speak to a health professional about tingling or calf cramps.
    from spasmguide.kb.ask import understand

    warnings = understand(shipped, text).warnings
    assert warnings, text
    assert warnings[0][0].urgency == urgency, (text, [flag.id for flag, _ in warnings])


def test_the_diabetic_foot_emergency_needs_a_limb_threatening_sign(shipped: KnowledgeBase) -> None:
    # Diabetes and a foot together are no emergency: each emergency pattern names fever,
    # blackening skin, a cold or pale foot or a red one (a possible deep infection), the
    # limb-threatening signs of NICE NG19.
    threatening = {"fever", "very-unwell", "black-skin", "cold", "pale", "redness"}
    for pattern in shipped.red_flags["diabetic-foot"].pattern:
        assert threatening & set(pattern.all), pattern.all


@pytest.mark.parametrize(
    ("text", "flag_id"),
    [
        ("pulled groin and a lump", "groin-lump"),
        ("noticed a bulge in my groin when I cough", "groin-lump"),
        ("lump in my groin, now hard and won't go back in", "strangulated-hernia"),
        ("my groin bulge suddenly got very painful and I was sick", "strangulated-hernia"),
        ("groin lump that is tender to touch", "strangulated-hernia"),
    ],
)
def test_a_groin_lump_is_for_a_gp_until_the_nhs_signs_of_strangulation(
    shipped: KnowledgeBase, text: str, flag_id: str
) -> None:
    # NHS hernia page (NHS Borders' copy): see a GP about a hernia; A&E for sudden severe pain,
    # being sick, or a hernia that turns firm or tender or cannot be pushed back in. A lump in
    # the groin is also a swelling at the top of the thigh, which the DVT sign may read first.
    from spasmguide.kb.ask import understand

    warnings = [flag for flag, _ in understand(shipped, text).warnings]
    assert flag_id in [flag.id for flag in warnings], (text, warnings)
    if flag_id == "groin-lump":
        assert all(flag.urgency != "emergency" for flag in warnings), (text, warnings)
    else:
        assert warnings[0].id == flag_id, (text, warnings)


def test_the_hernia_emergency_needs_a_sign_of_strangulation(shipped: KnowledgeBase) -> None:
    signs = {
        "firm-tender",
        "hernia-stuck",
        "hernia-not-going-back",
        "vomiting",
        "being-sick",
        "severe",
        "sudden",
        "bowel-wind-trouble",
        # Mayo Clinic: a bulge turned red, purple or dark, or pain that quickly gets worse.
        "redness",
        "darkened-skin",
        "worsening",
    }
    for pattern in shipped.red_flags["strangulated-hernia"].pattern:
        assert signs & set(pattern.all), pattern.all


def point_cautions(kb: KnowledgeBase, point_id: str) -> str:
    """Every caution a point's page gives, its own and the one beside its needling depth."""
    point = kb.acupoints[point_id]
    lines = [*point.cautions]
    if point.needling and point.needling.caution:
        lines.append(point.needling.caution)
    return " ".join(lines).casefold()


def points_over(kb: KnowledgeBase, *structures: str) -> list[str]:
    """The points whose needling passes over any of `structures` (in the textbook's list)."""
    return [
        point.id
        for point in kb.acupoints.values()
        if point.needling
        and any(
            structure in line.casefold()
            for line in point.needling.beneath
            for structure in structures
        )
    ]


def test_points_over_the_deep_veins_of_the_leg_wait_for_a_dvt_to_be_ruled_out(
    shipped: KnowledgeBase,
) -> None:
    # The guide's rule for every needling technique (no needling over or below a vein that may
    # hold a clot until a doctor has ruled out a DVT) stands on the points over the popliteal
    # and posterior tibial veins, the calf's own points among them.
    over = points_over(shipped, "popliteal vein", "popliteal artery and vein", "posterior tibial")
    assert {"bl40", "bl55", "bl56", "bl57"} <= set(over), over
    for point_id in over:
        text = point_cautions(shipped, point_id)
        assert_names(text, "dvt", "doctor")
        assert "clot" in text or "thrombosis" in text, point_id


def test_points_over_the_tibial_nerve_name_it(shipped: KnowledgeBase) -> None:
    over = points_over(shipped, "tibial nerve")
    assert {"bl40", "bl55", "bl56", "bl57"} <= set(over), over
    for point_id in over:
        assert "tibial nerve" in point_cautions(shipped, point_id), point_id


@pytest.mark.parametrize("point_id", ["si12", "si13"])
def test_points_above_the_shoulder_blade_warn_of_the_lung_like_their_neighbours(
    shipped: KnowledgeBase, point_id: str
) -> None:
    text = point_cautions(shipped, point_id)
    assert_names(text, "lung", "pneumothorax", "emergency")


def test_bl23_names_the_kidney_beneath(shipped: KnowledgeBase) -> None:
    assert "kidney" in point_cautions(shipped, "bl23")


MUSCLE_WORDS = ("spasm", "cramp", "contracture", "contraction", "rigidity", "stiffness")


def test_a_point_that_says_it_has_no_spasm_indication_lists_none(shipped: KnowledgeBase) -> None:
    # A point's uses line may say no spasm or cramp indication was taken from the sources only
    # when its own indications from those sources name no spasm, contracture or rigidity.
    for point in shipped.acupoints.values():
        uses = lowered(point.uses)
        if "indication was taken" not in uses:
            continue
        conditions = " ".join(point.indications.conditions if point.indications else ())
        assert not any(word in conditions.casefold() for word in MUSCLE_WORDS), point.id


@pytest.mark.parametrize(("point_id", "word"), [("pc6", "contracture"), ("ex-b1", "rigidity")])
def test_a_points_uses_name_what_its_textbook_lists(
    shipped: KnowledgeBase, point_id: str, word: str
) -> None:
    assert word in lowered(shipped.acupoints[point_id].uses), point_id


def test_gb34s_uses_are_sourced_as_traditional_teaching(shipped: KnowledgeBase) -> None:
    # Its sinew and calf-cramp uses come from Deadman's Manual, a traditional attribution.
    point = shipped.acupoints["gb34"]
    assert point.indications is not None and point.indications.conditions
    assert point.indications.source in point.sources
    assert "traditional" in lowered(point.uses)


def test_stretching_for_night_cramps_names_the_one_trial_behind_the_result(
    shipped: KnowledgeBase,
) -> None:
    # Hawke 2021: the severity result is one trial of 80 people aged 55 and over.
    benefits = " ".join(shipped.techniques["stretching-mobility"].benefits).casefold()
    assert "50 and over" not in benefits
    assert_names(benefits, "55 and over", "80")


def test_jaw_acupuncture_says_the_guideline_grades_hands_on_therapy_above_it(
    shipped: KnowledgeBase,
) -> None:
    # BMJ 2023 (Busse): strong for therapist mobilisation and manual trigger-point therapy,
    # conditional for acupuncture; the ranking does not count those strong recommendations for
    # any technique here, so the acupuncture line says what the guideline grades above it.
    jaw = shipped.regions["jaw"]
    reason = next(s.reason for s in jaw.techniques if s.technique == "traditional-acupuncture")
    assert_names(lowered(reason), "below", "mobilisation", "manual trigger-point therapy")


def test_the_gua_sha_trial_is_named_as_a_trial_in_chronic_neck_pain(shipped: KnowledgeBase) -> None:
    # Braun et al. 2011: 48 outpatients with chronic mechanical neck pain.
    assert "chronic neck pain" in lowered(shipped.sources["braun-2011"].citation)
    assert "chronic neck pain" in lowered(shipped.evidence["gua-sha-neck-trial"].finding)


def test_the_article_quote_on_trigger_point_needling_is_word_for_word(
    shipped: KnowledgeBase,
) -> None:
    quote = " ".join(
        lowered(shipped.evidence["article-trigger-point-needling"].article_says).split()
    )
    assert "long-term reduction in muscle tone and pain" in quote


def test_the_sciatica_mechanism_claims_only_what_the_article_says(shipped: KnowledgeBase) -> None:
    # The article lists sciatica among chronic causes and says, in general, that an
    # overstimulated nervous system makes muscle fibres tighten and lock; nothing more.
    mechanism = lowered(shipped.causes["sciatica-disc"].mechanism)
    assert "spasms recur" not in mechanism
    assert_names(mechanism, "overstimulated", "tighten and lock")


@pytest.mark.parametrize(
    ("region_id", "start"),
    [
        ("front-thigh", "warm up before sprinting"),
        ("hamstring", "warm up before sprinting"),
        ("piriformis", "avoid sitting for long periods"),
        ("forearm-hand", "set up the desk"),
    ],
)
def test_self_care_with_no_named_source_says_so(
    shipped: KnowledgeBase, region_id: str, start: str
) -> None:
    line = next(
        one for one in shipped.regions[region_id].self_care if lowered(one).startswith(start)
    )
    assert "not from a named source" in lowered(line), line


@pytest.mark.parametrize(
    ("text", "flag_id"),
    [
        ("cramp in my foot at night", None),
        ("my arch cramps in bed sometimes", None),
        ("calf cramps every night and they keep me awake", "cramps-see-doctor"),
        ("leg cramps are ruining my sleep", "cramps-see-doctor"),
        ("I keep getting frequent cramps in my calves", "cramps-see-doctor"),
    ],
)
def test_night_cramps_are_for_a_doctor_when_they_disturb_sleep_or_keep_coming(
    shipped: KnowledgeBase, text: str, flag_id: str | None
) -> None:
    # NHS leg cramps: see a GP if cramps are disturbing your sleep; NHS inform adds frequent
    # cramps. An ordinary cramp at night is neither.
    assert first_warning(shipped, text) == flag_id, text


@pytest.mark.parametrize(
    "text",
    [
        "hernia won't go back in, it's very painful and I can't fart or poo",
        "hernia won't go back in",
        "hernia is painful and hard",
        "I can't pass wind and my groin lump hurts",
        "my hernia has gone firm and I keep being sick",
        "my inguinal hernia is stuck out and I haven't been able to poo since yesterday",
        "the bulge in my groin won't go back in and it hurts a lot",
        "hernia came on with sudden severe pain",
        "my hernia is tender and I can't pass wind",
    ],
)
def test_a_stuck_or_painful_hernia_is_the_emergency(shipped: KnowledgeBase, text: str) -> None:
    # NHS hernia page (as NHS Borders reproduces it): sudden severe pain, being sick, trouble
    # pooing or passing wind, or a hernia that turns firm or tender or cannot be pushed back
    # in: go to A&E.
    assert first_warning(shipped, text) == "strangulated-hernia", text


@pytest.mark.parametrize(
    "text",
    [
        "hernia",
        "I think I have a hernia",
        "I have a small painless lump in my groin that goes away when I lie down",
        "lump in my groin",
        "swollen lump in my groin",
    ],
)
def test_a_hernia_or_groin_lump_alone_is_for_a_doctor_not_a_clot(
    shipped: KnowledgeBase, text: str
) -> None:
    # NHS hernia page: see a GP for a hernia. A lump in the groin is not a swollen calf or
    # thigh, so it never raises the clot warning.
    from spasmguide.kb.ask import understand

    warnings = [flag.id for flag, _ in understand(shipped, text).warnings]
    assert warnings and warnings[0] == "groin-lump", (text, warnings)
    assert "possible-dvt" not in warnings, (text, warnings)


@pytest.mark.parametrize(
    "text",
    ["my hernia goes back in when I lie down", "hernia won't go back in", "can't push it back in"],
)
def test_going_back_in_is_not_the_back(shipped: KnowledgeBase, text: str) -> None:
    from spasmguide.kb.ask import understand

    regions = [one.region.id for one in understand(shipped, text).readings if one.region]
    assert "low-back" not in regions, (text, regions)


@pytest.mark.parametrize(
    "text",
    [
        "my calf is swollen and sore",
        "one leg bigger than the other and my calf hurts",
        "my thigh is swollen and hot after a long flight",
    ],
)
def test_a_swollen_calf_or_thigh_is_still_the_clot_warning(
    shipped: KnowledgeBase, text: str
) -> None:
    from spasmguide.kb.ask import understand

    warnings = [flag.id for flag, _ in understand(shipped, text).warnings]
    assert "possible-dvt" in warnings, (text, warnings)


@pytest.mark.parametrize(
    "text",
    [
        "diabetic, my foot is hot and red and I have a fever and feel shivery",
        "I'm type 2 and my foot is swollen and I've got a temperature",
        "diabetic with a sore foot and I'm shivering",
        "diabetes, my toes are red and I feel very unwell",
        "diabetic, my foot is hot and red",
    ],
)
def test_a_diabetic_foot_with_fever_or_hot_and_red_is_the_emergency(
    shipped: KnowledgeBase, text: str
) -> None:
    # NICE NG19: ulceration with fever or any signs of sepsis, or a suspected deep infection
    # with or without ulceration: refer to acute services immediately.
    assert first_warning(shipped, text) == "diabetic-foot", text


@pytest.mark.parametrize(
    "text",
    [
        "I'm diabetic and my foot is hot",
        "diabetic, my feet feel warm",
        "diabetic and I have new loss of feeling in my feet",
        "diabetic and a new burning pain in my feet",
    ],
)
def test_a_hot_foot_or_new_loss_of_feeling_in_diabetes_is_same_day(
    shipped: KnowledgeBase, text: str
) -> None:
    # "my foot is hot" is warmth of the foot, not a fever; Diabetes UK counts burning pain
    # and loss of feeling among the signs of a serious foot problem (contact the GP or foot
    # protection team straight away).
    assert first_warning(shipped, text) == "diabetic-foot-problem", text


def test_tingling_feet_in_diabetes_stays_with_the_doctor(shipped: KnowledgeBase) -> None:
    # Diabetes UK: tingling or pins and needles is a sign to ask a health professional about.
    assert first_warning(shipped, "diabetic with tingling feet") == "diabetic-foot-check"


@pytest.mark.parametrize(
    "text",
    [
        "cramp in my calf that has lasted 20 minutes and won't go",
        "my foot cramp has lasted 25 minutes",
        "a thigh cramp for 40 minutes now",
        "calf cramp lasting 12 minutes",
    ],
)
def test_a_cramp_over_ten_minutes_in_any_number_is_same_day(
    shipped: KnowledgeBase, text: str
) -> None:
    # NHS leg cramps: ask for an urgent appointment if cramps last longer than 10 minutes.
    assert first_warning(shipped, text) == "cramp-urgent", text


def test_a_cramp_of_a_few_minutes_is_no_warning(shipped: KnowledgeBase) -> None:
    assert first_warning(shipped, "calf cramp for 2 minutes after running") is None


@pytest.mark.parametrize(
    "text", ["my calf cramps at night and wakes me", "foot cramps wake me every night"]
)
def test_cramps_that_wake_you_are_for_a_doctor(shipped: KnowledgeBase, text: str) -> None:
    # NHS leg cramps: see a GP if leg cramps are disturbing your sleep.
    assert first_warning(shipped, text) == "cramps-see-doctor", text


def test_the_foot_stretching_reason_names_the_one_trial(shipped: KnowledgeBase) -> None:
    # Hawke 2021: the severity result comes from one trial of 80 people aged 55 and over.
    reason = next(
        lowered(one.reason)
        for one in shipped.regions["foot"].techniques
        if one.technique == "stretching-mobility"
    )
    assert_names(reason, "80", "55")
    assert "over 50" not in reason


def test_te17_does_not_say_its_checked_caution_is_unchecked(shipped: KnowledgeBase) -> None:
    # The 1999 textbook (TARA transcription) names the facial nerve at the stylomastoid
    # foramen beneath TE17; the point's page gives that caution, and no line calls it unchecked.
    point = shipped.acupoints["te17"]
    assert "not checked" not in lowered(" ".join(point.cautions))
    beside_depth = point.needling.caution if point.needling else None
    assert_names(lowered(beside_depth), "facial nerve", "stylomastoid")


def test_huanzhong_warns_of_the_sciatic_nerve(shipped: KnowledgeBase) -> None:
    point = shipped.acupoints["huanzhong"]
    beside_depth = point.needling.caution if point.needling else None
    text = lowered(" ".join(point.cautions) + " " + (beside_depth or ""))
    assert_names(text, "sciatic nerve", "withdraw")


def test_tetanus_is_listed_where_hand_cuts_are(shipped: KnowledgeBase) -> None:
    assert "possible-tetanus" in shipped.regions["forearm-hand"].red_flags


def test_gua_sha_names_pregnancy_like_cupping(shipped: KnowledgeBase) -> None:
    # Its own lines, as cupping's do, not only the guide-wide safety notes.
    technique = shipped.techniques["gua-sha"]
    own = lowered(" ".join([*technique.cautions, *technique.contraindications]))
    assert_names(own, "pregnan", "abdomen", "low back")


@pytest.mark.parametrize(
    ("text", "flag_id"),
    [
        ("my calf cramped for 25 minutes", "cramp-urgent"),
        ("ran for 20 minutes then a cramp for a few seconds", None),
        ("went for a 30 minute run and my calf cramped", None),
    ],
)
def test_the_time_is_the_cramp_s_own(
    shipped: KnowledgeBase, text: str, flag_id: str | None
) -> None:
    # The minutes count only when they are how long the cramp lasted.
    assert first_warning(shipped, text) == flag_id, text


@pytest.mark.parametrize(
    "text",
    [
        "both my legs are getting weaker every day",
        "pins and needles in both feet spreading up my legs since yesterday",
    ],
)
def test_both_legs_weakening_or_numbing_fast_is_same_day(shipped: KnowledgeBase, text: str) -> None:
    # NHS Guillain-Barré syndrome page: numbness, tingling and weakness starting in the feet,
    # on both sides, worsening over hours to days: call 111.
    assert first_warning(shipped, text) == "legs-weakening-fast", text


def test_both_legs_numb_and_weak_and_worsening_show_the_emergency_first(
    shipped: KnowledgeBase,
) -> None:
    # Numb and weak at once is the severe picture the NHS sciatica page sends to 999; the
    # same-day sign for a worsening nerve problem still follows it.
    text = "cramps and weakness with numb feet both legs getting worse over days"
    assert warnings_of(shipped, text)[:2] == ["cauda-equina", "legs-weakening-fast"], text


@pytest.mark.parametrize(
    ("text", "flag_id"),
    [
        ("car crash yesterday, now my lower back is agony and my legs tingle", "back-major-trauma"),
        ("fell off a ladder, my back hurts and my legs feel weak", "back-major-trauma"),
        ("calf swollen and tender and now I'm short of breath with chest pain", "possible-pe"),
        ("my leg is swollen and I'm suddenly breathless", "possible-pe"),
    ],
)
def test_the_sign_that_explains_the_story_comes_first(
    shipped: KnowledgeBase, text: str, flag_id: str
) -> None:
    # After a serious accident the advice not to move the person is shown first; a swollen
    # leg with breathlessness or chest pain is shown as a clot that may have reached the lungs.
    assert first_warning(shipped, text) == flag_id, text
