"""Which authors a page gets, and from where: people first, most trusted source first; an organisation the page
credits only when it names no person.

People: the JSON-LD ``author`` of the article, the author ``<meta>`` tags (and ``twitter:label``/``data`` pairs
labelled "Written by"), the byline elements, the lead-in lines; when none names a person, a byline that is one
user name ("by ibby" on a line of its own, "Posted by BeauHD on Friday") or the ``alt`` of an author's picture
(``author_marks``). A stated user name ("andrew.keaveney", the account that posted) yields to the one person a
byline shows. Credits (``author_credits``): a wire service, a desk or the site itself in a stated field, then in
a byline. The values themselves are read by ``authors``.
"""

from __future__ import annotations

from pipeline.clean.author_credits import byline_credit, organisation
from pipeline.clean.author_marks import portrait_texts, user_name
from pipeline.clean.authors import USER_NAME, byline_texts, byline_words, ld_names, lead_lines, lead_texts, people
from pipeline.clean.page import Page


def _labelled(page: Page) -> list[tuple[str, str]]:
    """Values of ``<meta>`` label/data pairs whose label is a lead-in (``twitter:label1`` "Written by")."""
    lead = byline_words().lead
    out = []
    for key, labels in page.meta.items():
        if key.startswith("twitter:label") and any(lead.fullmatch(label.strip()) for label in labels):
            out += [(key, value) for value in page.meta.get(key.replace("label", "data"), ())]
    return out


def pick_authors(page: Page) -> tuple[list[str], str | None]:
    """The article's authors and where they were read (``json-ld``, ``meta``, ``byline``); none when none.

    People first, from any source; an organisation credited in a stated field or a byline only when no person is
    named.
    """
    names, source = _pick_people(page)
    if names and source != "byline" and all(USER_NAME.match(n) for n in names):  # "andrew.keaveney" posted it
        shown = next((p for t in byline_texts(page) if len(p := people(t, page, stated=False)) == 1), [])
        if shown and " " in shown[0]:
            return shown, "byline"
    if names:
        return names, source
    for article in page.articles:
        credits = [
            o for value in ld_names(article.get("author"), page, organisations=True) if (o := organisation(value, page))
        ]
        if credits:
            return list(dict.fromkeys(credits)), "json-ld"
    for _, value in [*page.meta_values("author"), *_labelled(page)]:
        credit = organisation(value, page)
        if credit:
            return [credit], "meta"
    for text in [*byline_texts(page), *lead_texts(page)]:
        credit = byline_credit(text, page)
        if credit:
            return [credit], "byline"
    return [], None


def _pick_people(page: Page) -> tuple[list[str], str | None]:
    """The people the page names as authors, most trusted source first."""
    for article in page.articles:
        names = [p for value in ld_names(article.get("author"), page) for p in people(value, page)]
        if names:
            return names, "json-ld"
    for _, value in [*page.meta_values("author"), *_labelled(page)]:
        names = people(value, page)
        if names:
            return names, "meta"
    for text in byline_texts(page):
        names = people(text, page, stated=False)
        if names:
            return names, "byline"
    for text in lead_texts(page):
        names = [n for n in people(text, page, stated=False) if len(n.split()) > 1]
        if names:
            return names, "byline"
    for text in byline_texts(page):
        name = user_name(text, page)
        if name:
            return [name], "byline"
    for text, whole in lead_lines(page):  # "by ibby", "Written by Eliz"; not "By Category", "Written Communication"
        name = user_name(text, page) if whole else None
        lead = byline_words().lead.match(text)
        if name and lead and (name.islower() or " " in lead.group().strip()):
            return [name], "byline"
    for text in portrait_texts(page):
        names = people(text, page, stated=False)
        if len(names) == 1:
            return names, "byline"
    return [], None
