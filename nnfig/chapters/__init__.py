"""One module of figures per chapter, named like the chapter's page in ``book/``.

Each figure is a drawing function registered with ``@figure`` from
``nnfig.registry``; the registry imports these modules on first use.
"""
