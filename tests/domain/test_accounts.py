from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from influent.domain.accounts import AccountRef, normalise_handle, parse_account
from influent.domain.platforms import Platform
from influent.domain.values import ValueProblem

IG, YT, TT = Platform.INSTAGRAM, Platform.YOUTUBE, Platform.TIKTOK


@pytest.mark.parametrize(
    ("text", "hint", "expected"),
    [
        ("@handle", None, AccountRef(None, "handle", "handle")),
        (" @Marie ", None, AccountRef(None, "Marie", "marie")),
        ("handle", IG, AccountRef(IG, "handle", "handle")),
        ("@marie.cuisine", None, AccountRef(None, "marie.cuisine", "marie.cuisine")),
        ("marie.cuisine", IG, AccountRef(IG, "marie.cuisine", "marie.cuisine")),
        ("@Marie_Cuisine", IG, AccountRef(IG, "Marie_Cuisine", "marie_cuisine")),
        (
            "instagram.com/handle",
            None,
            AccountRef(IG, "handle", "handle", "https://www.instagram.com/handle"),
        ),
        (
            "www.instagram.com/Marie.Cuisine/?hl=fr",
            None,
            AccountRef(
                IG, "Marie.Cuisine", "marie.cuisine", "https://www.instagram.com/Marie.Cuisine"
            ),
        ),
        (
            "https://instagram.com/@marie",
            None,
            AccountRef(IG, "marie", "marie", "https://www.instagram.com/marie"),
        ),
        (
            "https://www.youtube.com/@chan",
            None,
            AccountRef(YT, "chan", "chan", "https://www.youtube.com/@chan"),
        ),
        (
            "https://m.youtube.com/@Chan",
            None,
            AccountRef(YT, "Chan", "chan", "https://www.youtube.com/@Chan"),
        ),
        (
            "youtube.com/channel/UCabcDEF123",
            None,
            AccountRef(
                YT,
                "UCabcDEF123",
                "channel/UCabcDEF123",
                "https://www.youtube.com/channel/UCabcDEF123",
                "UCabcDEF123",
            ),
        ),
        (
            "https://www.youtube.com/c/Name",
            None,
            AccountRef(YT, "Name", "name", "https://www.youtube.com/c/Name"),
        ),
        (
            "https://www.tiktok.com/@marie",
            None,
            AccountRef(TT, "marie", "marie", "https://www.tiktok.com/@marie"),
        ),
        (
            "twitter.com/Marie",
            None,
            AccountRef(Platform.X, "Marie", "marie", "https://x.com/Marie"),
        ),
        (
            "https://www.twitch.tv/marie",
            None,
            AccountRef(Platform.TWITCH, "marie", "marie", "https://www.twitch.tv/marie"),
        ),
        (
            "https://www.linkedin.com/in/marie-d/",
            None,
            AccountRef(
                Platform.LINKEDIN, "marie-d", "marie-d", "https://www.linkedin.com/in/marie-d"
            ),
        ),
        (
            "https://podcasts.apple.com/fr/podcast/la-cuisine/id123456",
            None,
            AccountRef(
                Platform.PODCAST,
                "id123456",
                "podcasts.apple.com/id123456",
                "https://podcasts.apple.com/fr/podcast/la-cuisine/id123456",
                "id123456",
            ),
        ),
        ("marie.fr", None, AccountRef(Platform.BLOG, "marie.fr", "marie.fr", "https://marie.fr")),
        (
            "https://marie.substack.com",
            None,
            AccountRef(
                Platform.BLOG,
                "marie.substack.com",
                "marie.substack.com",
                "https://marie.substack.com",
            ),
        ),
    ],
)
def test_it_reads_handles_and_profile_urls(
    text: str, hint: Platform | None, expected: AccountRef
) -> None:
    assert parse_account(text, hint) == expected


def test_it_takes_the_platform_from_the_url_over_the_hint() -> None:
    ref = parse_account("https://www.youtube.com/@chan", IG)
    assert ref is not None and ref.platform is YT


@pytest.mark.parametrize("text", [None, "", "  ", "nan", "N/A", "-"])
def test_it_reads_missing_cells_as_no_account(text: str | None) -> None:
    assert parse_account(text) is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("https://www.youtube.com/watch?v=abc", "is a video, not a channel"),
        ("https://youtu.be/abc", "is a video, not a channel"),
        ("https://www.instagram.com/", "has no account name"),
        ("ftp://example.com/a", "is not a web address"),
        ("@", "is an empty handle"),
        ("marie dupont", "is not a handle"),
        ("marie/dupont", "is not a handle"),
    ],
)
def test_it_explains_accounts_it_cannot_read(text: str, reason: str) -> None:
    with pytest.raises(ValueProblem, match=reason):
        parse_account(text, IG)


def test_it_normalises_a_handle_to_its_merge_key() -> None:
    assert normalise_handle("  @Marie.Cuisine ") == "marie.cuisine"
    assert normalise_handle("@@marie") == "marie"


handles = st.from_regex(
    r"[A-Za-z0-9_][A-Za-z0-9_\-]{0,20}(\.[A-Za-z0-9_\-]{1,10}){0,2}", fullmatch=True
)


@given(handles, st.sampled_from([IG, TT, YT, Platform.TWITCH, Platform.X]))
def test_it_keys_a_handle_the_same_however_it_is_written(handle: str, platform: Platform) -> None:
    key = normalise_handle(handle)
    for written in (handle, f"@{handle}", f"  @{handle.upper()} ", handle.lower()):
        ref = parse_account(written, platform)
        assert ref is not None
        assert ref.key == key
        assert ref.platform is platform
        assert normalise_handle(ref.handle) == key


@given(handles, st.sampled_from([IG, TT, Platform.TWITCH, Platform.X, YT]))
def test_it_keys_a_profile_url_like_its_handle(handle: str, platform: Platform) -> None:
    host = {
        IG: "instagram.com/",
        TT: "tiktok.com/@",
        Platform.TWITCH: "twitch.tv/",
        Platform.X: "x.com/",
        YT: "youtube.com/@",
    }[platform]
    if platform is YT:
        assume(not handle.startswith(("channel", "c", "user", "watch", "shorts")))
    for written in (
        f"https://www.{host}{handle}",
        f"{host}{handle}/",
        f"http://{host}{handle}?x=1",
    ):
        ref = parse_account(written)
        assert ref is not None
        assert (ref.platform, ref.key) == (platform, normalise_handle(handle))
        # The canonical URL reads back as the same account.
        assert ref.url is not None
        again = parse_account(ref.url)
        assert again == ref


@given(st.text(), st.sampled_from([None, *Platform]))
def test_it_never_raises_anything_but_a_value_problem(text: str, platform: Platform | None) -> None:
    try:
        ref = parse_account(text, platform)
    except ValueProblem:
        return
    if ref is not None:
        assert ref.handle and ref.key
        assert ref.key == ref.key.strip()


@given(st.text())
def test_it_normalises_handles_idempotently(text: str) -> None:
    once = normalise_handle(text)
    assert normalise_handle(once) == once or once.startswith("@")


def test_it_calls_a_url_with_an_unbalanced_bracket_not_a_web_address() -> None:
    with pytest.raises(ValueProblem) as caught:
        parse_account("https://www.you[tube.com/@hugovelo")
    assert caught.value.code == "not_a_web_address"


@pytest.mark.parametrize(
    "text",
    [
        "http://127.0.0.1:8000/admin",
        "https://localhost/feed",
        "http://[::1]/x",
        "10.0.0.5/blog",
        "https://nas.local/podcast.xml",
        "http://169.254.169.254/latest/meta-data",
    ],
)
def test_it_refuses_local_and_numeric_addresses(text: str) -> None:
    for hint in (None, Platform.BLOG, Platform.TIKTOK):
        with pytest.raises(ValueProblem) as caught:
            parse_account(text, hint)
        assert caught.value.code == "local_address"


def test_a_stray_site_on_a_social_platform_row_is_a_problem_not_a_blog() -> None:
    with pytest.raises(ValueProblem) as caught:
        parse_account("https://example.com/marc", Platform.TIKTOK)
    assert caught.value.code == "not_on_platform"
    assert "tiktok" in str(caught.value)
    blog = parse_account("https://example.com/marc", Platform.BLOG)
    assert blog is not None and blog.platform is Platform.BLOG
