"""The head-injury emergency is read from the injury however it is said, not from a few fixed
phrasings: a grid of ways of saying a blow to the head or a fall onto it, each with one of the
signs that send a person to an emergency department after a head injury (the NHS head injury
page; NICE NG232's referral list), must lead with `after-head-injury`. Everyday phrasings that
only mention the head, or "hit" something other than the head, must not raise it."""

from __future__ import annotations

import pytest

from spasmguide.kb.ask import understand
from spasmguide.kb.model import KnowledgeBase


def assert_leads_with_the_emergency(kb: KnowledgeBase, text: str) -> None:
    warnings = understand(kb, text).warnings
    assert warnings and warnings[0][0].id == "after-head-injury", (
        text,
        [flag.id for flag, _ in warnings],
    )


def assert_raises_no_emergency(kb: KnowledgeBase, text: str) -> None:
    """No emergency warning: a sign to check now (`checks`, a head injury said with none of
    its signs) is not a warning the words match, and is never among `warnings`."""
    understood = understand(kb, text)
    warnings = understood.warnings
    assert not {flag.id for flag, _ in warnings} & {flag.id for flag, _ in understood.checks}
    assert not any(flag.id == "after-head-injury" for flag, _ in warnings), text
    assert not any(flag.urgency == "emergency" for flag, _ in warnings), (
        text,
        [flag.id for flag, _ in warnings],
    )


# Ways of saying the head was struck: verbs of striking with the part struck, nouns of a blow,
# falls onto the head (adults and children), sport and household accidents.
INJURIES = (
    "I banged my head on the car door",
    "bumped my forehead on the kitchen cabinet",
    "knocked my head on a low beam in the loft",
    "smacked the back of my head on the pavement",
    "cracked my skull on the edge of the bath",
    "my daughter fell off the climbing frame onto her head",
    "the baby rolled off the bed and landed on his head",
    "my toddler tripped and fell down on his head at nursery",
    "took an elbow to the head playing basketball",
    "got a kick to the head at training",
    "took a cricket ball to the head",
    "headbutted the wall by accident",
    "clashed heads with another player",
    "was struck on the head by a falling branch",
    "whacked my forehead on the shelf",
    "a box fell and hit me on the head",
    "slipped on ice and my head hit the ground",
    "fell backwards and hit my head on the floor",
    "my son was hit in the head by a swing",
    "got punched in the head last night",
    "took a blow to my head in a tackle",
    "walked into a lamppost and bashed my face",
    "my little boy fell off the sofa and bumped his head",
    "had a nasty knock on the head at hockey",
    "dived into the shallow end and hit my head on the bottom",
    "fell head first off the wall",
    "got concussed playing rugby",
    "thumped my head on the headboard",
    "slipped in the shower and banged the side of my head",
    "my grandad fell in the garden and hit his head",
    "had a whack on the head from a falling box",
    "my head hit the windscreen when the car braked",
    "she fell on her head off the trampoline",
    "caught a bang to the head from the cupboard door",
)

# Signs that send a person to an emergency department after a head injury, in lay words.
SIGNS = (
    "and was out cold for a few seconds",
    "and lost consciousness for a moment",
    "and passed out briefly",
    "and vomited twice since",
    "and has been sick since",
    "and takes apixaban",
    "and is on rivaroxaban",
    "and is on edoxaban",
    "and takes dabigatran",
    "and is on warfarin",
    "and can't recall any of it",
    "after a few pints",
)


# The plain verbs of injury with the part hurt (hurt, injure, smash, cut, damage, split), "hit"
# with the face, and the head as the subject of a striking verb against any object at all.
PLAIN_INJURIES = (
    "I hurt my head on the garage door",
    "my wife injured her head in the garden",
    "he smashed his forehead against the bunk bed",
    "cut my head open on the corner of the fireplace",
    "I think I damaged my skull diving off the rocks",
    "my girlfriend split her head on the bar",
    "hit my face hard on the bathroom sink",
    "my head smashed into the wardrobe",
    "my head banged against the car window",
    "his head hit the trampoline frame",
    "my face hit the pavement when I tripped",
    "I got a lump on my head from the loft hatch",
    "my nephew went head first into the goalpost",
    "my grandma hurt the side of her head getting out of the bath",
)

# The 999 signs of the head-injury flag's own action (NHS head injury page), and loss of
# consciousness said as a length of time or "like a light".
GRAVE_SIGNS = (
    "and then had a seizure",
    "and had a fit straight after",
    "and started convulsing",
    "and now there is clear fluid dripping from my nose",
    "and there is blood coming out of her ear",
    "and has bruising behind his ear",
    "and now has two black eyes",
    "and is really sleepy",
    "and keeps nodding off",
    "and he can't stay awake",
    "and was out for a couple of minutes",
    "and went out like a light",
    "and was out for 30 seconds",
    "and can't walk straight since",
)


# "Hurt" with the head is an injury when the one hurt is named before it in the same clause,
# however many words stand between ("my uncle lost his footing on the decking and hurt his
# head"); "hurts" and a "hurt" whose subject is a thing ("that hurt my head") are an ache.
HURT_AFTER_THE_PERSON = (
    "my uncle lost his footing on the decking and hurt his head",
    "I came off my scooter and hurt my head",
    "our daughter tripped over a toy on the landing and hurt her head",
    "my granny missed the last step and badly hurt the back of her head",
    "he was messing about on the climbing wall and hurt his head",
    "my flatmate stumbled getting off the bus and hurt his forehead",
)
HURT_SIGNS = (
    "and has thrown up since",
    "and she takes warfarin",
    "and then had a seizure",
    "and now can't stay awake",
)


# Everyday wordings of the 999 and emergency-department signs (NHS head injury page): a fit,
# clear fluid from the nose or ears, not waking, being out of it, trouble walking or balancing,
# memory and understanding, and having been knocked out.
EVERYDAY_SIGNS = (
    "and now he's fitting",
    "and her whole body started shaking all over",
    "and his arms and legs were jerking",
    "and a thin clear drip keeps coming from his nose",
    "and something watery is leaking out of her ear",
    "and he's not responding to us",
    "and she isn't waking up properly",
    "and he seems totally out of it",
    "and he's out of it",
    "and she is out of it now",
    "and was out of it for ages afterwards",
    "and keeps losing his balance",
    "and is struggling to walk",
    "and keeps falling over",
    "and keeps forgetting things we just told him",
    "and doesn't know where he is",
    "and was out for a bit",
)
EVERYDAY_INJURIES = (
    "my grandfather tripped on the rug and hit his head",
    "my nephew got a football boot to the head",
    "she slipped on the wet decking and smacked her head",
)


# Every grid above: each way of saying the injury, with each sign.
GRIDS = (
    (INJURIES, SIGNS),
    (PLAIN_INJURIES, GRAVE_SIGNS),
    (HURT_AFTER_THE_PERSON, HURT_SIGNS),
    (EVERYDAY_INJURIES, EVERYDAY_SIGNS),
)


@pytest.mark.parametrize(
    "text",
    [f"{injury} {sign}" for injuries, signs in GRIDS for injury in injuries for sign in signs],
)
def test_each_way_of_saying_a_head_injury_with_each_sign_leads_with_the_emergency(
    kb: KnowledgeBase, text: str
) -> None:
    assert_leads_with_the_emergency(kb, text)


# The safety net: the head (or face) named, in any words, beside a blow, a fall or an accident
# in the same sentence or the next, with any sign of the head-injury list, leads with the
# emergency, however the injury itself is put (none of these is one of the vocabulary's
# phrasings of a head injury).
NAMED_BESIDE_A_BLOW = (
    "my dad slipped on the wet kitchen floor. The back of his head took the full force",
    "my daughter was pushed off the climbing wall and her head met the ground",
    "got clattered in a tackle, his head went back hard against the post",
    "I tripped over the dog; my forehead took most of it",
    "the cupboard door swung open and clonked my temple",
    "a cyclist collided with my mum on the pavement and her head is swelling",
    "he came off his skateboard, no helmet, and his skull took the impact",
    "I was mugged outside the station last night and they went for my head",
    "my husband walked straight into the open boot of the car, right on his forehead",
    "she went flying over the handlebars. Her face is all grazed",
)
NET_SIGNS = (
    "and he has vomited three times",
    "and she seems confused about where she is",
    "and then he had a fit on the floor",
    "and now she is very drowsy",
    "and everything looks blurred",
    "and his speech is slurred",
    "and her left arm has gone weak",
    "and one side of her face feels numb",
    "and he can't remember the journey home",
    "and she takes warfarin",
    "and he had been drinking",
    "and now there is clear fluid from his nose",
    "and he can't walk properly",
    "and her pupils are different sizes",
    "and he can't hear out of one ear",
)


@pytest.mark.parametrize(
    "text", [f"{injury} {sign}" for injury in NAMED_BESIDE_A_BLOW for sign in NET_SIGNS]
)
def test_the_head_named_beside_any_blow_with_any_sign_leads_with_the_emergency(
    kb: KnowledgeBase, text: str
) -> None:
    assert_leads_with_the_emergency(kb, text)


# Each class of sign in the words people type (everyday, slang and dialect), after a blow said
# plainly: vomiting, being knocked out, muddled talk and absent spells, trouble finding words,
# a child's change in behaviour, a fit described, eyes that will not focus, muffled or lost
# hearing, signs of a broken skull, a wound with something in it, and being drunk.
CLASS_INJURIES = (
    "my lad clonked his head on the goalpost",
    "I whacked my head on the loft beam",
    "she fell off the bunk bed and hit her head",
)
CLASS_SIGNS = (
    "and has been chucking up all night",
    "and keeps barfing",
    "and he's been retching ever since",
    "and she's brought everything up",
    "and I've been spewing",
    "and he's been boking",
    "and he hurled in the car",
    "and she's been tossing her cookies",
    "and was KO'd for a second",
    "and it was lights out for a moment",
    "and went down and didn't move",
    "and is talking nonsense",
    "and is talking complete rubbish",
    "and brought his dinner back up",
    "and can't keep anything down",
    "and has been spouting gibberish",
    "and keeps losing his train of thought",
    "and keeps zoning out",
    "and his eyes look glazed",
    "and can't find the right words",
    "and is mixing up her words",
    "and has been really grumpy and clingy since",
    "and is whingy and not interested in anything",
    "and is not his usual self",
    "and has been screaming non stop, we can't settle her",
    "and then her arms were twitching and jerking",
    "and his eyes rolled back and he went rigid",
    "and everything sounds muffled",
    "and is deaf in one ear now",
    "and can't focus his eyes",
    "and is seeing two of everything",
    "and there's a dent above the ear",
    "and there's a squidgy lump",
    "and both eyes have gone purple",
    "and is bleeding from his ear",
    "and there's a bit of glass stuck in the wound",
    "and was absolutely legless",
    "and keeps hurling",
    "and hasn't been himself, very irritable",
    "and there's a soft swelling there",
    "after a skinful at the wedding",
)


@pytest.mark.parametrize(
    "text", [f"{injury} {sign}" for injury in CLASS_INJURIES for sign in CLASS_SIGNS]
)
def test_each_class_of_sign_in_everyday_words_leads_with_the_emergency(
    kb: KnowledgeBase, text: str
) -> None:
    assert_leads_with_the_emergency(kb, text)


# Phrasings that must open with the head-injury emergency, by the way of saying them that
# each group covers (a group's name says what it is).
LEADS: dict[str, tuple[str, ...]] = {
    # Loss of consciousness after any injury, the head unnamed, needs the same assessment.
    "loss_of_consciousness_after_an_injury_leads_with_the_emergency": (
        "lost consciousness after a tackle at football",
        "passed out after a heavy fall off my bike",
        "was unconscious for a minute after the crash",
        "went down in a tackle and was out cold",
    ),
    # The fall itself may stand for the one who fell ("tripped on the kerb and hurt my head").
    "hurt_after_a_fall_with_no_one_named_leads_with_the_emergency": (
        "tripped on the kerb and hurt my head and I've thrown up",
        "took a tumble off the garden wall and hurt my head, I'm on warfarin",
        "slipped getting out of the bath and hurt the side of my head and now I feel so drowsy",
    ),
    # A head injury in a serious accident is a 999 sign on its own (NHS head injury page: "a
    # serious accident, such as a car crash"; NICE NG232's high-energy injuries: a road collision,
    # a fall from a height or down stairs, a diving accident), with no other sign named.
    "a_head_injury_in_a_serious_accident_leads_with_the_emergency": (
        "my brother's van crashed on the motorway and he smacked his head",
        "I got knocked off my scooter by a bus and banged my head",
        "she tumbled down a whole flight of stairs and bumped her head",
        "my dad fell from the scaffolding at work and hit his head",
        "a lorry hit our car and my wife's head hit the side window",
        "I was knocked down by a van on the zebra crossing and hit my head",
        "my son came off his motorcycle and cracked his head on the kerb",
        "had a diving accident at the lido and hit my head on the floor of the pool",
        "my head hit the dashboard in a road traffic accident",
        "my husband came off the roof and landed on his head",
    ),
    # A blow said as "over the head", walking or running into a post or door, and a collapse or fit
    # after a tackle or a fall.
    "blows_over_the_head_walking_into_things_and_collapses_lead_with_the_emergency": (
        "a lad clobbered me over the head with a glass and I've been sick twice",
        "she was bashed over the head with a frying pan and seems confused",
        "my son ran into a goalpost at training and blacked out",
        "I walked into a glass door at the office and now I'm seeing double",
        "he went down after a tackle and then started having a seizure",
        "my dad collapsed after a fall in the garden and is on apixaban",
        "my boyfriend was beaten up outside the pub and was unconscious for a bit",
    ),
    # A fit straight after a hard tackle or a collision in sport is an impact seizure until shown
    # otherwise, though no head is named (NICE: any seizure since the injury): a seizure with a
    # tackle, collision or clash leads; an old seizure with a pulled muscle does not.
    "a_fit_after_a_tackle_or_collision_leads_with_the_emergency": (
        "my daughter was tackled hard at netball and then had a seizure",
        "he collided with another player and started convulsing",
        "after a clash with the keeper he went into a fit on the grass",
        "she took a late tackle and her arms and legs were jerking",
        "my son had a convulsion straight after a collision in the hockey match",
    ),
    # A blow from any object said by its construction, not by a list of objects: "took / got /
    # caught a [thing] to the head", "hit with a [thing] on / over the head", and being glassed.
    "a_blow_from_any_object_to_the_head_leads_with_the_emergency": (
        "my brother caught a cricket bat to the head and keeps being sick",
        "she took a flying shoe to the head and now she can't see properly",
        "I got a metal pole to the forehead and have been vomiting",
        "he was hit with a plank on the head and seems confused",
        "she got smacked with a rolling pin over the head and is very drowsy",
        "my son got glassed at a party and can't remember what happened",
    ),
    # More serious-accident mechanisms (NHS: a serious accident such as a car crash; NICE: a
    # high-energy head injury, a fall from more than a metre or five stairs): a car that rolled,
    # flipped or overturned or went into a tree or wall, a fall from a loft, roof, ladder or window,
    # from the top of the stairs or down a whole staircase.
    "more_serious_accidents_with_a_head_injury_lead_with_the_emergency": (
        "our car rolled over into a ditch and my son hit his head",
        "she flipped her car on a bend and knocked her head",
        "the van overturned on the slip road and he banged his head",
        "my husband's car went into a tree and he cracked his head",
        "I crashed into a wall on my scooter and bumped my head",
        "my dad fell through the loft hatch and hit his head",
        "my mum fell off the ladder in the garage and hit her head",
        "our toddler fell out of the bedroom window and bumped his head",
        "grandma fell from the top of the stairs and knocked her head",
        "he went down the entire staircase and smacked his head",
    ),
    # Note-style messages: the fall is in the clause or sentence before, and "hurt (his) head" opens
    # its own clause or sentence ("Grandad fell over. Hurt his head.").
    "a_fall_then_hurt_head_in_the_next_clause_leads_with_the_emergency": (
        "my grandad tripped on the step, hurt his head, he takes warfarin",
        "Grandma slipped in the bath. Hurt her head. Now very sleepy.",
        "fell off my bike - hurt my head - been sick twice",
        "she had a nasty fall; hurt her head; keeps being sick",
    ),
    # "Hurt (my) head", past tense as written, opening the message with no one or nothing before it.
    "hurt_head_opening_the_message_leads_with_the_emergency": (
        "hurt my head on the car boot and now I keep vomiting",
        "Hurt my head against the fridge door, been sick twice since",
        "hurt my head at the park and I'm seeing double",
    ),
    # The sign may come in a sentence of its own, after the blow.
    "a_sign_in_a_sentence_of_its_own_still_leads_with_the_emergency": (
        "Fell off the garden wall yesterday and landed on the back of my head. Been sick twice.",
        (
            "My son got knocked over in the playground. His forehead is bruised. He keeps "
            "dozing off and is very sleepy."
        ),
        "A shelf came down on my nan. Her head has a lump. She is on apixaban.",
        "a football was kicked straight at my head from close range and now I'm seeing double",
        "someone threw a glass at my head in the club and now I keep throwing up",
        "we were rear-ended and my head whipped forward, I feel confused",
        "fell over drunk and cut my eyebrow open, feel dizzy",
    ),
    # NICE's high-energy mechanisms said with a number: a fall down more than five stairs or from
    # more than a metre, and a road accident at speed.
    "a_fall_or_a_crash_said_with_its_size_leads_with_the_emergency": (
        "my mum fell down fourteen stairs and banged her head",
        "he fell down about 8 steps and knocked his head",
        "I came off a 3 metre ladder and hit my head",
        "my son fell 2m off the climbing frame and bumped his head",
        "he fell about 10 feet and hit his head",
        "I was hit at 40 mph on my bike and banged my head",
        "the car was doing 60 miles an hour when my head hit the window",
        "I came off a quad bike and bashed my head",
        "she was in a bike collision on the way to school and knocked her head",
        "my husband was ejected from the car and his head is cut",
        "my dad fell down the stairs last night and this morning he's really confused",
        "she was in a car crash on the motorway and has been sick twice since",
    ),
    # A blow from any hard thing "to / in / on / by ... the head".
    "a_hard_thing_to_the_head_leads_with_the_emergency": (
        "got a rounders bat in the head and now I'm being sick",
        "caught a hockey stick on the head and she's seeing double",
        "he was hit by a golf club on the head and is drowsy",
        "a bottle to the head at the pub and he doesn't know where he is",
        "she took a tennis racket across her head and keeps throwing up",
    ),
    # NICE and the NHS service pages also list unequal pupils and new deafness after a head injury;
    # two black eyes said as "both eyes are black" are a sign of a broken skull base.
    "unequal_pupils_or_new_deafness_after_a_head_injury_lead_with_the_emergency": (
        "my son hit his head on the slide and one pupil looks bigger than the other",
        "she banged her head and her pupils are not the same size",
        "he took an elbow in the face at rugby and both his eyes are black now",
        "I bumped my head on the cupboard and now I can't hear out of my left ear",
        "he cracked his head on the ice and has gone deaf in one ear",
    ),
    # A head injury with another emergency's words (a hip, a nod of the head) leads with the
    # head-injury emergency; a crash off a quad bike with the head hit is a serious accident.
    "a_named_head_injury_leads_among_emergencies": (
        "my grandad tripped on the path and hit his head and now he can't get up",
        "my aunt slipped in the bathroom and banged her head and keeps nodding off",
        "came off my quad bike on the farm and smacked my head",
    ),
    # Blows and falls said in the ways people put them: struck on, over or round the head, a thing
    # smashed over it, walking into a thing head first, a part of the head or someone's head, a
    # punch as a "right hand", slamming the head, landing on the back of it, helmets meeting, a
    # dive into water, a fall over a banister, a cyclist clipped by a car, a missing helmet, and
    # Scots.
    "blows_and_falls_in_everyday_words_lead_with_the_emergency": (
        "he was cracked round the head with a torch and has been sick",
        "someone smashed a bottle over his head and he's drowsy",
        "a bloke stamped on my son's head and he's been vomiting",
        "I walked into a lamp post with my forehead and I'm on warfarin",
        "my daughter took a hockey ball to the side of the head and keeps being sick",
        "the keeper caught a knee to the back of the head and can't remember the game",
        "caught a right hand to the temple sparring and threw up afterwards",
        "I slammed my head on the car roof and now my vision is blurred",
        "he came off the trampoline onto the back of his head and is very sleepy",
        "it was a helmet-to-helmet collision and he's been confused since",
        "my nephew dove into the lake and hit his head on a rock",
        "she went over the banister and landed on her head",
        "my son was clipped by a car on his scooter and his head hit the road",
        "no helmet, he cracked his head on the kerb and is drowsy",
        "she wasn't wearing a helmet and hit her head, now she's confused",
        "fell aff the wall n hit ma heid, cannae stop being sick",
        "the baby rolled off the changing table onto his head and is floppy",
        "a man knocked me out outside the pub last night",
    ),
}


# Phrasings that must raise no emergency at all, by the near-miss each group covers.
ORDINARY: dict[str, tuple[str, ...]] = {
    "ordinary_phrasings_raise_no_head_injury_emergency": (
        "my head feels heavy after a long day",
        "headache after hitting the gym",
        "tension headache from staring at a screen all day",
        "my head is pounding after a night out",
        "I feel sick and my head hurts after a long shift",
        "headbanging at a gig and now my neck is stiff",
        "heading the ball at football practice, my neck is sore",
        "hit the snooze button and woke with a stiff neck",
        "banged my knee on the table and my calf cramps",
        "passed my driving test and my shoulders are tight",
        "blacked out the windows for night shifts and my neck aches",
        "knocked over a glass reaching and my back twinged",
        "I hit a wall in my marathon training, calves cramping",
        "pressure on my head like a tight band",
    ),
    # Going out, sleeping soundly, or nearly fainting from pain is no loss of consciousness, and a
    # head that only aches or meets a pillow is no head injury.
    "going_out_sleeping_or_nearly_fainting_raise_no_head_injury_emergency": (
        "I popped out for a few minutes and my calf cramped on the stairs",
        "went out for a minute to the bins and my lower back seized",
        "stepped out for a couple of minutes and tweaked my back lifting the bins",
        "I strained my calf and almost passed out with the pain",
        "twisted my ankle and nearly blacked out it hurt so much",
        "I was out like a light last night and woke with a stiff neck",
        "as soon as my head hit the pillow my legs started cramping",
        "cut myself shaving and my neck is stiff",
        "the bright light hurts my head and my neck aches",
        "I fit in a quick workout and my hamstrings are tight",
        "my toddler is sleepy after nursery and I hurt my back lifting him",
        "my eyes feel heavy and sleepy at my desk and my shoulders ache",
        "knocked it out of the park at squash, my calves are tight",
        "went spark out on the sofa and woke with a crick in my neck",
        "staring at spreadsheets for hours hurts my head and I feel queasy",
        "it hurts my head to think about it and my jaw aches",
    ),
    "an_old_fit_or_a_tackle_alone_raises_no_emergency": (
        "I had a seizure years ago and last week pulled my calf sprinting",
        "I've had a fit before, and now I've strained my hamstring at the gym",
        "she had a convulsion as a baby with a fever and now her back is stiff from netball",
        "I was tackled at rugby on Saturday and my thigh is tight",
        "after a collision with a teammate my calf is bruised and tight",
    ),
    "things_in_the_head_and_glasses_of_water_raise_no_emergency": (
        "I got a pain in the head from the glare and my neck is stiff",
        "I've got a song stuck in my head and my shoulders are tight",
        "I took a glass of water to bed and woke with a stiff neck",
        "I got a lot to think about in my head and my jaw is clenched",
        "he hit the gym with a friend and his calves are tight",
        "I drank a glass of wine and my neck is stiff",
        "he took his hands to his head and felt dizzy, his neck is stiff",
        "I took the dog to the head of the trail and my calves cramped and I felt sick",
    ),
    "rolls_lofts_ladders_and_stairs_in_everyday_use_raise_no_emergency": (
        "I rolled my ankle on the kerb and my calf is tight",
        "I rolled over in bed and my neck went stiff",
        "I flipped the mattress and my lower back is in spasm",
        "I walked up to the top of the stairs and my calves cramped",
        "I was up in the loft sorting boxes and my lower back aches",
        "I fell out with my sister and my shoulders are tense",
        "I sat by the window all day and my neck is stiff",
        "I was up a ladder painting the ceiling and my neck aches",
        "I flipped the tractor tyre at the gym and my lower back is in spasm",
        "I hit a tree root out jogging and my lower back went",
    ),
    "a_fall_then_a_thing_that_hurt_the_head_raises_no_emergency": (
        "I fell asleep at my desk. Reading hurt my head and I feel a bit sick",
        "I tripped on the kerb last year. Now the screen hurts my head and my shoulders ache",
        "I slipped my calf muscle, it hurt my head thinking about it, my jaw is tight",
        "Hurts my head when I read for long and I feel a bit sick",
        "Screens hurt my head and I feel sick by the evening",
        "hurt my head reading all day and I feel sick",
        "hurt my head squinting at the small print and I feel a bit sick",
    ),
    # An ache that "hurts my head", a thing that "hurt my head", and the new sign wordings said of
    # ordinary things raise no emergency.
    "everyday_words_of_the_signs_raise_no_head_injury_emergency": (
        "squinting at small print hurts my head and my neck is stiff",
        "I read for hours and it hurts my head, my shoulders ache",
        "I did the crossword and that hurt my head, my jaw is tight",
        "my son says maths hurts his head and his neck is stiff",
        "I walked into the kitchen and my calf cramped",
        "I ran into my neighbour at the shops and my back twinged",
        "I'm fitting a new bathroom and my lower back aches",
        "I had a fit of the giggles and my stomach muscles cramped",
        "my legs keep jerking at night and my calves cramp",
        "I was out for a bit in the garden and my back is sore",
        "I keep forgetting to stretch and my hamstrings are tight",
        "my nose is running with clear stuff from a cold and my neck aches",
        "I'm shaking all over from the cold and my shoulders are tense",
        "I lost my balance on the bus and my calf is tight",
        "my back is so stiff I'm struggling to walk to the shops",
        "I hurt my head sneezing so hard with hay fever and I feel a bit sick",
        "I went out like a light on the sofa after I pulled my hamstring",
        "she dived head first into revision and keeps nodding off, her neck aches",
        "she's out of it after her night shift and her shoulders are tight",
        "he is out of it on a Monday morning and his neck is stiff",
    ),
    # The head and a blow far apart, a blow of speech ("the migraine hit me"), or a fall long ago
    # are no head injury, whatever else is said.
    "the_head_with_a_figure_of_speech_or_an_old_fall_raises_no_emergency": (
        "the migraine hit me at work, my head was throbbing and I was sick",
        "I hit the gym hard this morning and now my head is pounding and I feel queasy",
        "I fell asleep on the sofa and woke with a sore head and blurry eyes",
        (
            "it's like banging my head against a brick wall with my boss, my neck is stiff "
            "and I feel sick"
        ),
        "I crashed out early with a pounding head and felt dizzy",
        (
            "I tripped over my words in the meeting. My neck is stiff. Later my head "
            "throbbed and I felt sick"
        ),
        "I had a bad fall as a child and my head still aches when I'm stressed and I feel sick",
        "I slipped a disc years ago and now get headaches with blurry vision",
        "I was knocked back by the news and my head is pounding and I feel sick",
        "my hair is falling out, my scalp is sore and I'm dizzy",
        "my head is banging today and I feel woozy and sick",
        "I bumped into an old friend in town and my head started throbbing, I felt faint",
        "this cold has knocked me for six, my head is thumping and I feel sick",
        "he banged on about his golf for an hour and my head is pounding, I feel queasy",
        "tension headache since the morning, my neck is stiff and I feel nauseous",
        "I bumped my knee on the desk and my head aches from the screen, I feel dizzy",
        (
            "he banged his elbow on the door frame, and his head aches and he feels sick "
            "from the heat"
        ),
        "I banged out reports all afternoon, my head is sore and I feel queasy",
        "the review was a blow to my confidence and my head is pounding, I feel sick",
    ),
    "a_small_fall_or_a_number_said_of_something_else_raises_no_emergency": (
        "I fell down 2 steps and bumped my head, no other symptoms",
        "I walked up 20 flights of stairs and my calves ache",
        "I can only walk 50 metres before my calves cramp",
        "I climbed 12 stairs and my thighs burned",
        "I cycle at 15 mph and my knees ache",
    ),
    "a_thing_worn_or_felt_in_the_head_raises_no_emergency": (
        "I've got a pain in my head and my neck is stiff",
        "I got a hat on my head and my neck still aches",
        "I have a song stuck in my head and my jaw is tight",
    ),
    # Ordinary phrasings that raised a false emergency from the words of other signs: fitting as
    # work, going out, crashing out to sleep, hay fever, a rabbit hole, old accidents, and a
    # desk headache with a stiff neck.
    "ordinary_work_sleep_and_old_accidents_raise_no_emergency": (
        (
            "my brother was fitting kitchen units and knocked his head on a cabinet, it's "
            "just a bump"
        ),
        "he's been fitting carpets this week and bumped his head on the van door, he's okay",
        "I was out for a bit at the supermarket and bumped my head on a shelf, it's fine",
        "we were out for a while shopping and she bumped her head on the car, she's fine now",
        "I crashed out on the settee and woke up with a stiff neck",
        "my eyes are streaming and I've got clear snot with hay fever, and my neck aches",
        "I fell down the rabbit hole of videos last night and my neck is stiff",
        "I was in a car crash years ago and my neck still gets tight",
        "I had a car accident last year and my shoulders are still stiff",
        "my head aches and my neck is stiff from working at the laptop",
        "my head is killing me after a long shift and my neck is stiff",
        "I hit my head on the pillow early and slept badly, my neck is stiff this morning",
        "a van rear-ended me at a junction, only a small knock, and now my neck is stiff",
    ),
    # A minor knock said with reassurance, feeling sick without being sick (home care on the NHS
    # head injury page), a headache that painkillers eased or that is denied,
    # "knocked me out" of tiredness or a medicine, an old accident, a heavy head from screens, a
    # landing on one's side, slang that is also a sport or a name, and a head held high.
    "minor_knocks_eased_headaches_tiredness_and_old_accidents_raise_no_emergency": (
        "my son bumped his temple on the table edge, cried briefly, now running around happily",
        "knocked my forehead on the cupboard, tiny bruise, he's eating his dinner",
        "had a headache after I banged my head on the shelf but it went away with ibuprofen",
        "bonked my head on the car boot, no headache at all",
        "the antihistamines knocked me out last night and my neck is stiff",
        "this flu has totally knocked me out, my shoulders ache",
        "I had whiplash back in 2016 and my neck still aches in the cold",
        "my head feels heavy and my temples ache after a long day on the laptop",
        "slipped off the bench, landed on my side, neck a little sore",
        "I played hurling at the weekend and took a knock to the knee",
        "Ralph bumped his head on the door and is absolutely fine",
        "walked into the meeting with my head held high, my neck aches",
        "rear-ended in a car park at walking pace, neck a bit stiff",
        "bumped my head on the cupboard and feel a bit sick",
        "knocked her head on the table and was feeling sick for an hour, she's fine now",
    ),
}


def _cases(table: dict[str, tuple[str, ...]]) -> list[object]:
    return [
        pytest.param(text, id=f"{group}-{number}")
        for group, texts in table.items()
        for number, text in enumerate(texts)
    ]


@pytest.mark.parametrize("text", _cases(LEADS))
def test_each_phrasing_leads_with_the_emergency(kb: KnowledgeBase, text: str) -> None:
    assert_leads_with_the_emergency(kb, text)


@pytest.mark.parametrize("text", _cases(ORDINARY))
def test_each_ordinary_phrasing_raises_no_emergency(kb: KnowledgeBase, text: str) -> None:
    assert_raises_no_emergency(kb, text)
