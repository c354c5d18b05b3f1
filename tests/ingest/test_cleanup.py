"""Clean-up of scraped text: furniture lines go, the article stays word for word."""

from __future__ import annotations

from pathlib import Path

import pytest

from clampdown.ingest.cleanup import clean_text

DATA = Path(__file__).resolve().parents[1] / "data"


def test_scraped_copy_loses_its_furniture_and_keeps_the_article() -> None:
    scraped = (DATA / "cleanup" / "scraped.txt").read_text(encoding="utf-8")
    article = (DATA / "article" / "telegram-fine.txt").read_text(encoding="utf-8")
    cleaned = clean_text(scraped)
    for paragraph in article.split("\n\n")[1:]:
        assert paragraph.strip() in cleaned
    for furniture in (
        "Skip to content",
        "Home | World",
        "Share this article",
        "WhatsApp",
        "cookies",
        "Photo: Example Wire",
        "READ MORE",
        "7 billion",
        "Related stories",
        "Wikipedia",
        "©",
        "Source link",
    ):
        assert furniture not in cleaned, furniture
    assert cleaned.startswith("Russian regulator fines Telegram over banned channels")
    assert "\n\n\n" not in cleaned and cleaned.endswith("comment.\n")


def test_text_without_furniture_is_returned_as_is() -> None:
    text = "Title\n\nBody\nend\n"
    assert clean_text(text) is text


@pytest.mark.parametrize(
    "line",
    [
        "Skip to main content",
        "Share on Facebook",
        "Facebook Twitter Telegram VK",
        "Поделиться",
        "Читайте также: Роскомнадзор заблокировал ещё один сервис",
        "Фото: РИА Новости",
        "Подписывайтесь на наш канал в Telegram",
        "This website uses cookies to ensure you get the best experience.",
        "Мы используем файлы cookie, чтобы сайт работал лучше.",
        "Follow us on Twitter",
        "Copyright 2022 Example Media",
        "Home › News › Technology",
        "Subscribe to our newsletter",
        "Tags: Telegram, Roskomnadzor, fines",
        "https://t.me/example",
        "Advertisement",
        "Share on WhatsApp",
        "Share this story",
        "Download the Example News app for iOS and Android",
        "Get our app",
    ],
)
def test_furniture_line_is_removed(line: str) -> None:
    text = f"Roskomnadzor fined Telegram on Friday.\n{line}\nThe messenger did not comment.\n"
    assert clean_text(text) == (
        "Roskomnadzor fined Telegram on Friday.\nThe messenger did not comment.\n"
    )


@pytest.mark.parametrize(
    "line",
    [
        "Roskomnadzor said the site uses cookies to track users and fined it 1 million rubles.",
        "The French regulator fined Google over its cookie policy, which made users accept all "
        "trackers before they could read anything.",
        "Copyright holders asked the court to block the site.",
        "Facebook and Twitter",  # a subheading, not share buttons
        "Telegram",
        "Photos of the protest were removed from VK at the request of prosecutors.",
        "The register of banned sites now includes Telegram.",
        "When is/was the order issued?",
        "Recently condemned Facebook and Twitter in Russia",
        "Источник в ведомстве сообщил, что Telegram оштрафуют.",
        "Share prices of VK fell 5% after the regulator fined the company.",
        "Get ready: the regulator says it will ban the app on Monday.",
    ],
)
def test_article_line_is_kept(line: str) -> None:
    text = f"Roskomnadzor fined Telegram on Friday.\n{line}\nThe messenger did not comment.\n"
    assert clean_text(text) == text


def test_related_list_ends_at_the_next_paragraph() -> None:
    text = (
        "Roskomnadzor fined Telegram on Friday.\n"
        "Related\n"
        "Court fines Google 7 billion rubles\n"
        "\n"
        "Twitter slowed down across Russia\n"
        "The messenger has ten days to appeal, the regulator said.\n"
    )
    assert clean_text(text) == (
        "Roskomnadzor fined Telegram on Friday.\n"
        "\n"
        "The messenger has ten days to appeal, the regulator said.\n"
    )
