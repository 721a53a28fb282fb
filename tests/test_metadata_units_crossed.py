"""A unit's name read from its title and from body sentences, crossed over the kinds of organisation
that publish reports (round 16): party and people's congress offices, courts, mass organisations,
schools, hospitals, stations, 所, 段, 队, towns and subdistricts, companies, zones. Each name carries a
real place name (长丰县, 合肥市): the gazetteer anchors where a name starts."""
import pytest

from .conftest import built_text

_NAMES = ["中共某某县委组织部", "中共某某县委宣传部", "某某县人民武装部", "某某县人民法院", "某某县人民检察院", "某某县公安局城关派出所",
     "某某县供销合作社联合社", "某某县总工会", "某某县红十字会", "某某县科学技术协会", "某某县妇女联合会", "某某县残疾人联合会",
     "共青团某某县委员会", "某某县委办公室", "某某县纪律检查委员会", "某某县融媒体中心", "某某县广播电视台", "某某县气象局",
     "某某县国有林场", "某某经济开发区管理委员会", "某某县城市投资发展有限公司", "某某县第一中学", "某某县人民医院", "某某县疾病预防控制中心",
     "某某县城关镇人民政府", "某某县城关街道办事处", "某某县档案馆", "某某县图书馆", "某某县政务服务中心", "某某县机关事务服务中心",
     "某某县水利工程管理站", "某某县农业技术推广站", "某某县动物卫生监督所", "某某县社会保险事业管理局", "某某县退役军人事务局",
     "某某县地方公路管理段", "某某县公路养护段", "某某县交通运输综合行政执法大队", "某某县消防救援大队", "某某县归国华侨联合会",
     "某某县工商业联合会", "某某县文学艺术界联合会", "某某县政协办公室", "某某县人大常委会办公室", "某某县委党校", "某某县老干部局",
     "某某县机构编制委员会办公室", "某某县信访局", "某某县统计局", "某某县审计局", "某某县乡村振兴局", "某某县林业和草原局",
     "某某市生态环境局某某分局", "某某县职业技术学校", "某某县特殊教育学校", "某某县中心幼儿园", "某某县实验小学", "某某县博物馆",
     "某某县文化馆", "某某县救助管理站", "某某县殡仪馆", "某某县福利院", "某某县敬老院", "某某县看守所", "某某县戒毒所",
     "某某县水文站", "某某县地震局", "某某县自然资源和规划局", "某某县不动产登记中心", "某某县住房公积金管理中心", "某某县公共资源交易中心",
     "某某县农村信用合作联社", "某某县粮食和物资储备局", "某某县检验检测中心", "某某县市场监督管理局城关市场监管所", "某某县农业综合行政执法大队"]
UNITS = [u.replace("某某县", "长丰县").replace("某某市", "合肥市").replace("某某分局", "长丰分局")
         .replace("某某经济开发区", "合肥经济技术开发区") for u in _NAMES]
FRAMES = {
    "department_title": "{u}2023年度部门整体支出绩效自评报告\n一、部门基本情况\n",
    "project_title": "{u}2023年度农村公路养护项目支出绩效自评报告\n一、项目基本情况\n",
    "body_is": "2023年度部门整体支出绩效自评报告\n一、部门基本情况\n{u}是县政府工作部门,主要负责全县相关工作。\n",
    "body_abbreviated": "2023年度部门整体支出绩效自评报告\n一、部门基本情况\n{u}(以下简称“本单位”)内设股室5个。\n",
    "chrome_publisher": "发布机构:{u}\n发布日期:2024-04-20\n2023年度部门整体支出绩效自评报告\n一、部门基本情况\n本单位内设股室5个。\n",
    "project_body": "2023年度农村公路养护项目支出绩效自评报告\n一、项目基本情况\n农村公路养护项目由{u}组织实施,项目预算100万元。\n",
}


@pytest.mark.parametrize("frame", sorted(FRAMES))
def test_every_kind_of_organisation_is_read_whole(frame):
    wrong = [(u, got) for u in UNITS if (got := built_text(FRAMES[frame].format(u=u)).unit_name) != u]
    assert not wrong, wrong


@pytest.mark.xfail(strict=True, reason="a zone named after a county without its 县 (长丰经济开发区) starts with no listed "
                                       "division; only after a listed province or prefecture is a zone read in the body")
def test_a_zone_named_after_a_county_without_its_suffix_is_read_from_the_body():
    text = FRAMES["body_is"].format(u="长丰经济开发区管理委员会")
    assert built_text(text).unit_name == "长丰经济开发区管理委员会"
