"""Stage 2, data: pages and datasets, whatever format they come in.

The page model every later stage sees (`page`: Page, Dataset, Snippet, Gold), one loader per
dataset format (`formats`, found by name), the public catalogue with its pins (`catalogue`),
downloading and safe unpacking (`fetch`, `archive`) and prediction files made elsewhere
(`predictions`). May import `bench.text`, `bench.errors` and `bench.files`; the bundled gold
format plugs into `formats` by name like any other.
"""
