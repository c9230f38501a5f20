from pathlib import Path

from odoo.addons.credit_collection.tests import test_translation
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestStockFrenchTranslation(test_translation.TestFrenchTranslation):
    """The bridge addon's terms have their French translation too."""

    module = "credit_collection_stock"
    french_po = Path(__file__).parents[1] / "i18n" / "fr.po"

    def test_every_term_has_a_french_translation(self):
        # Defined here: Odoo's runner skips test methods inherited from another addon.
        return super().test_every_term_has_a_french_translation()

    def test_french_translation_is_loaded(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms([self.module], ["fr_FR"], overwrite=True)
        field = self.env["ir.model.fields"]._get("res.company", "credit_block_deliveries")
        self.assertEqual(
            field.with_context(lang="fr_FR").field_description,
            "Bloquer les livraisons des clients bloqués",
        )
