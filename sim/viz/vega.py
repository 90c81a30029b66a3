"""A Vega-Lite chart drawn in the browser (``vega.vue``): the server sends a spec once and the
chart's datasets on each change, so a step costs the server a few kilobytes of JSON, not a
rendered image. The Vega bundle comes from the assets Solara ships (solara-assets), by pinned
version, so nothing is fetched from outside the machine."""

from __future__ import annotations

import ipyvue
import traitlets


class VegaChart(ipyvue.VueTemplate):
    template_file = (__file__, "vega.vue")
    spec = traitlets.Dict().tag(sync=True)
    #: Named datasets of the spec (``{"data": {"name": ...}}``), replaced on each change.
    datasets = traitlets.Dict().tag(sync=True)
    #: Bumped with each change of data; the page shows it once drawn (``data-version``).
    version = traitlets.Int(0).tag(sync=True)
