"""The search index's refreshers, run by the change path (derived/refresh.py), never by a
write path: `search_index_update(occupations=[ids])` for the occupations a change touched,
`search_index_rebuild()` when a bulk change may have touched any.

Only published occupations are indexed: a draft is never a search hit.
"""

from django.db import transaction
from django.db.models import Prefetch

from classifications.models import JobTitle
from occupations.models import Occupation
from richtext.render import html_to_text
from search.models import SearchDocument, SearchPosting, SearchWord
from search.scoring import CODE_FIELDS
from search.text import STOPWORDS, spellings, stem

Field = SearchDocument.Field
BATCH = 2000


def occupation_texts(occupation):
    """(field, text) for everything a visitor can find an occupation by, most important first.

    Uses prefetched relations (see `_indexable()`).
    """
    yield Field.TITLE, occupation.title
    if occupation.title_plural:
        yield Field.TITLE, occupation.title_plural
    for alternative in occupation.alternative_titles.all():
        yield Field.ALTERNATIVE_TITLE, alternative.title
    unit_groups = {group.code: group.name for group in occupation.styrk_groups.all()}
    for job_title in occupation.job_titles.all():
        if job_title.name:
            yield Field.JOB_TITLE, job_title.name
        yield Field.JOB_TITLE_CODE, _code_text(job_title.code, job_title.name)
        if job_title.unit_group is not None:
            unit_groups[job_title.unit_group.code] = job_title.unit_group.name
    for code, name in unit_groups.items():
        yield Field.UNIT_GROUP, name
        yield Field.STYRK_CODE, _code_text(code, name)
    for programme in occupation.programmes.all():
        if programme.education.nus_code:
            yield (
                Field.NUS_CODE,
                _code_text(programme.education.nus_code, str(programme.education.name)),
            )
    yield Field.LEAD, occupation.lead
    for duty in occupation.duties.all():
        yield Field.DUTY, duty.text
    if occupation.description:
        yield Field.DESCRIPTION, html_to_text(occupation.description_html)


def _code_text(code, name):
    return f"{code} – {name}" if name else code


def _indexable():
    return Occupation.objects.published().prefetch_related(
        "alternative_titles",
        "duties",
        "styrk_groups",
        "programmes__education",
        Prefetch("job_titles", queryset=JobTitle.objects.select_related("unit_group")),
    )


def _document_words(text):
    found = set()
    for token in text.split():
        found.update(spellings(token))
    return {word for word in found if word not in STOPWORDS and len(word) <= 100}


def _write(occupations):
    documents, words_of = [], []
    for occupation in occupations:
        seen = set()
        for field, text in occupation_texts(occupation):
            text = text.strip()
            if not text or (field, text) in seen:
                continue
            seen.add((field, text))
            documents.append(SearchDocument(occupation=occupation, field=field, text=text))
            words_of.append({text.split()[0]} if field in CODE_FIELDS else _document_words(text))
    SearchDocument.objects.bulk_create(documents, batch_size=BATCH)
    postings = [
        SearchPosting(
            document=document,
            occupation_id=document.occupation_id,
            field=document.field,
            word=word,
        )
        for document, found in zip(documents, words_of, strict=True)
        for word in found
    ]
    SearchPosting.objects.bulk_create(postings, batch_size=BATCH)
    vocabulary = set().union(*words_of) if words_of else set()
    SearchWord.objects.bulk_create(
        (SearchWord(word=word, stem=stem(word)) for word in sorted(vocabulary)),
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    return len(documents)


@transaction.atomic
def search_index_update(*, occupations):
    """Index these occupations (ids) afresh, or take them out (drafts, deleted ones)."""
    SearchDocument.objects.filter(occupation_id__in=occupations).delete()
    return _write(_indexable().filter(pk__in=occupations))


@transaction.atomic
def search_index_rebuild():
    """The whole index from scratch; returns the number of documents."""
    SearchPosting.objects.all().delete()
    SearchDocument.objects.all().delete()
    SearchWord.objects.all().delete()
    return _write(_indexable().iterator(chunk_size=500))
