from pathlib import Path

import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader

MODULE = "credit_collection"
FRENCH_PO = Path(__file__).parents[1] / "i18n" / "fr.po"


@tagged("post_install", "-at_install")
class TestFrenchTranslation(TransactionCase):
    """Every translatable term of the module must have a French translation."""

    module = MODULE
    french_po = FRENCH_PO

    def _exported_terms(self):
        reader = TranslationModuleReader(self.env.cr, modules=[self.module])
        return {source for _module, _type, _name, _res_id, source, _value, _comments in reader}

    def test_every_term_has_a_french_translation(self):
        terms = self._exported_terms()
        self.assertTrue(terms, "the module exports no translatable term")
        french = polib.pofile(str(self.french_po))
        translated = {
            entry.msgid for entry in french if entry.msgstr.strip() and not entry.obsolete
        }
        missing = sorted(terms - translated)
        self.assertFalse(
            missing,
            "Terms without French translation in i18n/fr.po (run `make i18n`, then translate):\n"
            + "\n".join(missing),
        )

    def test_french_translation_is_loaded(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms([MODULE], ["fr_FR"], overwrite=True)
        group = self.env.ref("credit_collection.group_credit_manager").with_context(lang="fr_FR")
        self.assertEqual(group.name, "Responsable crédit")
        menu = self.env.ref("credit_collection.credit_collection_menu_root").with_context(
            lang="fr_FR"
        )
        self.assertEqual(menu.name, "Crédit et recouvrement")
