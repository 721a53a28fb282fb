"""Round 21: a form field's value broken at a page's width, its last characters on the next line
("部门(单位)名称: 岳阳县农业农村\\n局", as pool p0001 reads when wrapped like a PDF's text): the value and the next
line's first word make the unit (fields.wrapped_value, [form.wrapped_rest])."""
import itertools

import pytest

from .conftest import built_text

LABELS = ("部门(单位)名称: ", "实施单位:", "单位名称:", "项目单位 | ", "填报单位:")
UNITS = ("岳阳县农业农村局", "宁乡市交通运输局", "稷山县翟店镇卫生院", "中共南县县委组织部", "永德县明朗中学")
AFTER = ("\n预算编码: 247001\n", " | 项目负责人 | 张三 |\n", "\n")


@pytest.mark.parametrize("label, unit, cut, after", list(itertools.product(LABELS, UNITS, (1, 2, 3), AFTER)))
def test_a_field_value_broken_at_the_lines_end(label, unit, cut, after):
    text = f"{label}{unit[:-cut]}\n{unit[-cut:]}{after}一、基本情况\n本单位认真开展自评。\n"
    assert built_text(text).unit_name == unit


@pytest.mark.parametrize("text", [
    "实施单位:宁乡市交通运输局\n局长负责项目管理。\n",  # a whole value: the next line is not its part
    "实施单位:按照合同要求组\n织施工\n",  # prose joined is still no unit
])
def test_a_whole_value_or_prose_takes_nothing_from_the_next_line(text):
    assert built_text(text).unit_name in (None, "宁乡市交通运输局")
