"""The shapes of the API's responses (Pydantic, through django-ninja), which the OpenAPI
document is generated from. Codes are strings (a county number keeps its leading zero); dates
and times are ISO 8601; Norwegian text is as its writers wrote it (rich text is Markdown)."""

from datetime import date, datetime

from pydantic import BaseModel, Field


class Schema(BaseModel):
    """Plain Pydantic models, not ninja.Schema: the views build dictionaries, so ninja's
    attribute lookup on Django objects (a third of a 200-row list's time) is not needed."""


class Licence(Schema):
    source: str = Field(description="Kildens nøkkel, for eksempel «ssb».")
    holder: str
    licence: str | None = Field(description="Lisensens navn; null når kilden ikke oppgir en.")
    licence_url: str | None
    terms: str
    fields: list[str] = Field(description="Feltene i svaret som kommer fra denne kilden.")


class Meta(Schema):
    api_version: str
    documentation: str
    licences: list[Licence]


class Problem(Schema):
    """RFC 9457 problem document (application/problem+json)."""

    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[dict[str, str]] | None = None


class Paged(Schema):
    meta: Meta
    count: int = Field(description="Antall treff i hele listen.")
    page: int
    pages: int
    limit: int
    next: str | None
    previous: str | None


class Code(Schema):
    code: str
    name: str


class OccupationSummary(Schema):
    id: int
    slug: str
    title: str
    title_plural: str
    lead: str
    url: str = Field(description="Yrkessiden på nettstedet.")
    api_url: str
    modified: datetime = Field(description="Sist lagret av redaksjonen.")
    published: datetime | None
    styrk08: list[str] = Field(description="STYRK-08-yrkesgruppene (4 sifre).")
    last_reviewed: date | None


class OccupationList(Paged):
    results: list[OccupationSummary]


class Authorisation(Schema):
    required: bool
    authority: str
    text: str


class Outcome(Schema):
    styrk08: str
    name: str
    share_percent: float
    year: int


class EducationOut(Schema):
    nus_code: str | None
    name: str
    level: str
    outcomes: list[Outcome] = Field(description="Hva de utdannede jobber som (SSB), nyeste år.")


class Salary(Schema):
    styrk08: str
    year: int
    sector_code: str
    sector: str
    gender_code: str
    gender: str
    measure: str
    value: int | None = Field(description="Kroner per måned; null der SSB ikke publiserer tallet.")
    status: str = Field(description="SSBs standardtegn når tallet mangler («:» for få personer).")


class JobTitleOut(Schema):
    code: str
    name: str
    styrk08: str | None


class TradeOut(Schema):
    code: str | None
    name: str
    programme: str


class Codes(Schema):
    styrk08: list[Code]
    job_titles: list[JobTitleOut]
    trades: list[TradeOut]


class Image(Schema):
    url: str
    width: int | None
    height: int | None
    alt: str
    caption: str
    credit: str


class Review(Schema):
    organisation: str
    organisation_url: str
    reviewed_on: date
    reviewer: str


class FieldOut(Schema):
    slug: str
    name: str
    area: str = Field(description="Området feltet hører til (NAVs øverste nivå).")
    url: str


class RelatedOut(Schema):
    id: int
    slug: str
    title: str
    url: str
    api_url: str
    reason: str = Field(
        description="pinned, unit_group, minor_group, education, trade, employers eller field, "
        "den beste begrunnelsen først."
    )
    label: str = Field(
        description="Yrkesgruppen, utdanningen, lærefaget eller feltet begrunnelsen gjelder, "
        "eller redaksjonens egen tekst (pinned)."
    )
    shared_employers: int | None = Field(
        description="employers: bedrifter som har begge yrkene (ellers null)."
    )
    employers: int | None = Field(description="employers: bedrifter med dette yrket (ellers null).")


class OccupationDetail(OccupationSummary):
    description: str = Field(description="Markdown.")
    alternative_titles: list[str]
    duties_intro: str
    duties: list[str]
    delegated_tasks: str
    authorisation: Authorisation
    workplaces_text: str
    workplaces: list[str]
    personal_traits: str
    education_text: str
    educations: list[EducationOut]
    salaries: list[Salary] = Field(description="SSBs månedslønn, nyeste år per yrkesgruppe.")
    codes: Codes
    image: Image | None
    last_review: Review | None
    fields: list[FieldOut] = Field(description="Yrkesområdene yrket hører til, A–Å.")
    related: list[RelatedOut] = Field(
        description="Opptil seks relaterte yrker, hvert med begrunnelsen, som på yrkessiden."
    )


class OccupationOne(Schema):
    meta: Meta
    result: OccupationDetail


class OccupationRef(Schema):
    id: int
    slug: str
    title: str


class CountyCount(Schema):
    code: str
    name: str
    employers: int


class EmployerOut(Schema):
    orgnr: str
    name: str
    url: str
    address: str
    postal_code: str
    postal_place: str
    municipality: Code | None
    county: Code | None
    employed: int = Field(description="Ansatte i yrkets stillingstitler, nyeste måned.")
    contracts: int = Field(description="Løpende lærekontrakter i yrkets lærefag.")
    is_apprenticeship_company: bool


class EmployerList(Paged):
    occupation: OccupationRef
    county: Code | None
    municipality: Code | None
    period: str | None = Field(description="Aa-registerets nyeste måned, ÅÅÅÅ-MM.")
    total_employed: int
    by_county: list[CountyCount]
    results: list[EmployerOut]


class CountyOut(Code):
    api_url: str


class CountyList(Schema):
    meta: Meta
    results: list[CountyOut]


class CountyDetail(Code):
    municipalities: list[Code]


class CountyOne(Schema):
    meta: Meta
    result: CountyDetail


class MunicipalityOut(Code):
    county: Code


class MunicipalityList(Paged):
    results: list[MunicipalityOut]


class StyrkOut(Code):
    level: int
    parent: str | None


class StyrkList(Paged):
    results: list[StyrkOut]


class StyrkDetail(StyrkOut):
    children: list[Code]
    job_titles: list[JobTitleOut]
    occupations: list[OccupationRef]


class StyrkOne(Schema):
    meta: Meta
    result: StyrkDetail


class JobTitleList(Paged):
    results: list[JobTitleOut]


class ImportRunOut(Schema):
    status: str
    started_at: datetime
    finished_at: datetime | None


class SourceOut(Schema):
    key: str
    name: str
    refreshed_at: datetime | None = Field(description="Når dataene sist ble hentet.")
    last_success_at: datetime | None = Field(description="Siste vellykte import.")
    last_run: ImportRunOut | None
    licence: Licence


class SourceList(Schema):
    meta: Meta
    results: list[SourceOut]
