"""The teaching dashboard (``escsim viz``): a Solara page in the browser, offline.

Needs the ``viz`` extra (``pip install -e '.[viz]'``). Solara-free modules (tested without a
browser): ``parameters`` (knobs and how they map onto a scenario), ``catalog`` (scenarios on
offer), ``run`` (one run, going back by replay), ``eventlog`` (the log in words, filters, key
events), ``data`` (chart rows, markers, measures, monitors, where a run stands), ``charts``
(Vega-Lite specs), ``texts`` (status and monitors as HTML), ``export`` (CSV and PNG),
``explore`` (explore mode), ``visitor`` (one browser tab). With Solara: ``vega`` (the chart
widget), ``board`` (the widgets a step updates in place), ``components`` (shared controls),
``explore_view`` (explore mode's page), ``app`` (the page ``solara run`` serves) and
``server`` (start and stop it).
"""
