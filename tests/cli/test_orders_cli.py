"""`influent portal` and `influent import orders`: private links, and orders exports in."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from influent.domain.platforms import Platform
from influent.services import creators, orders
from influent.services.campaigns import create_campaign
from influent.services.core import Influent


def test_it_makes_and_revokes_a_creators_portal_link(
    cli_env: Callable[..., Result], influent: Influent, workspace_id: int
) -> None:
    with influent.session() as session:
        create_campaign(session, workspace_id=workspace_id, name="Routine hiver")
        creators.add_creator(
            session,
            workspace_id=workspace_id,
            name="Léna",
            account=creators.NewAccount(Platform.INSTAGRAM, "@lena", None, None),
        )
    made = cli_env("portal", "link", "@lena", "--campaign", "routine-hiver", "--json")
    assert made.exit_code == 0, made.output
    url = made.stdout.split('"url": "')[1].split('"')[0]
    token = url.rsplit("/p/", 1)[1]
    with influent.session() as session:
        assert orders.open_portal(session, token).creator_name == "Léna"
    ended = cli_env("portal", "revoke", "@lena", "--campaign", "Routine hiver")
    assert ended.exit_code == 0 and "1 link revoked" in ended.stdout
    with influent.session() as session:
        try:
            orders.open_portal(session, token)
        except orders.PortalError:
            pass
        else:
            raise AssertionError("a revoked link still opens")
    unknown = cli_env("portal", "link", "@lena", "--campaign", "nope")
    assert unknown.exit_code == 2 and "No campaign “nope”" in unknown.stderr


def test_it_imports_an_orders_export_and_refuses_a_bad_one(
    cli_env: Callable[..., Result], tmp_path: Path
) -> None:
    from services.test_orders_import import _write, shopify_file

    good = shopify_file(tmp_path / "orders_export.csv")
    first = cli_env("import", "orders", str(good), "--json")
    assert first.exit_code == 0, first.output
    assert '"created": 3' in first.stdout and '"source": "shopify"' in first.stdout
    again = cli_env("import", "orders", str(good))
    assert again.exit_code == 0 and "unchanged 3" in again.stdout
    bad = _write(
        tmp_path / "bad.csv",
        ["order_id", "created_at", "currency", "total"],
        [{"order_id": "A1", "created_at": "2027-03-01", "currency": "EURO", "total": "1"}],
    )
    refused = cli_env("import", "orders", str(bad))
    assert refused.exit_code == 1 and "nothing was imported" in refused.stderr
    assert "EURO" in refused.stdout
    not_orders = _write(tmp_path / "c.csv", ["Name", "Handle"], [{"Name": "Léna"}])
    unknown = cli_env("import", "orders", str(not_orders))
    assert unknown.exit_code == 2 and "not an orders export" in unknown.stderr


def test_it_imports_a_french_generic_export_with_map(
    cli_env: Callable[..., Result], tmp_path: Path
) -> None:
    path = tmp_path / "caisse.csv"
    path.write_text(
        "Ticket;Date;Devise;Encaissé;Code promo\nT-1;15/03/2027;EUR;49,90;LENA15\n",
        encoding="utf-8",
    )
    refused = cli_env("import", "orders", str(path), "--locale", "fr")
    assert refused.exit_code == 2
    assert "n’a pas de colonne" in refused.stderr or "pas un export" in refused.stderr
    done = cli_env(
        "import",
        "orders",
        str(path),
        "--map",
        "Ticket=order_id",
        "--map",
        "Encaissé=total",
        "--json",
    )
    assert done.exit_code == 0, done.output
    assert '"created": 1' in done.stdout and '"Encaissé": "total"' in done.stdout
    wrong = cli_env("import", "orders", str(path), "--map", "Ticket=numero")
    assert wrong.exit_code == 2 and "order_id, created_at" in wrong.stderr
