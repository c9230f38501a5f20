from . import controllers, models, report, wizard


def uninstall_hook(env):
    """Drop the dunning history before uninstalling deletes the module's records.

    Runs and communications point to dunning levels, invoices and customers
    that uninstalling deletes (levels, demo data) before it drops the module's
    tables: without this, each of those deletions fails on a foreign key.
    """
    env.cr.execute("DELETE FROM credit_dunning_run")
    env[
        "credit.exposure.store"
    ]._drop()  # core tables must not keep its triggers  # communications and lines cascade
