"""What "Mes droits" puts first, read from the rights the app already holds: the things to do by a
date ("À faire"), each domain's amounts (paid, estimated) and the next expected payments.

Pure reads over `RightView`s and overpayments already loaded by the page: no query of its own, and
`today` is given so that every rule is testable on a fixed day. Texts are French sentences with dates
in words ("au plus tard le 15 janvier 2027"), never raw values.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise

from django.urls import reverse
from django.utils import formats

from agencies.french import a, de, french_date
from rights.building import add_months, declaration_opens_on, declaration_quarter
from rights.catalogue import DOMAINS, benefits, organism_info
from rights.models import Overpayment, Right
from rights.selectors import RightView

HELD = (Right.Status.OPEN, Right.Status.RENEWAL_DUE)
# A monthly payment is expected again only when the last ones came month after month on about
# the same day: these many in a row, their days of the month at most this far apart.
REGULAR_PAYMENTS = 3
REGULAR_DAY_SPREAD = 3
# Rights that are a cover, not money: their "amount" says what the person pays, if anything.
COVER_TEXT = {
    "css_sans_participation": "sans rien à payer",
    "css_participation": "avec une participation mensuelle selon l'âge",
}


# --- French ---------------------------------------------------------------------------------------


def french_months(first: dt.date, last: dt.date) -> str:
    """ "d'octobre à décembre 2026", "de novembre 2026 à janvier 2027"."""
    start = formats.date_format(first, "F" if first.year == last.year else "F Y")
    of = "d'" if start[0] in "aeiouéè" else "de "
    return f"{of}{start} à {formats.date_format(last, 'F Y')}"


def french_days_left(date: dt.date, *, today: dt.date) -> str:
    days = (date - today).days
    return {0: "aujourd'hui", 1: "demain"}.get(days, f"dans {days} jours")


def french_count(count: int, singular: str, plural: str, *, none: str) -> str:
    """ "aucun droit ouvert", "1 droit ouvert", "2 droits ouverts"."""
    if count == 0:
        return none
    return f"{count} {singular if count == 1 else plural}"


def french_list(items: list[str]) -> str:
    """ "A", "A et B", "A, B et C"."""
    return f"{', '.join(items[:-1])} et {items[-1]}" if len(items) > 1 else "".join(items)


def euros(amount: Decimal) -> str:
    """ "1 201,26 €", "342 €": grouped, cents only when there are some, never cut before the sign."""
    places = 0 if amount == amount.to_integral() else 2
    return f"{formats.number_format(amount, places, force_grouping=True)}\u00a0€"


PER = {
    Right.Periodicity.MONTHLY: "par mois",
    Right.Periodicity.YEARLY: "par an",
    Right.Periodicity.ONCE: "en une fois",
}


# --- À faire --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TodoItem:
    """One thing to do: a sentence naming the organism, the deadline (None: no date), a link to act."""

    kind: str  # "renewal", "declaration", "overpayment"
    text: str
    deadline: dt.date | None
    when: str  # "dans 41 jours", "" without a deadline
    url: str
    link_label: str
    link_title: str  # the link's label, what it is about and "nouvelle fenêtre" for an external one
    external: bool


def _procedure_url(view: RightView) -> str:
    """The catalogue's procedure through the statistics' click counter (as on the domain pages),
    else the organism's online services."""
    if view.right.organism in view.benefit.procedures:
        return f"{reverse('stats:procedure', args=[view.right.key])}?organisme={view.right.organism}"
    return view.procedure_url


def _online(view: RightView, *, kind: str, text: str, deadline: dt.date, today: dt.date, label: str):
    return TodoItem(
        kind=kind,
        text=text,
        deadline=deadline,
        when=french_days_left(deadline, today=today),
        url=_procedure_url(view),
        link_label=label,
        link_title=f"{label} : {view.benefit.short_name}, {view.organism.short_name} — nouvelle fenêtre",
        external=True,
    )


def _renewal(view: RightView, today: dt.date) -> TodoItem | None:
    right, renewal = view.right, view.benefit.renewal
    if right.status != Right.Status.RENEWAL_DUE or renewal is None or renewal.kind != "fixed_term":
        return None
    text = (
        f"Renouvelez votre {view.benefit.short_name} auprès {de(view.organism.with_article)} "
        f"avant le {french_date(right.end_date)}"
    )
    return _online(view, kind="renewal", text=text, deadline=right.end_date, today=today,
                   label="Renouveler en ligne")  # fmt: skip


def _declaration(view: RightView, today: dt.date) -> TodoItem | None:
    due = view.right.next_declaration_due
    if view.right.status not in HELD or due is None or due < today:
        return None
    first, last = declaration_quarter(due)
    text = (
        f"Déclarez {a(view.organism.with_article)} vos ressources {french_months(first, last)} pour "
        f"votre {view.benefit.short_name} au plus tard le {french_date(due)}"
    )
    opens = declaration_opens_on(due)
    if opens > today:
        text += f", à partir du {french_date(opens)}"
    return _online(view, kind="declaration", text=text, deadline=due, today=today, label="Déclarer en ligne")


def _overpayment(item: Overpayment, today: dt.date) -> TodoItem:
    entry = benefits().get(item.benefit_key)
    what = f"le trop-perçu de {euros(item.amount)} ({entry.short_name if entry else item.benefit_key})"
    organism = organism_info(item.organism).with_article
    if item.recourse_deadline >= today:
        text = (
            f"Contestez {what} réclamé par {organism} au plus tard le {french_date(item.recourse_deadline)}, "
            "ou demandez une remise ou un échéancier"
        )
        deadline, when = item.recourse_deadline, french_days_left(item.recourse_deadline, today=today)
    else:  # too late to contest; a remission or a payment plan can still be asked for
        text = f"Demandez {a(organism)} une remise ou un échéancier pour {what}"
        deadline, when = None, ""
    label = "Comprendre ce trop-perçu et mes possibilités"
    return TodoItem(
        kind="overpayment",
        text=text,
        deadline=deadline,
        when=when,
        url=reverse("rights:overpayment", args=[item.pk]),
        link_label=label,
        link_title="",
        external=False,
    )


def todo_items(
    *, views: list[RightView], overpayments: Iterable[Overpayment], today: dt.date
) -> list[TodoItem]:
    """Renewals of fixed-term rights in their window, the next quarterly declarations and the
    overpayments, by deadline (those without one last)."""
    items = [item for view in views for item in (_renewal(view, today), _declaration(view, today)) if item]
    items += [_overpayment(overpayment, today) for overpayment in overpayments]
    return sorted(items, key=lambda item: (item.deadline is None, item.deadline or today, item.text))


# --- Domain tiles ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class HeldLine:
    name: str
    organism: str
    text: str  # "1 201,26 € versés le 2 décembre 2026", "environ 607 € par mois (estimation)"


@dataclass
class DomainSummary:
    code: str
    label: str
    held: list[HeldLine] = field(default_factory=list)
    potential: int = 0
    to_check: int = 0
    # Sums of the potential rights' estimates by periodicity; the "to check" ones are never added.
    estimated: dict[str, Decimal] = field(default_factory=dict)

    @property
    def counts(self) -> str:
        """ "aucun droit ouvert · 2 droits potentiels · 1 aide à vérifier"."""
        parts = [french_count(len(self.held), "droit ouvert", "droits ouverts", none="aucun droit ouvert")]
        if self.potential:
            parts.append(french_count(self.potential, "droit potentiel", "droits potentiels", none=""))
        if self.to_check:
            parts.append(french_count(self.to_check, "aide à vérifier", "aides à vérifier", none=""))
        return " · ".join(parts)

    @property
    def estimated_text(self) -> str:
        """ "environ 230 € par mois et 881 € en une fois", "" when no potential right has an amount."""
        amounts = [
            f"{euros(total)} {PER[periodicity]}".strip()
            for periodicity in Right.Periodicity.values
            if (total := self.estimated.get(periodicity))
        ]
        return f"environ {french_list(amounts)}" if amounts else ""


def _amount_text(right: Right) -> str:
    if right.payments:
        last = max(right.payments, key=lambda payment: payment["date"])
        day = dt.date.fromisoformat(last["date"])
        amount = Decimal(str(last["amount"]))
        return f"{euros(amount)} {'versé' if amount < 2 else 'versés'} le {french_date(day)}"
    if right.key in COVER_TEXT:
        return COVER_TEXT[right.key]
    if right.amount is None:
        return "montant non transmis"
    text = f"{euros(right.amount)} {PER.get(right.periodicity, '')}".strip()
    return f"environ {text} (estimation)" if right.amount_is_estimate else text


def _dates_text(view: RightView) -> str:
    right = view.right
    if right.end_date is None:
        return ""
    renewal = view.benefit.renewal
    if right.status == Right.Status.RENEWAL_DUE and renewal is not None and renewal.kind == "fixed_term":
        return f"à renouveler avant le {french_date(right.end_date)}"
    return f"jusqu'au {french_date(right.end_date)}"


def _held_line(view: RightView) -> HeldLine:
    text = ", ".join(part for part in (_amount_text(view.right), _dates_text(view)) if part)
    return HeldLine(name=view.benefit.short_name, organism=view.organism.short_name, text=text)


def domain_summaries(*, views: list[RightView]) -> list[DomainSummary]:
    """The six domains, each with its held rights' amounts (paid or estimated, said so), the sum of
    its potential rights' estimates and how many rights are still to check."""
    summaries = {code: DomainSummary(code=code, label=label) for code, label in DOMAINS.items()}
    for view in views:
        summary, right = summaries[view.right.domain], view.right
        if right.status in HELD:
            summary.held.append(_held_line(view))
        elif right.status == Right.Status.POTENTIAL:
            summary.potential += 1
            if right.amount is not None and right.periodicity:
                summary.estimated[right.periodicity] = (
                    summary.estimated.get(right.periodicity, Decimal(0)) + right.amount
                )
        elif right.status == Right.Status.TO_CHECK:
            summary.to_check += 1
    return list(summaries.values())


# --- Prochains versements -------------------------------------------------------------------------


@dataclass(frozen=True)
class ExpectedPayment:
    name: str
    organism: str
    last_date: dt.date
    last_amount: Decimal
    expected_on: dt.date | None  # None: the payments so far do not say when the next one comes

    @property
    def text(self) -> str:
        last = f"dernier versement le {french_date(self.last_date)} : {euros(self.last_amount)}"
        if self.expected_on is None:
            return last
        return f"attendu vers le {french_date(self.expected_on)} ({last})"


def _regular_next(dates: list[dt.date]) -> dt.date | None:
    """The next monthly date when the last payments came month after month on about the same day."""
    recent = dates[-REGULAR_PAYMENTS:]
    if len(recent) < REGULAR_PAYMENTS:
        return None
    months = [date.year * 12 + date.month for date in recent]
    if any(later - earlier != 1 for earlier, later in pairwise(months)):
        return None
    if max(date.day for date in recent) - min(date.day for date in recent) > REGULAR_DAY_SPREAD:
        return None
    return add_months(recent[-1], 1)


def expected_payments(*, views: list[RightView], today: dt.date) -> list[ExpectedPayment]:
    """For each held right whose payments we know: when the next one is expected, if they are
    regular and the expected day is not past (a late payment is not guessed), else the last one."""
    found = []
    for view in views:
        right = view.right
        if right.status not in HELD or not right.payments:
            continue
        payments = sorted(
            (dt.date.fromisoformat(payment["date"]), Decimal(str(payment["amount"])))
            for payment in right.payments
        )
        expected = None
        if right.periodicity == Right.Periodicity.MONTHLY:
            expected = _regular_next([date for date, _ in payments])
            if expected is not None and expected < today:
                expected = None
        last_date, last_amount = payments[-1]
        found.append(
            ExpectedPayment(
                name=view.benefit.short_name,
                organism=view.organism.short_name,
                last_date=last_date,
                last_amount=last_amount,
                expected_on=expected,
            )
        )
    return sorted(found, key=lambda item: (item.expected_on is None, item.expected_on or item.last_date))


def payments_not_transmitted(*, views: list[RightView]) -> str:
    """Who transmits no payment of a held right: "La CAF ne nous transmet pas ses versements : …"."""
    silent = list(
        dict.fromkeys(
            view.organism.with_article
            for view in views
            if view.right.status in HELD and not view.right.payments and view.right.key not in COVER_TEXT
        )
    )
    if not silent:
        return ""
    who = french_list(silent)
    who = who[0].upper() + who[1:]
    if len(silent) == 1:
        return (
            f"{who} ne nous transmet pas ses versements : vous les trouverez dans votre espace sur son site."
        )
    return f"{who} ne nous transmettent pas leurs versements : vous les trouverez dans votre espace sur leur site."
