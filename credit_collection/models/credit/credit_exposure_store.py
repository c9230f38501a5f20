import logging

from odoo import api, models
from odoo.tools import SQL

from .credit_exposure_store_sql import (
    ROW_MARKS,
    ROW_TRIGGER,
    STALE_MARKS,
    TRANSITION_TABLES,
)

_logger = logging.getLogger(__name__)

STORE = "credit_exposure_stored"
# Right after a mass change: with more stale customers than this listed, every exposure is
# computed in one pass over the open items, with this much memory to sort and aggregate them.
MANY_STALE = 2_000
MANY_STALE_WORK_MEM = "32MB"
STALE = "credit_exposure_stale"


class CreditExposureStore(models.AbstractModel):
    """Customers' exposure kept in a table, for searching and filtering on it.

    The Credit tab computes a customer's exposure when it needs it
    (``credit.exposure``); a search over every customer cannot, and the
    confirmation check should not depend on the customer's history. The
    table ``credit_exposure_stored`` keeps open receivables, draft invoices and
    orders not invoiced per commercial partner and company. PostgreSQL triggers on
    the tables these figures come from list the customers a change may affect in
    ``credit_exposure_stale``, whatever wrote them (ORM, core's SQL, imports); a
    search reads the stored figures of the others and computes theirs, and a
    scheduled action stores the new figures of the listed customers.
    """

    _name = "credit.exposure.store"
    _description = "Stored Credit Exposure"

    def init(self):
        self.env.cr.execute(SQL("SELECT to_regclass(%s)", STORE))
        created = not self.env.cr.fetchone()[0]
        self.env.cr.execute(
            SQL(
                """
                CREATE TABLE IF NOT EXISTS %(store)s (
                    partner_id integer NOT NULL REFERENCES res_partner(id) ON DELETE CASCADE,
                    company_id integer NOT NULL REFERENCES res_company(id) ON DELETE CASCADE,
                    receivable numeric NOT NULL DEFAULT 0,
                    draft_invoices numeric NOT NULL DEFAULT 0,
                    orders numeric NOT NULL DEFAULT 0,
                    PRIMARY KEY (company_id, partner_id)
                );
                CREATE TABLE IF NOT EXISTS %(stale)s (
                    id bigserial PRIMARY KEY,
                    partner_id integer NOT NULL,
                    company_id integer
                );
                CREATE INDEX IF NOT EXISTS %(stale_index)s ON %(stale)s (partner_id);
                """,
                store=SQL.identifier(STORE),
                stale=SQL.identifier(STALE),
                stale_index=SQL.identifier(f"{STALE}_partner_id_idx"),
            )
        )
        for table, marks in STALE_MARKS.items():
            updates = () if table in ROW_MARKS else ("UPDATE",)
            self._create_stale_trigger(table, marks, ("INSERT", *updates, "DELETE"))
        for table, (columns, when, marked) in ROW_MARKS.items():
            self._create_row_stale_trigger(table, columns, when, marked)
        # Up to 18.0.1.5.1, a statement trigger listed the contacts that moved.
        self.env.cr.execute(SQL("DROP FUNCTION IF EXISTS credit_exposure_mark_res_partner()"))
        if created:  # every customer to store: the scheduled action does it
            self.env.cr.execute(
                SQL(
                    "INSERT INTO %s (partner_id, company_id)"
                    " SELECT id, NULL FROM res_partner WHERE id = commercial_partner_id",
                    SQL.identifier(STALE),
                )
            )

    def _create_stale_trigger(self, table, marks, operations):
        function = SQL.identifier(f"credit_exposure_mark_{table}")
        branches = []
        for operation in operations:
            selects = [
                marks.format(rows=rows)
                for rows, used in (("new_rows", "DELETE"), ("old_rows", "INSERT"))
                if operation != used
            ]
            # Each customer once per statement, however many of its rows (old and new) changed.
            marked = f"SELECT DISTINCT * FROM ({' UNION ALL '.join(selects)}) marks"
            inserts = f"INSERT INTO {STALE} (partner_id, company_id) {marked};"
            branches.append(f"IF TG_OP = '{operation}' THEN {inserts} END IF;")
        # The body is written from the constants above, never from data.
        body = SQL(" ".join(branches))
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE FUNCTION %s() RETURNS trigger LANGUAGE plpgsql"
                " AS $$ BEGIN %s RETURN NULL; END $$",
                function,
                body,
            )
        )
        for operation in operations:
            trigger = SQL.identifier(f"credit_exposure_mark_{table}_{operation.lower()}")
            self.env.cr.execute(
                SQL(
                    """
                    DROP TRIGGER IF EXISTS %(trigger)s ON %(table)s;
                    CREATE TRIGGER %(trigger)s AFTER %(operation)s ON %(table)s
                        REFERENCING %(referencing)s
                        FOR EACH STATEMENT EXECUTE FUNCTION %(function)s();
                    """,
                    trigger=trigger,
                    table=SQL.identifier(table),
                    operation=SQL(operation),
                    referencing=SQL(TRANSITION_TABLES[operation]),
                    function=function,
                )
            )

    def _create_row_stale_trigger(self, table, columns, when, marked):
        """The trigger listing the customers of ``table``'s rows updated in ``columns``
        when ``when`` holds: the (partner, company) rows ``marked``."""
        # Written from the constants of ROW_MARKS, never from data.
        self.env.cr.execute(
            SQL(
                ROW_TRIGGER,
                function=SQL.identifier(f"credit_exposure_mark_{table}_row"),
                stale=SQL.identifier(STALE),
                marked=SQL(marked),
                trigger=SQL.identifier(f"credit_exposure_mark_{table}_update"),
                table=SQL.identifier(table),
                columns=SQL(", ").join(SQL.identifier(column) for column in columns),
                when=SQL(when),
            )
        )

    @api.model
    def _drop(self):
        """Remove the triggers, their functions and the tables (uninstalling)."""
        functions = [f"credit_exposure_mark_{table}" for table in STALE_MARKS]
        functions += [f"credit_exposure_mark_{table}_row" for table in ROW_MARKS]
        for function in functions:
            self.env.cr.execute(
                SQL("DROP FUNCTION IF EXISTS %s() CASCADE", SQL.identifier(function))
            )
        self.env.cr.execute(
            SQL("DROP TABLE IF EXISTS %s, %s", SQL.identifier(STORE), SQL.identifier(STALE))
        )

    @api.model
    def _rebuild(self):
        """Store the figures of every customer in every company (installing, or when
        the set of receivable accounts changes)."""
        self.env.cr.execute(SQL("DELETE FROM %s", SQL.identifier(STALE)))
        self.env.cr.execute(SQL("DELETE FROM %s", SQL.identifier(STORE)))
        commercial = SQL("SELECT id FROM res_partner WHERE id = commercial_partner_id")
        for company in self.env["res.company"].sudo().search([]):
            self._store(company, commercial)

    @api.model
    def _cron_store_stale(self):
        """Store the new figures of the customers listed as stale. Rows another
        transaction is storing are skipped (it removes them); safe to run twice."""
        self.env.flush_all()  # pending writes list their customers first
        self.env.cr.execute(
            SQL(
                """
                WITH taken AS (
                    DELETE FROM %(stale)s
                     WHERE id IN (SELECT id FROM %(stale)s FOR UPDATE SKIP LOCKED)
                 RETURNING partner_id, company_id
                )
                SELECT taken.company_id, ARRAY_AGG(DISTINCT partner.commercial_partner_id)
                  FROM taken JOIN res_partner partner ON partner.id = taken.partner_id
                 GROUP BY 1
                """,
                stale=SQL.identifier(STALE),
            )
        )
        stale = self.env.cr.fetchall()
        companies = self.env["res.company"].sudo().search([])
        for company in companies:
            partner_ids = {
                partner_id
                for company_id, ids in stale
                if company_id in (company.id, None)
                for partner_id in ids
            }
            if partner_ids:
                self._store(company, SQL("SELECT unnest(%s::integer[])", sorted(partner_ids)))
        _logger.info("Credit exposure stored for %s customers", sum(len(ids) for _c, ids in stale))

    def _store(self, company, partners):
        """Replace the stored figures of ``partners`` (SQL selecting commercial
        partner ids) in ``company``, rounded to its currency."""
        exposure = self.env["credit.exposure"]
        exposure._flush_fields_read()
        decimals = company.currency_id.decimal_places
        self.env.cr.execute(
            SQL(
                """
                DELETE FROM %(store)s WHERE company_id = %(company)s
                   AND partner_id = ANY(ARRAY(%(partners)s));
                INSERT INTO %(store)s (partner_id, company_id, receivable, draft_invoices, orders)
                SELECT partner_id, %(company)s,
                       ROUND(COALESCE(receivable, 0)::numeric, %(decimals)s),
                       ROUND(COALESCE(draft_invoices, 0)::numeric, %(decimals)s),
                       ROUND(COALESCE(orders, 0)::numeric, %(decimals)s)
                  FROM (%(figures)s) figure
                """,
                store=SQL.identifier(STORE),
                company=company.id,
                partners=partners,
                decimals=decimals,
                figures=exposure._figures_query(partners, company, None),
            )
        )

    def _exposure_query(self, company, partner_ids=None):
        """Rows (partner_id, exposure) of customers in ``company``: the stored figures
        of those that are not stale, computed now for the stale ones, read first and
        passed as a list (a few, usually: the scheduled action stores them every few
        minutes). Right after a mass change listed many customers, every exposure of
        the company is computed in one pass over the open items instead: cheaper than
        mixing stored figures with a list of thousands of stale ones.
        ``partner_ids``: only these commercial partners; every customer when None."""
        exposure = self.env["credit.exposure"]
        exposure._flush_fields_read()
        at_most = MANY_STALE if partner_ids is None else None
        stale_ids = self._stale_partner_ids(company, partner_ids, at_most=at_most)
        if stale_ids is None:
            # Sort and aggregate every open item in memory, not on disk (PostgreSQL's
            # default work_mem, 4 MB, spills them), for this transaction.
            self.env.cr.execute(SQL("SET LOCAL work_mem = %s", MANY_STALE_WORK_MEM))
            return self._computed_exposure_query(company, None)
        stale = self.env["res.partner"].browse(stale_ids)
        only = SQL() if partner_ids is None else SQL("AND partner_id = ANY(%s)", list(partner_ids))
        stored = SQL(
            """
            SELECT partner_id, receivable + draft_invoices + orders AS exposure
              FROM %(store)s
             WHERE company_id = %(company)s AND partner_id <> ALL(%(stale)s) %(only)s
            """,
            store=SQL.identifier(STORE),
            company=company.id,
            stale=stale.ids,
            only=only,
        )
        if not stale:
            return stored
        return SQL("%s UNION ALL %s", stored, self._computed_exposure_query(company, stale))

    def _computed_exposure_query(self, company, partners):
        """Rows (partner_id, exposure) of ``partners`` (every customer when None)
        computed from the open items, rounded as stored."""
        decimals = company.currency_id.decimal_places

        def rounded(column):
            return SQL("ROUND(COALESCE(%s, 0)::numeric, %s)", SQL.identifier(column), decimals)

        return SQL(
            "SELECT partner_id, %s + %s + %s AS exposure FROM (%s) figure",
            rounded("receivable"),
            rounded("draft_invoices"),
            rounded("orders"),
            self.env["credit.exposure"]._figures_query(partners, company, None),
        )

    def _stale_partner_ids(self, company, partner_ids=None, *, at_most=None):
        """The commercial partners listed as changed in ``company`` (or in every
        company), each once; only among ``partner_ids`` when given. None when the
        list has more than ``at_most`` rows (not read further)."""
        self.env["res.partner"].flush_model(["commercial_partner_id"])
        only = SQL()
        if partner_ids is not None:
            only = SQL("WHERE member.commercial_partner_id = ANY(%s)", list(partner_ids))
        rows = self.env.execute_query(
            SQL(
                """
                SELECT member.commercial_partner_id FROM (
                    SELECT partner_id FROM %(stale)s
                     WHERE company_id = %(company)s OR company_id IS NULL %(limit)s
                ) stale
                  JOIN res_partner member ON member.id = stale.partner_id %(only)s
                """,
                stale=SQL.identifier(STALE),
                company=company.id,
                limit=SQL() if at_most is None else SQL("LIMIT %s", at_most + 1),
                only=only,
            )
        )
        if at_most is not None and len(rows) > at_most:
            return None
        return list(dict.fromkeys(partner_id for (partner_id,) in rows))
