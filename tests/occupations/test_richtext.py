import pytest

from richtext.render import render_markdown


def test_markdown_becomes_paragraphs_lists_and_links():
    html = render_markdown("Første avsnitt.\n\n- en\n- to\n\n[Vigo](https://vigo.no)")
    assert "<p>Første avsnitt.</p>" in html
    assert "<ul>\n<li>en</li>" in html
    assert '<a href="https://vigo.no" rel="noopener noreferrer">Vigo</a>' in html


@pytest.mark.parametrize(
    ("source", "forbidden"),
    [
        ("<script>alert(1)</script>", "<script"),
        ('<img src=x onerror="alert(1)">', "onerror"),
        ("[klikk](javascript:alert(1))", "javascript:"),
        ('<p style="background:expression(alert(1))">x</p>', "expression"),
        ("<iframe src='https://example.com'></iframe>", "<iframe"),
    ],
)
def test_unsafe_html_never_survives(source, forbidden):
    assert forbidden not in render_markdown(source)
