from . import controllers, models, report, wizard


def uninstall_hook(env):
    """Drop the dunning history before uninstalling deletes the module's records.

    Runs and communications point to dunning levels, invoices and customers
    that uninstalling deletes (levels, demo data) before it drops the module's
    tables: without this, each of those deletions fails on a foreign key.
    """
    env.cr.execute("DELETE FROM credit_dunning_run")
    # The collector's desk points to invoices and customers too (lines cascade).
    env.cr.execute(
        "DELETE FROM credit_call; DELETE FROM credit_dispute; DELETE FROM credit_promise;"
        " DELETE FROM credit_payment_plan"
    )
    env[
        "credit.exposure.store"
    ]._drop()  # core tables must not keep its triggers  # communications and lines cascade
