"""Server-rendered SVG charts: geometry, empty states, escaping and accessibility."""

from types import SimpleNamespace

import pytest
from django.template import Context, Template

from lms.core import charts
from lms.core.templatetags.charts import chart_rows


def _render(source: str, **context) -> str:
    return Template("{% load charts %}" + source).render(Context(context))


# --- geometry -------------------------------------------------------------------


def test_bar_heights_are_proportional_to_the_values():
    chart = charts.bar_chart([("가", 10), ("나", 5), ("다", 0)], title="t")
    first, second, third = chart.bars
    assert first.height == pytest.approx(2 * second.height)
    assert third.height == 0
    # bars stand on the same baseline
    assert first.y + first.height == pytest.approx(second.y + second.height)
    assert chart.axis[1] == pytest.approx(first.y + first.height)


def test_the_scale_ends_at_a_round_number_at_or_above_the_largest():
    chart = charts.bar_chart([("a", 7), ("b", 3)], title="t")
    assert [line.text for line in chart.gridlines] == ["0", "2.5", "5", "7.5", "10"]
    top = chart.gridlines[-1].y1
    assert chart.bars[0].y == pytest.approx(top + 0.3 * (chart.axis[1] - top))


def test_bars_stay_inside_the_view_box():
    rows = [(f"2026-{n:02d}", n * 13) for n in range(1, 13)]
    chart = charts.bar_chart(rows, title="t")
    for bar in chart.bars:
        assert 0 <= bar.x and bar.x + bar.width <= chart.width
        assert 0 <= bar.y and bar.y + bar.height <= chart.height


def test_grouped_bars_sit_side_by_side_in_series_colours():
    chart = charts.bar_chart(
        [("1월", 4, 2), ("2월", 8, 1)], title="t", series=["수강", "수료"]
    )
    assert len(chart.bars) == 4
    january, january_done = chart.bars[:2]
    assert january_done.x > january.x
    assert january.fill != january_done.fill
    assert january.height == pytest.approx(2 * january_done.height)
    assert [item.name for item in chart.legend] == ["수강", "수료"]
    assert chart.table_headers[1:] == ["수강", "수료"]


def test_crowded_labels_are_thinned_but_the_table_keeps_them_all():
    rows = [(f"아주 긴 범주 이름 {n}", n + 1) for n in range(30)]
    chart = charts.bar_chart(rows, title="t")
    assert len(chart.labels) < 30
    assert len(chart.table_rows) == 30


def test_horizontal_bar_lengths_are_proportional_and_rows_grow_the_height():
    few = charts.horizontal_bar_chart([("서울", 8), ("전북", 2)], title="t")
    assert few.bars[0].width == pytest.approx(4 * few.bars[1].width)
    assert few.bars[0].x == few.bars[1].x
    many = charts.horizontal_bar_chart([(str(n), n + 1) for n in range(17)], title="t")
    assert many.height > few.height


def test_horizontal_bars_can_be_scaled_to_a_given_maximum():
    chart = charts.horizontal_bar_chart([("a", 5)], title="t", maximum=10)
    alone = charts.horizontal_bar_chart([("a", 5)], title="t")
    assert chart.bars[0].width == pytest.approx(alone.bars[0].width / 2)


def test_long_labels_are_shortened_with_the_full_label_kept():
    label = "사회적경제 조직의 지속가능한 성장을 위한 재무관리와 회계의 이해"
    chart = charts.horizontal_bar_chart([(label, 3)], title="t")
    assert chart.labels[0].text.endswith("…")
    assert chart.labels[0].full == label
    assert charts.text_width(chart.labels[0].text) <= chart.width * 0.36 + 1


def test_funnel_bars_are_centred_and_as_wide_as_their_share():
    chart = charts.funnel_chart([("수강", 20), ("시작", 15), ("수료", 5)], title="t")
    first, second, last = chart.bars
    assert second.width == pytest.approx(0.75 * first.width)
    assert last.width == pytest.approx(0.25 * first.width)
    centre = first.x + first.width / 2
    assert second.x + second.width / 2 == pytest.approx(centre)
    assert last.text == "5 (25%)"
    assert chart.table_rows[1] == ("시작", ["15", "75%"])


def test_hangul_counts_as_full_width_text():
    assert charts.text_width("가나") == pytest.approx(2 * charts.text_width("가"))
    assert charts.text_width("가") > charts.text_width("a")


@pytest.mark.parametrize("rows", [[], [("a", 0), ("b", 0)], [("a", None)]])
def test_no_data_or_only_zeros_is_an_empty_chart(rows):
    for draw in (charts.bar_chart, charts.horizontal_bar_chart, charts.funnel_chart):
        chart = draw(rows, title="t")
        assert chart.is_empty
        assert chart.bars == []


def test_chart_rows_read_tuples_dicts_and_objects():
    objects = [SimpleNamespace(label="a", n=1, m=2)]
    assert chart_rows(objects, value="n,m") == [("a", 1, 2)]
    assert chart_rows([{"label": "b", "value": 3}]) == [("b", 3)]
    assert chart_rows([("c", 4)]) == [("c", 4)]
    assert chart_rows(None) == []


# --- the templates --------------------------------------------------------------


def test_bar_chart_tag_draws_an_accessible_svg_and_table():
    html = _render(
        '{% bar_chart rows title="월별 수강" label_header="월" '
        'value_header="수강생" %}',
        rows=[("2026-01", 3), ("2026-02", 5)],
    )
    assert '<svg class="chart-svg"' in html
    assert 'role="img"' in html
    assert 'viewBox="0 0 560 280"' in html
    chart_id = charts._chart_id("bar", "월별 수강", "")
    assert f'aria-labelledby="{chart_id}-title {chart_id}-desc"' in html
    assert f'<title id="{chart_id}-title">월별 수강</title>' in html
    assert f'<desc id="{chart_id}-desc">' in html
    assert "<caption>월별 수강</caption>" in html
    assert '<th scope="col">월</th>' in html
    assert '<th scope="col" class="num">수강생</th>' in html
    assert '<th scope="row">2026-02</th><td class="num">5</td>' in html


def test_each_chart_kind_has_its_own_template():
    rows = [("a", 2), ("b", 1)]
    assert '<line x1="' in _render('{% bar_chart rows title="t" %}', rows=rows)
    html = _render('{% horizontal_bar_chart rows title="t" %}', rows=rows)
    assert 'text-anchor="end"' in html
    html = _render('{% funnel_chart rows title="t" %}', rows=rows)
    assert "1 (50%)" in html


def test_labels_and_titles_are_escaped():
    html = _render(
        "{% bar_chart rows title=title %}{% horizontal_bar_chart rows title=title %}"
        "{% funnel_chart rows title=title %}",
        rows=[("<script>alert(1)</script>", 3)],
        title='<b onload="x">',
    )
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b onload" not in html
    assert "&lt;b onload=&quot;x&quot;&gt;" in html


def test_zero_data_renders_the_empty_state_and_no_svg():
    html = _render('{% bar_chart rows title="성적 분포" %}', rows=[("0–9", 0)])
    assert "<svg" not in html
    assert "<table" not in html
    assert 'class="chart-empty"' in html
    assert "성적 분포" in html


def test_coordinates_are_not_localized(settings):
    settings.USE_THOUSAND_SEPARATOR = True
    html = _render('{% bar_chart rows title="t" width=1200 %}', rows=[("a", 2.5)])
    assert 'width="1200"' in html
    assert "1,200" not in html


@pytest.mark.parametrize(
    ("top", "ticks"),
    [
        (2, ["0", "1", "2"]),
        (3, ["0", "1", "2", "3", "4", "5"]),
        (7, ["0", "2", "4", "6", "8", "10"]),
        (23, ["0", "5", "10", "15", "20", "25"]),
    ],
)
def test_counts_of_people_have_whole_number_ticks(top, ticks):
    chart = charts.bar_chart([("a", top), ("b", 1)], title="t", counts=True)
    shown = [line.text for line in chart.gridlines]
    assert all(float(text.replace(",", "")).is_integer() for text in shown)
    assert shown == ticks


def test_the_chart_tag_passes_counts_through():
    html = _render('{% bar_chart rows title="t" counts=True %}', rows=[("a", 2)])
    assert ">0.5<" not in html and ">1.5<" not in html
