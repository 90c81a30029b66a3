"""The teaching dashboard (``escsim viz``): a Mesa SolaraViz page in the browser.

Needs the ``viz`` extra (``pip install -e '.[viz]'``). Modules: ``parameters`` (sliders and how
they map onto a scenario), ``catalog`` (the scenarios on offer), ``session`` (one visitor's
settings, runs and reference run), ``figures`` (charts and text), ``components`` (Solara
panels), ``app`` (the page ``solara run`` serves) and ``server`` (start and stop it).
"""
