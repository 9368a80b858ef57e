"""The static builder: every live page of the site written out as files.

- `dependencies`: the one place that knows which paths a page change touches.
- `renderer`: renders pages, subpaths, the 404 page and API JSON in-process.
- `writer`: atomic file writes and removals inside a build directory.
- `builder`: the full build into a fresh directory, swapped in with one symlink switch.
- `publisher`: incremental re-rendering after a publish, unpublish, move or delete.
- `extras`: sitemap, robots.txt, feeds, redirects and static API listings.
- `linkcheck`: every internal reference in every HTML file resolves inside the build.
"""
