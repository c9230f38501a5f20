"""18.0.1.5.2: the stored exposure follows e-invoices rejected after posting.

Up to 18.0.1.5.1, an e-invoice the platform rejected after it was posted stayed in its
customer's stored exposure (the *Over Credit Limit* search, the confirmation check) until
something else changed for that customer. The customers with a rejected e-invoice are
listed as changed: the scheduled action stores their figures again. The update itself
replaces the triggers of invoices and contacts. Running it twice lists them twice, which
stores the same figures.
"""


def migrate(cr, version):
    cr.execute(
        """
        INSERT INTO credit_exposure_stale (partner_id, company_id)
        SELECT DISTINCT commercial_partner_id, company_id FROM account_move
         WHERE credit_einvoice_status = 'rejected' AND commercial_partner_id IS NOT NULL
        """
    )
