"""The accessibility check itself: it must fail on a real violation, naming it."""

import pytest

from cairn.tests.browser.accessibility import assert_accessible

pytestmark = pytest.mark.browser


def test_the_check_fails_naming_each_violation_and_its_nodes(page):
    # Given a page with an image without alternative text and a field without a label
    page.set_content(
        '<html lang="en"><head><title>Broken</title></head><body><main>'
        '<h1>Broken</h1><img src="x.png"><input type="text" id="nameless">'
        "</main></body></html>"
    )

    # When it is checked, then the check fails listing each violation, its impact and nodes
    with pytest.raises(AssertionError) as failure:
        assert_accessible(page, "broken page")
    message = str(failure.value)
    assert "image-alt (critical)" in message
    assert "label (critical)" in message
    assert "at img" in message
    assert "at #nameless" in message
