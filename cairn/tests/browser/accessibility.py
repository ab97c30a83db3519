"""Accessibility checks with axe-core (bundled by axe-playwright-python), WCAG 2.2 AA."""

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
_AXE = Axe()


def violations(page) -> list[dict]:
    """axe-core's violations for the page as it is now."""
    results = _AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return results.response["violations"]


def describe(found: list[dict]) -> str:
    lines = []
    for violation in found:
        lines.append(
            f"- {violation['id']} ({violation.get('impact') or 'no impact given'}): "
            f"{violation['help']} [{violation['helpUrl']}]"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    at {target}: {node.get('failureSummary', '').strip()}")
    return "\n".join(lines)


def assert_accessible(page, name: str = "") -> None:
    """Fail, listing each violation's id, impact and target nodes, if axe finds any."""
    found = violations(page)
    if found:
        where = name or page.url
        raise AssertionError(
            f"{len(found)} accessibility violation(s) on {where} ({page.url}):\n{describe(found)}"
        )
