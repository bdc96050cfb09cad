"""Instagram Graph API business discovery against recorded answers: cursors, mapping, errors."""

from __future__ import annotations

import json

import httpx
import pytest

from influent.domain.platforms import Platform, PostKind
from influent.sources.errors import (
    InvalidCredentials,
    NotFound,
    RateLimited,
    SourceUnavailable,
    UnexpectedResponse,
)
from influent.sources.instagram import InstagramClient
from influent_testing import raises_saying, said

from .conftest import NOW, fixture_json, recorded

OWN_ACCOUNT = "17841406338772941"


def instagram(make_http, answer, **options):
    http, server = make_http(answer, **options)
    client = InstagramClient(
        access_token="test-token", ig_user_id=OWN_ACCOUNT, http=http, now=lambda: NOW
    )
    return client, server


def fields(server, index: int) -> str:
    return server.params(index)["fields"]


def test_it_follows_media_cursors_to_the_last_page(make_http):
    pages = [
        recorded("instagram", "base_discovery_medias_p1.json"),
        recorded("instagram", "base_discovery_medias_p2.json"),
    ]
    client, server = instagram(make_http, pages)
    _profile, media = client.discover("jaylenbrown", max_posts=50)

    assert len(server.requests) == 2
    assert server.requests[0].url.path == f"/v21.0/{OWN_ACCOUNT}"
    assert server.params(0)["access_token"] == "test-token"
    assert fields(server, 0).startswith("business_discovery.username(jaylenbrown){")
    assert "media.limit(25){" in fields(server, 0)
    assert "media.after(after).limit(25){" in fields(server, 1)
    assert len(media) == 10
    assert media[5].like_count == 1490


def test_it_stops_when_a_cursor_comes_back_again(make_http):
    pages = [
        recorded("instagram", "instagram_apidata_discovery_medias_p1.json"),
        recorded("instagram", "instagram_apidata_discovery_medias_p2.json"),
    ]
    client, server = instagram(make_http, pages)
    _, media = client.discover("facebookfordevelopers", max_posts=50)
    # Both recorded pages point "after" the same cursor; following it again would loop forever.
    assert len(server.requests) == 2
    assert [m.id for m in media] == [
        "17885103395504675",
        "17886271043461692",
        "17939347456563225",
        "18165241603086291",
    ]


def test_it_stops_once_it_has_enough_posts(make_http):
    client, server = instagram(make_http, [recorded("instagram", "base_discovery_medias_p1.json")])
    _, media = client.discover("jaylenbrown", max_posts=3)
    assert len(server.requests) == 1
    assert "media.limit(3){" in fields(server, 0)
    assert len(media) == 3


def test_it_maps_a_profile_and_its_posts(make_http):
    profile = fixture_json("instagram", "instagram_apidata_discovery_user_fields.json")
    p1 = fixture_json("instagram", "instagram_apidata_discovery_medias_p1.json")
    p2 = fixture_json("instagram", "instagram_apidata_discovery_medias_p2.json")
    # The recorded profile and media answers are separate calls; the real call asks for both.
    profile["business_discovery"]["media"] = p1["business_discovery"]["media"]
    second = {"business_discovery": {**profile["business_discovery"], **p2["business_discovery"]}}
    second["id"] = OWN_ACCOUNT
    answers = [
        httpx.Response(200, content=json.dumps(profile).encode()),
        httpx.Response(200, content=json.dumps(second).encode()),
    ]
    client, _ = instagram(make_http, answers)
    account = client.fetch_account("@FacebookForDevelopers")

    assert account.platform is Platform.INSTAGRAM
    assert account.source == "instagram" and account.fetched_at == NOW
    assert account.handle == "facebookfordevelopers"
    assert account.url == "https://www.instagram.com/facebookfordevelopers"
    assert account.external_id == "17841407673135339"
    assert account.name == "Facebook for Developers"
    assert account.description.startswith("Follow us for updates")
    assert account.snapshot is not None
    assert account.snapshot.source == "instagram"
    assert (account.snapshot.followers, account.snapshot.posts_count) == (64976, 436)
    assert len(account.posts) == 4
    newest = account.posts[0]
    assert newest.external_id == "17885103395504675"
    assert newest.published_at.isoformat() == "2021-08-17T19:00:42+00:00"
    assert (newest.likes, newest.comments) == (87, 11)
    assert newest.url == "https://www.instagram.com/p/CSr71Gzlqo4/"
    assert newest.kind is PostKind.POST
    assert account.posts[1].kind is PostKind.POST
    assert {p.kind for p in account.posts} == {PostKind.POST, PostKind.VIDEO}


def test_it_reports_an_expired_token(make_http):
    client, _ = instagram(make_http, [recorded("instagram", "error_token_expired.json", 400)])
    with pytest.raises(InvalidCredentials) as caught:
        client.discover("someone")
    assert said(caught.value) == (
        "Instagram refused the access token (it may have expired); reconnect the account."
    )


def test_it_reports_an_unknown_or_personal_account(make_http):
    client, _ = instagram(make_http, [recorded("instagram", "error_unknown_user.json", 400)])
    with raises_saying(NotFound, "no professional account by that name"):
        client.discover("nosuchaccount")


def test_it_reports_an_object_that_does_not_exist(make_http):
    client, _ = instagram(make_http, [recorded("instagram", "error_object_missing.json", 400)])
    with pytest.raises(NotFound):
        client.discover("someone")


def test_it_reports_the_application_rate_limit_without_retrying(make_http):
    client, server = instagram(make_http, [recorded("instagram", "error_rate_limited.json", 403)])
    with raises_saying(RateLimited, r"rate limit is reached \(code 4\)"):
        client.discover("someone")
    assert len(server.requests) == 1


def test_it_gives_up_on_a_500_forever(make_http):
    client, server = instagram(make_http, [httpx.Response(500, json={"error": {"code": 2}})])
    with raises_saying(SourceUnavailable, "Instagram kept failing with HTTP 500"):
        client.discover("someone")
    assert len(server.requests) == 4


def test_it_reports_malformed_json(make_http):
    client, _ = instagram(make_http, [httpx.Response(200, content=b'{"business_discovery": ')])
    with raises_saying(UnexpectedResponse, "not JSON"):
        client.discover("someone")


def test_it_reports_a_change_of_shape(make_http):
    body = fixture_json("instagram", "base_discovery_medias_p1.json")
    del body["business_discovery"]["media"]["data"][0]["timestamp"]
    client, _ = instagram(make_http, [httpx.Response(200, json=body)])
    with pytest.raises(UnexpectedResponse) as caught:
        client.discover("someone")
    assert "business_discovery.media.data.0.timestamp" in said(caught.value)


@pytest.mark.parametrize("name", ["", "a name", "x){id}", "a" * 31])
def test_it_refuses_what_is_not_a_username_before_calling(make_http, name):
    client, server = instagram(make_http, [httpx.Response(200)])
    with raises_saying(ValueError, "is not an Instagram username"):
        client.discover(name)
    assert server.requests == []
