"""The first message of a deal, in the creator's language: short and human."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date
from babel.numbers import format_currency

from influent.services.deals._views import DealView
from influent.services.i18n import Translator


def money(translator: Translator, amount: float, currency: str) -> str:
    """An amount the local way: "€1,200.00", "1 200,00 €"."""
    digits = "" if float(amount).is_integer() else ".00"
    pattern = None if digits else ("#,##0 ¤" if translator.locale == "fr" else "¤#,##0")
    text: str = format_currency(
        amount, currency, format=pattern, locale=translator.locale, currency_digits=bool(digits)
    )
    return text


def _day(translator: Translator, day: date) -> str:
    text: str = format_date(day, format="long", locale=translator.locale)
    return text


def proposal_text(view: DealView, locale: str | None = None) -> str:
    """Format, what the brand expects, the code and its end date, the fee."""
    t = Translator(locale or view.creator_language)
    first = view.creator.split()[0] if view.creator.strip() else view.creator
    items = [
        t.t(
            "deal.proposal.item",
            quantity=d.quantity,
            format=t.label("deal.formats" if d.quantity > 1 else "deal.format", d.format),
            platform=t.label("platform", d.platform),
        )
        + (t.t("deal.proposal.item_due", due=_day(t, d.due_on)) if d.due_on else "")
        for d in view.deliverables
    ]
    lines = [
        t.t("deal.proposal.hello", name=first),
        "",
        t.t(
            "deal.proposal.intro",
            campaign=view.campaign,
            items=t.t("deal.proposal.and").join(items),
        ),
    ]
    freedom = [d.creative_freedom for d in view.deliverables if d.creative_freedom]
    if freedom:
        lines.append(t.t("deal.proposal.freedom", freedom=" ".join(freedom)))
    if view.code is not None:
        discount = (
            t.pct(view.code.percent_off / 100)
            if view.code.percent_off is not None
            else money(t, view.code.amount_off or 0, view.code.currency)
        )
        if view.code.ends_on:
            lines.append(
                t.t(
                    "deal.proposal.code_until",
                    code=view.code.code,
                    discount=discount,
                    ends=_day(t, view.code.ends_on),
                )
            )
        else:
            lines.append(t.t("deal.proposal.code", code=view.code.code, discount=discount))
    if view.landing_url:
        lines.append(t.t("deal.proposal.link", url=view.landing_url))
    fee = money(t, view.fee, view.currency)
    if view.gifted_value:
        lines.append(
            t.t("deal.proposal.fee_gift", fee=fee, gift=money(t, view.gifted_value, view.currency))
        )
    else:
        lines.append(t.t("deal.proposal.fee", fee=fee))
    lines += ["", t.t("deal.proposal.bye")]
    return "\n".join(lines)
