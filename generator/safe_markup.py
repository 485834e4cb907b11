"""What record bodies may contain, for the checker (GK208) and the renderer (``generator.markup``) alike.

Bodies are Markdown. An author may write raw HTML only for :data:`AUTHOR_TAGS`, without
attributes; GK208 reports any other tag. The renderer's allow-list is those tags plus the ones
Markdown itself produces, so whatever the checker passes the renderer keeps, and whatever else
slips into HTML the renderer drops.
"""

AUTHOR_TAGS = frozenset({"br", "sup", "sub"})
"""Raw HTML tags an author may write in a body (no attributes)."""

MARKDOWN_TAGS = frozenset({
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "strong", "em", "b", "i", "u",
    "blockquote", "code", "pre", "table", "thead", "tbody", "tr", "th", "td", "a", "del",
})
"""Tags the Markdown renderer (tables, sane lists) writes itself; h1 bodies are moved one level down."""

ALLOWED_TAGS = MARKDOWN_TAGS | AUTHOR_TAGS
"""Every tag a rendered body may keep."""

ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align", "scope"}, "td": {"align"}, "ol": {"start"}}
"""Attributes a rendered body may keep; author tags have none."""

LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
"""URL schemes a rendered link may keep."""
SCRIPT_SCHEMES = ("javascript", "vbscript", "data")
"""Schemes GK208 reports in a link: never in :data:`LINK_SCHEMES`."""
