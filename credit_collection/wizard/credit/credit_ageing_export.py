import base64

from odoo import api, fields, models
from odoo.exceptions import UserError


class CreditAgeingExport(models.TransientModel):
    """Aged balance at a date: shown in the ageing pivot or exported to XLSX."""

    _name = "credit.ageing.export"
    _description = "Aged Balance at Date"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, readonly=False
    )
    date = fields.Date(
        string="Ageing Date",
        required=True,
        default=fields.Date.context_today,
        help="Only documents dated on or before this date, and payments or credit notes "
        "reconciled on or before it, are taken into account.",
    )
    include_detail = fields.Boolean(
        string="Detail per Document", help="Add a sheet listing every open document."
    )
    xlsx_file = fields.Binary(string="Workbook", readonly=True, attachment=False)
    xlsx_filename = fields.Char(readonly=True)

    @api.constrains("date")
    def _check_date_not_in_future(self):
        today = fields.Date.context_today(self)
        if any(wizard.date > today for wizard in self):
            raise UserError(self.env._("The ageing date cannot be in the future."))

    def _ageing_context(self):
        return {"credit_ageing_date": fields.Date.to_string(self.date)}

    def action_show_ageing(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "credit_collection.credit_ageing_line_action"
        )
        action["name"] = self.env._(
            "Aged Balance at %(date)s", date=fields.Date.to_string(self.date)
        )
        action["domain"] = [("company_id", "=", self.company_id.id)]
        action["context"] = self._ageing_context()
        return action

    def action_export_xlsx(self):
        self.ensure_one()
        content = self.env["credit.ageing.xlsx"].build_workbook(
            self.company_id, self.date, include_detail=self.include_detail
        )
        self.write(
            {
                "xlsx_file": base64.b64encode(content),
                "xlsx_filename": self.env["credit.ageing.xlsx"].workbook_filename(
                    self.company_id, self.date
                ),
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/xlsx_file/{self.xlsx_filename}"
            "?download=true",
            "target": "self",
        }
