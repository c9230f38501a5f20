from pathlib import Path

from odoo.addons.credit_collection.tests import test_translation
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestDashboardFrenchTranslation(test_translation.TestFrenchTranslation):
    """The dashboard's name, titles and labels have their French translation."""

    module = "spreadsheet_dashboard_credit_collection"
    french_po = Path(__file__).parents[1] / "i18n" / "fr.po"

    def test_every_term_has_a_french_translation(self):
        # Defined here: Odoo's runner skips test methods inherited from another addon.
        return super().test_every_term_has_a_french_translation()

    def test_french_translation_is_loaded(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms([self.module], ["fr_FR"], overwrite=True)
        dashboard = self.env.ref(
            "spreadsheet_dashboard_credit_collection.dashboard_credit_collection"
        )
        self.assertEqual(dashboard.with_context(lang="fr_FR").name, "Crédit et recouvrement")
        # the titles and labels of the spreadsheet are translated in the browser
        translations = self.env["ir.http"].get_translations_for_webclient([self.module], "fr_FR")
        messages = {m["id"]: m["string"] for m in translations[0][self.module]["messages"]}
        self.assertEqual(messages["Expected in 13 Weeks"], "Attendu sous 13 semaines")
        self.assertEqual(
            messages["Top 10 Customers by Exposure"], "10 premiers clients par encours"
        )
