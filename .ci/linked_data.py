"""Reads the site's linked data as a harvester would, with rdflib.

Usage: python linked_data.py SITE

- `<p>data/catalog.jsonld` in each language folder is parsed as JSON-LD into
  an RDF graph, which must hold one dcat:Catalog whose dcat:Datasets each
  have dcat:Distributions with a dcat:downloadURL that names a file of the
  built site, a dcat:mediaType and, when the catalogue has a licence, that
  licence.
- The home page and every indicator's page carry a
  `<script type="application/ld+json">`, parsed the same way: a
  schema:Dataset with a name, a description of 50 characters or more (what
  Google's Dataset Search asks for), and schema:DataDownloads whose
  contentUrl names a file of the built site.

The schema.org context is given as `@vocab` rather than fetched: the check
runs without network, and for these documents the remote context adds only
type coercions that do not change which triples are read.
"""

import json
import pathlib
import re
import sys
from html.parser import HTMLParser

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF

SDO = Namespace("https://schema.org/")
site = pathlib.Path(sys.argv[1])


class Scripts(HTMLParser):
    """The text of every JSON-LD script of a page, and its canonical URL."""

    def __init__(self):
        super().__init__()
        self.blocks, self.canonical, self._in = [], None, False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and a.get("type") == "application/ld+json":
            self._in = True
            self.blocks.append("")
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical = a.get("href")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in = False

    def handle_data(self, data):
        if self._in:
            self.blocks[-1] += data


def read(page):
    p = Scripts()
    p.feed(page.read_text(encoding="utf-8"))
    return p


base = read(site / "index.html").canonical
assert base and base.endswith("/"), f"index.html: canonical {base!r}"


def in_site(url, where):
    """The built file a URL of the site names."""
    url = str(url)
    assert url.startswith(base), f"{where}: {url} is not under {base}"
    path = url[len(base):].split("#")[0]
    if path == "" or path.endswith("/"):
        path += "index.html"
    f = site / path
    assert f.is_file(), f"{where}: {url} names no file of the site ({f})"
    return f


def one(g, s, p, where):
    values = list(g.objects(s, p))
    assert len(values) == 1, f"{where}: {s} has {len(values)} {p}"
    return values[0]


for p in ["", "en/"]:
    where = f"{p}data/catalog.jsonld"
    g = Graph().parse(site / where, format="json-ld")
    catalogs = list(g.subjects(RDF.type, DCAT.Catalog))
    assert len(catalogs) == 1, f"{where}: {len(catalogs)} dcat:Catalog"
    catalog = catalogs[0]
    licence = next(g.objects(catalog, DCTERMS.license), None)
    datasets = list(g.objects(catalog, DCAT.dataset))
    indicators = [i for i in (site / p / "indicators").iterdir() if i.is_dir()]
    assert len(datasets) == 2 + len(indicators), f"{where}: {len(datasets)} datasets for {len(indicators)} indicators"
    files = 0
    for d in datasets:
        assert (d, RDF.type, DCAT.Dataset) in g, f"{where}: {d} is not a dcat:Dataset"
        one(g, d, DCTERMS.title, where)
        dists = list(g.objects(d, DCAT.distribution))
        assert dists, f"{where}: {d} has no distribution"
        for x in dists:
            assert (x, RDF.type, DCAT.Distribution) in g, f"{where}: {x} is not a dcat:Distribution"
            in_site(one(g, x, DCAT.downloadURL, where), where)
            assert isinstance(one(g, x, DCAT.mediaType, where), URIRef), f"{where}: {x} media type"
            if licence is not None:
                assert (x, DCTERMS.license, licence) in g, f"{where}: {x} has not the licence"
            files += 1
    print(f"{where}: a dcat:Catalog of {len(datasets)} datasets, {files} distributions, every download in the site")

    pages = [site / p / "index.html"] + [i / "index.html" for i in sorted(indicators)]
    downloads = 0
    for page in pages:
        where = str(page.relative_to(site))
        blocks = read(page).blocks
        assert len(blocks) == 1, f"{where}: {len(blocks)} JSON-LD scripts"
        doc = json.loads(blocks[0])
        assert doc.get("@context") == "https://schema.org", f"{where}: context {doc.get('@context')!r}"
        doc["@context"] = {"@vocab": str(SDO)}
        g = Graph().parse(data=json.dumps(doc), format="json-ld")
        sets = list(g.subjects(RDF.type, SDO.Dataset))
        assert len(sets) == 1, f"{where}: {len(sets)} schema:Dataset"
        d = sets[0]
        assert str(one(g, d, SDO.name, where)).strip(), f"{where}: empty name"
        assert len(str(one(g, d, SDO.description, where))) >= 50, f"{where}: description under 50 characters"
        in_site(one(g, d, SDO.url, where), where)
        dls = list(g.objects(d, SDO.distribution))
        assert dls, f"{where}: no distribution"
        for x in dls:
            assert (x, RDF.type, SDO.DataDownload) in g, f"{where}: {x} is not a DataDownload"
            in_site(one(g, x, SDO.contentUrl, where), where)
            assert re.fullmatch(r"[a-z]+/[a-z0-9.+-]+", str(one(g, x, SDO.encodingFormat, where))), where
            downloads += 1
    print(f"{p or '/'}: {len(pages)} pages with a schema:Dataset, {downloads} DataDownloads, every one in the site")
