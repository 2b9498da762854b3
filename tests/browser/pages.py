"""The site's page types, by a path on the built site, shared by the browser tests."""

MODEL = "/ons-online-child-sexual-abuse-offences/"

PAGE_TYPES = {
    "home": "/",
    "home page 2": "/page/2/",
    "article": MODEL,
    "page": "/about/",
    "contact": "/contact/",
    "category": "/category/child-abuse-claims/",
    "tag": "/tag/nspcc/",
    "author": "/author/jordans-abuse-team/",
    "author (person)": "/author/helen-marsh/",
    "article (overdue review notice)": "/highway-code-hierarchy-road-users/",
    "archives": "/archives/",
    "categories": "/categories/",
    "tags": "/tags/",
    "authors": "/authors/",
    "404": "/404.html",
    "search": "/search/",
}

# One article from each of the other practice areas.
AREA_ARTICLES = {
    "article (sexual abuse)": "/anonymity-sexual-abuse-claims/",
    "article (personal injury)": "/no-win-no-fee-explained/",
    "article (clinical negligence)": "/duty-of-candour-nhs/",
    "article (professional negligence)": "/can-you-sue-your-solicitor/",
}
