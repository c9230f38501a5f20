"""The addon's layout rules (README: Layout), checked on its own source."""

import importlib
import tempfile
from pathlib import Path

from odoo.tests import BaseCase, tagged

from ..layers import ADDON, CONCERNS, upward_references

MAX_LINES = 300
TESTS = Path(__file__).parent


@tagged("post_install", "-at_install")
class TestLayout(BaseCase):
    def test_every_test_file_is_imported_for_odoo(self):
        """Odoo's runner only runs the test_* modules bound on the tests package:
        a file left out of tests/__init__.py runs under pytest and nowhere else."""
        package = importlib.import_module(__package__)
        files = sorted(TESTS.rglob("test_*.py"))
        self.assertGreater(len(files), 30)
        stems = [path.stem for path in files]
        self.assertEqual(len(stems), len(set(stems)), "two test files share a name")
        missing = [
            str(path.relative_to(TESTS))
            for path in files
            if getattr(getattr(package, path.stem, None), "__file__", None) != str(path)
        ]
        self.assertEqual(missing, [], "not imported by tests/__init__.py")

    def test_calls_go_one_way(self):
        self.assertEqual(upward_references(), [])

    def test_an_upward_call_is_found(self):
        with tempfile.TemporaryDirectory() as folder:
            addon = Path(folder)
            for concern, source in (
                ("credit", 'class A:\n    _name = "credit.a"\n'),
                (
                    "desk",
                    'class B:\n    _name = "credit.b"\n    credit_b_ids = fields.One2many()\n',
                ),
                ("dunning", 'from ..desk import b\nenv["credit.b"]\npartner.credit_b_ids\n'),
            ):
                (addon / "models" / concern).mkdir(parents=True)
                (addon / "models" / concern / "model.py").write_text(source)
            self.assertEqual(
                upward_references(addon),
                [
                    "models/dunning/model.py:1: dunning names import:desk of desk",
                    "models/dunning/model.py:2: dunning names credit.b of desk",
                    "models/dunning/model.py:3: dunning names credit_b_ids of desk",
                ],
            )

    def test_concern_folders(self):
        for folder in ("models", "report", "tests"):
            present = {path.name for path in (ADDON / folder).iterdir() if path.is_dir()}
            self.assertEqual(present - {"__pycache__"}, set(CONCERNS), folder)

    def test_no_python_file_over_300_lines(self):
        long_files = {
            str(path.relative_to(ADDON)): length
            for path in ADDON.rglob("*.py")
            if (length := len(path.read_text().splitlines())) > MAX_LINES
        }
        self.assertEqual(long_files, {})
