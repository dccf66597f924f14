"""Services are deployed separately: none imports another, and shared imports no service."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ["projects", "governance", "resources", "reporting"]
PACKAGES = {f"pmo_{name}": ROOT / "services" / name / "src" / f"pmo_{name}" for name in SERVICES}
PACKAGES["pmo_shared"] = ROOT / "shared" / "src" / "pmo_shared"


def imported_top_level_modules(package_dir: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in package_dir.rglob("*.py"):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], set()).add(str(path))
    return found


@pytest.mark.parametrize("package", sorted(PACKAGES))
def test_a_package_imports_no_other_service(package):
    imports = imported_top_level_modules(PACKAGES[package])
    forbidden = {f"pmo_{name}" for name in SERVICES} - {package}
    offenders = {name: sorted(files) for name, files in imports.items() if name in forbidden}
    assert offenders == {}


def test_the_boundary_check_sees_imports(tmp_path):
    (tmp_path / "module.py").write_text("from pmo_reporting.tables import rm_projects\n")
    assert "pmo_reporting" in imported_top_level_modules(tmp_path)
