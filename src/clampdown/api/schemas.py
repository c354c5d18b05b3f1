"""The shapes the API answers with, as Pydantic models: they make the OpenAPI document.

They mirror the dicts the query modules return (`clampdown.query`); a test checks
every endpoint's answer against them, so the document cannot drift from what is served.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, Field, WithJsonSchema


class ErrorBody(BaseModel):
    status: int
    message: str = Field(description="What is wrong and what to do about it.")
    field: str | None = Field(None, description="The parameter at fault, when one is.")


class ErrorResponse(BaseModel):
    error: ErrorBody


class EntityRef(BaseModel):
    id: int | None
    name: str | None


class Amounts(BaseModel):
    """The money of an act, alike in a case, an event and a dispute step
    (`query.common.amounts` and `query.cases.money_notes`)."""

    amount: float | None
    amount_range: list[float | None] | None
    currency: str | None
    amount_eur: float | None
    amount_usd: float | None
    rate_source: str | None = None  # whose rates: "ECB", "Bank of Russia"
    unconverted: str | None = None  # why there is no EUR/USD value


class CaseItem(Amounts):
    id: int
    type: str
    status: str
    date: str | None = Field(description="YYYY, YYYY-MM or YYYY-MM-DD, as precise as known")
    date_lo: str | None
    date_hi: str | None
    country: str | None
    actor: EntityRef | None
    target: EntityRef | None
    n_sources: int = Field(description="Independent sources (copies of one story count once)")
    n_documents: int
    n_mentions: int
    has_conflict: bool
    conversion_flag: bool = Field(description="A source's own currency conversion is off")
    origin_doc_id: int | None
    origin_source: str | None
    evidence: str | None = None


class CasePage(BaseModel):
    items: list[CaseItem]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page")
    total: int | None = Field(description="Matches, counted up to max_count_rows")
    total_is_exact: bool = Field(description="False when there are more than `total`")
    sort: str
    limit: int


class Conversion(BaseModel):
    stated_amount: float | None
    stated_currency: str | None
    expected: float | None
    deviation: float | None
    ok: bool | None
    rate_date: str | None


class EventItem(Amounts):
    event_id: int
    case_id: int
    doc_id: int
    type: str
    status: str
    actor: EntityRef | None
    target: EntityRef | None
    country: str | None
    date: str | None
    evidence: str
    start: int
    end: int
    conversion: Conversion | None
    document: dict[str, Any] | None = None


class EventPage(BaseModel):
    items: list[EventItem]
    next_cursor: str | None
    total: int | None
    total_is_exact: bool
    sort: str
    limit: int


class Paragraph(BaseModel):
    before: str
    evidence: str
    after: str
    start: int


class Report(EventItem):
    paragraph: Paragraph


class CaseDetail(CaseItem):
    conflicts: list[dict[str, Any]]
    reports: list[Report]
    conversions: list[dict[str, Any]]


class EntityItem(BaseModel):
    id: int
    key: str
    name: str
    role: str | None
    kind: str | None
    country: str | None
    known: bool
    n_cases: int | None = None
    as_actor: int | None = None
    as_target: int | None = None


class EntityPage(BaseModel):
    items: list[EntityItem]
    total: int
    limit: int
    offset: int
    sort: str


class EntityDetail(EntityItem):
    names: list[str]
    totals: dict[str, Any]
    timeline: list[dict[str, Any]]
    cases: CasePage
    disputes: dict[str, Any] | None = Field(
        None, description="The disputes it is party to, latest first (items, total)"
    )


class DocumentDetail(BaseModel):
    id: int
    ext_id: str
    title: str | None
    url: str | None
    lang: str | None
    published: str | None
    published_inferred: str | None
    date_basis: str | None
    origin: str | None
    outlet: str | None
    attributed: str | None
    republished: bool
    is_origin: bool
    cues: list[Any]
    story: dict[str, Any]
    ingested_at: str | None
    text: str
    events: list[EventItem]
    copies: list[dict[str, Any]]


class Stats(BaseModel):
    filter: dict[str, Any]
    totals: dict[str, int]
    by_month: list[dict[str, Any]]
    by_type: dict[str, int]
    by_country: list[dict[str, Any]]
    top_targets: list[dict[str, Any]]
    top_actors: list[dict[str, Any]]
    fines: dict[str, list[dict[str, Any]]]


def _documented(schema: dict[str, Any]) -> Any:
    """A field documented with `schema` but read leniently: a value that breaks it costs only
    that field (dropped and noted) or that document (skipped), never the whole request."""
    return WithJsonSchema(schema)


class IngestDocument(BaseModel):
    """One document; the server checks each field itself (see `write_routes`), so one bad
    field or document is reported in `errors` while the rest of the request is stored."""

    id: Annotated[Any, _documented({"type": "string", "minLength": 1, "maxLength": 500})]
    text: Annotated[Any, _documented({"type": "string", "minLength": 1})]
    published: Annotated[
        Any, _documented({"type": ["string", "null"], "description": "YYYY-MM-DD, YYYY-MM or YYYY"})
    ] = None
    lang: Annotated[
        Any,
        _documented({"type": ["string", "null"], "maxLength": 100,
                     "description": "a language code; one that is not is dropped and noted"}),
    ] = None
    url: Annotated[Any, _documented({"type": ["string", "null"], "maxLength": 4000})] = None
    title: Annotated[Any, _documented({"type": ["string", "null"], "maxLength": 2000})] = None


class IngestRequest(BaseModel):
    documents: list[IngestDocument] = Field(min_length=1, max_length=10_000)


class IngestResult(BaseModel):
    read: int
    failed: int
    duplicates: int
    stored: int
    events: int
    cases: int
    errors: list[str]


class WatchlistIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    filters: dict[str, Any] = Field(
        description="A saved filter with the keys of /api/cases: type, actor, target, entity, "
        "country, status, since, until, min_sources, conflicts, q"
    )
    webhook: str | None = Field(None, max_length=2000, description="http(s) URL to POST to")


class Watchlist(BaseModel):
    id: int
    name: str
    filters: dict[str, Any]
    webhook: str | None
    feed_url: str
    after_case_id: int
    created_at: str
    deliveries: dict[str, int] = Field(default_factory=dict)


class Matter(BaseModel):
    id: str = Field(description="A matter (`protests`) or a law (`art-13.41`)")
    label: str


class PlatformRef(BaseModel):
    id: int | None
    name: str = Field(description="The platform group, by its owner's name where it has one")
    key: str


class DisputeItem(BaseModel):
    id: str = Field(description="Readable and stable for the same cases: ru-twitter-2021-01-23")
    title: str
    state: str = Field(description="ISO code of the state's side (EU for EU bodies)")
    state_name: str
    platform: PlatformRef
    first_date: str | None
    last_date: str | None
    first_day: str | None
    last_day: str | None
    duration_days: int | None
    n_steps: int
    stage: str = Field(description="open, escalated, complied, refused, or ended (quiet for "
                       "dispute_dormant_days before the newest step of the record)")
    outcome: str = Field(description="The stage its steps reached: open, escalated, complied "
                         "or refused")
    harshest: str | None = Field(description="Type of the harshest state act (a threatened "
                                 "measure counts as a warning)")
    harshest_status: str | None
    start_day: str | None = Field(description="The state's first act, usually a demand")
    days_to_compliance: int | None = Field(description="Days from the state's first act to "
                                           "the platform's first compliance")
    days_to_harshest: int | None = Field(description="Days from the state's first act to the "
                                         "harshest measure")
    fines_eur: float
    fines_usd: float
    n_fines: int
    n_unconverted: int = Field(description="Fines with no reference rate, left out of totals")
    matter: list[Matter]


class DisputePage(BaseModel):
    items: list[DisputeItem]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page")
    total: int | None
    total_is_exact: bool
    sort: str
    limit: int


class StepLink(BaseModel):
    kind: str = Field(description="first (it starts the dispute), cue (it names a matter "
                      "of the steps it continues), reference (it refers back to the act it "
                      "continues) or time (it is the nearest step after the one it "
                      "continues)")
    cues: list[Matter]
    days: int | None = Field(description="Days after the step it continues")
    continues: list[int] = Field(description="The numbers of the steps it continues")


class StepDocument(BaseModel):
    id: int
    ext_id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None


class DisputeStep(Amounts):
    seq: int
    case_id: int
    day: str | None
    date: str | None
    type: str
    status: str
    country: str | None
    actor: EntityRef | None
    target: EntityRef | None
    n_sources: int
    n_documents: int
    cues: list[Matter]
    link: StepLink
    evidence: str | None
    event_id: int | None
    document: StepDocument | None


class RelatedDispute(BaseModel):
    id: str
    first_date: str | None
    last_date: str | None
    n_steps: int
    outcome: str
    matter: list[Matter]


class DisputeDetail(DisputeItem):
    dormant_days: int
    as_of: str | None = Field(description="The newest step of the record, which `ended` is "
                              "counted back from")
    steps: list[DisputeStep]
    related: list[RelatedDispute] = Field(description="Other disputes of this state and "
                                          "platform")
