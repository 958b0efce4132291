"""Common Cartridge import in the Wagtail admin, in a real browser: the screen
passes axe-core, and a package is uploaded and imported with the keyboard."""

import json

import pytest

from lms.accounts.demo import DEMO_PASSWORD

from ..factories import CourseIndexPageFactory, course_tree_create
from .conftest import axe_inject

pytestmark = pytest.mark.browser


def _axe(page, axe_js):
    axe_inject(page, axe_js)
    result = page.evaluate("() => axe.run()")
    assert result["passes"], "axe-core ran no checks"
    violations = [
        {
            "id": v["id"],
            "impact": v["impact"],
            "nodes": [n["target"] for n in v["nodes"]],
        }
        for v in result["violations"]
    ]
    assert not violations, json.dumps(violations, ensure_ascii=False, indent=2)


def test_staff_import_a_package_with_the_keyboard(page, demo_site, axe_js, tmp_path):
    from lms.partners.services.cartridge import cartridge_export

    catalog = CourseIndexPageFactory(parent=demo_site["home"])
    course = course_tree_create(
        index=catalog, modules=2, lessons=2, title="내보낸 과정"
    )
    package = tmp_path / "course.imscc"
    package.write_bytes(cartridge_export(course=course).content)

    base = demo_site["url"]
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", "admin@campus.example")
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.press("input[name=password]", "Enter")

    page.goto(base + "/admin/cartridge/import/")
    page.wait_for_load_state("networkidle")
    _axe(page, axe_js)

    page.set_input_files("input[name=package]", str(package))
    page.focus("select[name=catalog]")
    page.select_option("select[name=catalog]", str(catalog.pk))
    for _step in range(6):  # on to the Import button, by keyboard
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "submit":
            break
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("[data-count=modules]").inner_text() == "2"
    assert page.locator("[data-count=lessons]").inner_text() == "4"
    _axe(page, axe_js)
