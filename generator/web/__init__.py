"""``hitteplan web``: the same tool as a page in the browser, on a laptop or for a region.

:mod:`generator.web.app` is the Flask application (pages, uploads, downloads),
:mod:`generator.web.upload` takes an upload apart safely, :mod:`generator.web.werker` checks
and builds it in a worker process of its own. The pages' HTML, style and every Dutch sentence
live in ``sjablonen/web/``.
"""
