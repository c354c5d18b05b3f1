"""English reporting through the whole pipeline: names at a sentence's end, suspected
breaches, cooperation refused.

Every sentence here is written for the test; none is taken from published reporting.
"""

from __future__ import annotations

from datetime import date

from clampdown.extract.pipeline import extract
from clampdown.model import Document

PUB = date(2022, 3, 5)


def brief(text: str) -> set[tuple[str, str | None, str | None]]:
    doc = Document(id="t", text=text, published=PUB, lang="en")
    return {(e.type, e.actor, e.target) for e in extract(doc).events}


def test_a_name_introduced_at_a_sentence_end_stops_at_its_full_stop() -> None:
    found = brief("Roskomnadzor blocked the website Zorrofeed. Officials gave no reason.")
    assert found == {("BLOCK", "Roskomnadzor", "Zorrofeed")}
    found = brief("Roskomnadzor blocked the website Zorro.kg. Officials gave no reason.")
    assert found == {("BLOCK", "Roskomnadzor", "Zorro.kg")}


def test_a_platform_that_may_have_broken_the_law_is_not_accused() -> None:
    found = brief("The ICO published its provisional view that TikTok may have breached data law.")
    assert not any(t == "ACCUSATION" for t, _, _ in found)
    found = brief("The ICO said TikTok breached data protection law.")
    assert ("ACCUSATION", "Information Commissioner's Office", "TikTok") in found


def test_not_cooperating_with_a_request_refuses_it() -> None:
    found = brief(
        "Malaysia's MCMC will take legal action against Meta. It added that Meta has not "
        "fully cooperated with its request to remove such content."
    )
    assert ("REFUSAL", "Facebook", "Malaysian Communications and Multimedia Commission") in found
    assert ("DEMAND", "Malaysian Communications and Multimedia Commission", "Facebook") in found


def test_a_platform_that_got_blocked_did_not_comply() -> None:
    found = brief("WhatsApp was the first app to get blocked before the vote in Zambia.")
    assert not any(t == "COMPLIANCE" for t, _, _ in found)


def test_a_response_ordered_or_demanded_is_owed_not_done() -> None:
    for text in (
        "A Moscow court fined Google. Bailiffs visited its offices to demand it comply "
        "with the ruling.",
        "The regulator fined the Zorro Times and is ordering the publication to pay "
        "within a week.",
    ):
        assert not any(t in ("COMPLIANCE", "REFUSAL") for t, _, _ in brief(text))
    found = brief("Following the regulator's demand Google removed the videos.")
    assert any(t == "COMPLIANCE" for t, _, _ in found)


def test_rejecting_a_ruling_disputes_it() -> None:
    found = brief(
        "The Superintendence of Industry and Commerce ordered Uber to stop operating. "
        "Uber said that it rejects the ruling and appealed it."
    )
    assert not any(t == "REFUSAL" for t, _, _ in found)


def test_an_act_told_only_as_possible_is_weighed_not_announced() -> None:
    for text in (
        "The data protection authority could fine Google up to 6 billion euros.",
        "The complaint could soon be decided by the regulator and could lead to a "
        "massive fine against Google.",
    ):
        assert not any(t == "FINE" for t, _, _ in brief(text)), text
    found = brief("Ofcom said it could fine Google up to 18 million pounds.")
    assert ("FINE", "Ofcom", "Google") in found


def test_the_site_is_never_the_internet_provider_named_before_it() -> None:
    found = brief(
        "Roskomnadzor has fined Telegram. Dozens of posts were shared on Vodafone's network "
        "before Roskomnadzor said the app would be blocked."
    )
    assert not any(target == "Vodafone" for t, _, target in found if t == "BLOCK")
    assert ("BLOCK", "Roskomnadzor", "Telegram") in found


def test_a_block_proposed_by_no_state_body_is_no_act() -> None:
    found = brief("An opposition party in Nepal has proposed to ban TikTok nationwide.")
    assert not any(t == "BLOCK" for t, _, _ in found)
    found = brief("Roskomnadzor proposed to block Telegram in Russia.")
    assert ("BLOCK", "Roskomnadzor", "Telegram") in found


def test_the_state_interfered_in_is_the_victim_not_the_accused() -> None:
    found = brief(
        "A report by the newspaper said Russia had drawn up a plan of interference in "
        "the parliamentary elections in Moldova."
    )
    assert not any(t == "ACCUSATION" and target == "Moldova" for t, _, target in found)


def test_a_block_negated_with_no_demand_named_is_no_refusal() -> None:
    found = brief("Telmarco censors sites that Cantv hasn't blocked.")
    assert not any(t == "REFUSAL" for t, _, _ in found)
    found = brief(
        "The regulator blocked Medium in 2016. After a review, the website is now no "
        "longer blocked."
    )
    assert not any(t == "REFUSAL" for t, _, _ in found)
    found = brief(
        "The court ordered Telegram to block the channels. Telegram has not blocked the "
        "channels despite the order."
    )
    assert any(t == "REFUSAL" and actor == "Telegram" for t, actor, _ in found)


def test_providers_speaking_of_themselves_are_not_the_platform_before() -> None:
    found = brief(
        "The regulator ordered gateways to block the website Zorrofeed. Several gateway "
        "operators confirmed on Friday that they have taken down the website."
    )
    assert not any(t == "COMPLIANCE" for t, _, _ in found)
    found = brief(
        "The regulator ordered Twitter to remove the posts. Twitter confirmed that it "
        "had removed the posts."
    )
    assert any(t == "COMPLIANCE" and actor == "Twitter" for t, actor, _ in found)


def test_a_platform_taking_down_an_influence_operation_moderates() -> None:
    found = brief(
        "The ministry ordered Facebook to remove the posts. Facebook said on Wednesday "
        "that it has taken down 120 accounts engaged in an influence operation run by "
        "the army."
    )
    assert not any(t == "COMPLIANCE" for t, _, _ in found)
    found = brief(
        "The ministry ordered Facebook to remove the posts. Facebook said on Wednesday "
        "that it has taken down the posts."
    )
    assert any(t == "COMPLIANCE" and actor == "Facebook" for t, actor, _ in found)


def test_the_platform_is_referred_to_with_three_words_before_its_noun() -> None:
    found = brief(
        "Roskomnadzor ordered Twitter to delete the posts. The popular social media platform "
        "removed the posts after the regulator's demand."
    )
    assert ("COMPLIANCE", "Twitter", "Roskomnadzor") in found
