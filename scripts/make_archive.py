"""Generate a synthetic archive of 绩效自评报告 across units and years, with its ground truth.

    .venv/bin/python scripts/make_archive.py OUT --units 30 --years 2021-2024 --seed 1 \
        [--formats txt,docx,pdf] [--faults] [--font STSong-Light|PATH.ttf]

or from Python (tests import it by path)::

    truth = make_archive.generate(out_dir, units=30, years=range(2021, 2025), seed=1)

Deterministic: the same arguments give byte-identical files and the same ground truth.

What it writes
    OUT/<year>/<region>/<unit folder>/<title>.<txt|docx|pdf>   one file per report
    OUT/ground_truth.json                                       see ``generate``

Each (unit, year) has one department report (整体支出绩效自评报告) modelled on the 2024 渌口区
example in corpus/: the same headings, including the unnumbered ones; 基本支出 / 人员经费 /
运行经费 / 项目支出 with shares of the total and 较上年 growth; 三公经费; 编制人数 / 实有人数;
满意度; a 年初预算项目 group and a 年中追加项目 group of numbered projects. Some (unit, year)
also have a project report (项目支出绩效自评报告) for one of that year's projects.

The figures are consistent across years (this year's value − yoy_delta == last year's value,
shares agree with the totals, group sums with their projects) unless ``faults=True`` injects a
wrong share, a wrong sum or a wrong 较上年 delta into some reports; each fault is recorded.

Hard cases for linking, on purpose:
  * a unit writes its name differently across years: 株洲市渌口区交通事务中心 / 渌口区交通事务中心 /
    区交通事务中心 / 渌口区交通运输局本级, and some units are renamed by the institutional reform
    (卫生和计划生育局 → 卫生健康局); the same kind of unit exists in many regions;
  * project names drift across years ("S330项目(S330淦田-古岳峰一期)" / "S330淦田至古岳峰公路一期
    工程"), while other projects of the same unit differ only in phase, batch, vintage year, stake
    range or place (S330 一期 / 二期, 2021年第一批 / 第二批, X009 K7+620-K8+220 / K12+000-K13+500);
    one recurring project drifts to a synonym no rule can see (公路桥梁日常检测项目 / 公路桥梁经常性
    检查项目), so linking is not expected to be perfect.

PDF: drawn directly on a reportlab canvas (one text line per line, paragraphs wrapped to the page
width with a first-line indent, kinsoku rules, numbers never split), which is ~10x faster than
platypus. Default font: reportlab's built-in CID font STSong-Light, which needs no font file and
gives the same bytes on every machine; it is not embedded, so a reader without a CJK system font
takes extractor/read/pdf.py's pdfplumber path (same text, slower). ``--font PATH`` embeds a
TrueType font instead (e.g. /usr/share/fonts/truetype/wqy/wqy-microhei.ttc), as Word/WPS exports do.
"""
from __future__ import annotations

import argparse
import io
import itertools
import json
import math
import random
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import line_kinds, make_docx  # noqa: E402  (scripts/ is not a package)

FEN = 1_000_000  # 1 万元 = 1,000,000 分: every amount is an integer number of 分
CN_NUM = "零一二三四五六七八九十"

# ---------------------------------------------------------------------------- vocabulary
# (city, county): real 湖南 regions first, then made-up ones from SAFE_CHARS.
REAL_REGIONS = [
    ("株洲市", "渌口区"), ("株洲市", "攸县"), ("株洲市", "天元区"), ("株洲市", "茶陵县"),
    ("湘潭市", "雨湖区"), ("湘潭市", "湘潭县"), ("衡阳市", "衡山县"), ("衡阳市", "衡东县"),
    ("岳阳市", "平江县"), ("常德市", "桃源县"), ("邵阳市", "新邵县"), ("益阳市", "安化县"),
    ("娄底市", "双峰县"), ("郴州市", "宜章县"), ("永州市", "东安县"), ("怀化市", "辰溪县"),
]
CITIES = ["株洲市", "湘潭市", "衡阳市", "岳阳市", "常德市", "邵阳市", "益阳市", "娄底市", "郴州市",
          "永州市", "怀化市", "长沙市", "张家界市"]
# Characters for made-up place names: none is an organisation or region suffix.
SAFE_CHARS = ("青石龙凤桃源安平江新华宁乐阳溪泉岭湖田临东西南北永兴嘉禾福德昌隆丰清远武陵云梅金银"
              "沅汉寿罗祁洞靖通芷双峰涟宜章桂茶淦朱亭潭塘坪铺桥冲湾坡岗口洲滩渡庄河松柏竹花莲荷"
              "杨柳枫樟白黄红高太古明光文仁和吉泰顺")
# A 区 whose name ends like these is no region for the metadata stage (青山区 → 山区).
BAD_BEFORE_QU = set("山城景辖小片库矿市郊灾牧校园社")

# Unit types: core name (and the pre-reform name of renamed ones), sector, how it calls itself.
UNIT_TYPES = [
    {"id": "transport_center", "core": "交通事务中心", "sector": "transport", "self": "中心"},
    {"id": "transport_bureau", "core": "交通运输局", "sector": "transport", "self": "局"},
    {"id": "highway_center", "core": "公路建设养护中心", "old": "公路管理局", "sector": "transport", "self": "中心"},
    {"id": "water", "core": "水利局", "sector": "water", "self": "局"},
    {"id": "agriculture", "core": "农业农村局", "old": "农业局", "sector": "agriculture", "self": "局"},
    {"id": "housing", "core": "住房和城乡建设局", "old": "住房和城乡规划建设局", "sector": "housing", "self": "局"},
    {"id": "land", "core": "自然资源局", "old": "国土资源局", "sector": "land", "self": "局"},
    {"id": "health", "core": "卫生健康局", "old": "卫生和计划生育局", "sector": "health", "self": "局"},
]

SECTOR_TEXT = {
    "transport": {
        "duties": [
            "宣传、贯彻执行公路建设、养（维）护工作的方针政策、法律法规和技术标准规范；对全{lvl}公路行业建设、养（维）护实施办法和技术标准规范提出建议，并负责拟定具体实施办法。",
            "协助开展公路项目前期工作审查及后评估相关事务性工作，承担全{lvl}公路养（维）护项目建议计划的编制和报审；协助做好公路交通战备事务保障工作。",
            "负责全{lvl}编码公路的养护工作；指导全{lvl}农村公路建设、养护和管理事务性、技术性工作；负责对计划执行情况进行评审。",
            "参与实施公路相关交通运输基础设施的建设工程、养护工程质量监督和项目交（竣）工验收。",
            "组织全{lvl}公路、路网监测和应急抢险处置工作，承担现场质量安全生产工作。",
            "承担改善全{lvl}公路安全通行条件，消除安全隐患。",
            "负责所辖公路、道班、路产路权等国有资产维护工作。",
        ],
        "offices": ["办公室", "政工人事股", "财务股", "计划统计股", "干线公路股", "农村公路股", "安全生产股", "路产路权股"],
        "second": "养护中心",
        "works": [("沥青调补", "立方"), ("垮方清理", "立方"), ("水沟清理及打草", "公里"), ("超高路肩调整", "平方"),
                  ("修复水毁边沟", "米"), ("护栏安装", "米"), ("标志标牌安装", "块"), ("路面标线", "平方米"),
                  ("路面清灌缝", "米")],
        "headline": "公路养护安全有序",
        "public": "公路建设养护关系千家万户的生命财产安全",
    },
    "water": {
        "duties": [
            "贯彻执行国家和省、市水利工作的方针政策和法律法规，组织拟定全{lvl}水利发展规划和年度计划。",
            "负责全{lvl}水资源的统一监督管理，组织实施取水许可和水资源有偿使用制度。",
            "负责全{lvl}水利工程建设与管理，组织实施病险水库除险加固和中小河流治理。",
            "承担全{lvl}防汛抗旱指挥部的日常工作，组织编制防汛抗旱应急预案并组织实施。",
            "负责农村饮水安全工程建设和管理，指导农村水利改革和发展。",
            "负责水土保持工作，组织实施水土流失综合防治。",
        ],
        "offices": ["办公室", "规划计划股", "财务审计股", "水资源股", "建设管理股", "农村水利股", "河湖管理股"],
        "second": "水利工程管理站",
        "works": [("河道清淤", "立方"), ("堤防加固", "米"), ("渠道维修", "公里"), ("山塘整治", "处"),
                  ("排灌泵站维修", "座"), ("水毁设施修复", "处")],
        "headline": "水利设施运行安全",
        "public": "水利工程关系群众的生产生活用水安全",
    },
    "agriculture": {
        "duties": [
            "贯彻执行党和国家农业农村工作的方针政策，统筹研究和组织实施全{lvl}“三农”工作发展规划。",
            "负责全{lvl}种植业、畜牧业、渔业等农业各产业的监督管理，指导粮食等农产品生产。",
            "负责全{lvl}农田建设管理，组织实施高标准农田建设和耕地质量提升。",
            "负责农产品质量安全监督管理，组织开展农产品质量安全监测。",
            "负责动植物疫病防控工作，组织开展重大动物疫病防治。",
        ],
        "offices": ["办公室", "计划财务股", "农田建设股", "种植业股", "畜牧兽医股", "农产品质量安全股"],
        "second": "农业技术推广中心",
        "works": [("农业技术培训", "人次"), ("病虫害统防统治", "亩"), ("动物强制免疫", "万头"), ("土壤检测", "个"),
                  ("农机作业补贴", "台")],
        "headline": "农业生产稳定发展",
        "public": "农业生产关系农民群众的切身利益",
    },
    "housing": {
        "duties": [
            "贯彻执行国家和省、市住房和城乡建设的方针政策，拟定全{lvl}住房和城乡建设发展规划。",
            "负责全{lvl}住房保障工作，组织实施棚户区改造和老旧小区改造。",
            "负责全{lvl}建筑市场和工程质量安全监督管理。",
            "负责城市基础设施建设和市政公用事业管理，指导城市道路、排水、污水处理设施建设。",
            "负责农村危房改造和村镇建设工作。",
        ],
        "offices": ["办公室", "计划财务股", "住房保障股", "建筑市场股", "城市建设股", "村镇建设股"],
        "second": "建设工程质量安全监督站",
        "works": [("市政道路维修", "平方米"), ("排水管网疏通", "公里"), ("路灯维修", "盏"), ("窨井盖更换", "个"),
                  ("工程质量巡查", "次")],
        "headline": "城乡建设有序推进",
        "public": "城乡建设关系群众的居住环境和生活质量",
    },
    "land": {
        "duties": [
            "贯彻执行国家自然资源和国土空间规划的法律法规，履行全民所有土地、矿产等自然资源资产所有者职责。",
            "负责全{lvl}自然资源调查监测评价和统一确权登记工作。",
            "负责全{lvl}国土空间规划编制和用途管制，组织实施耕地保护制度。",
            "负责全{lvl}地质灾害防治工作，组织开展地质灾害隐患排查。",
            "负责全{lvl}土地整治和生态修复工作。",
        ],
        "offices": ["办公室", "财务股", "国土空间规划股", "耕地保护股", "确权登记股", "地质矿产股"],
        "second": "不动产登记中心",
        "works": [("地质灾害隐患巡查", "次"), ("不动产登记办件", "件"), ("耕地保护巡查", "次"), ("界桩埋设", "个"),
                  ("违法用地整改", "宗")],
        "headline": "自然资源管理规范",
        "public": "自然资源管理关系群众的切身利益",
    },
    "health": {
        "duties": [
            "贯彻执行国民健康政策和卫生健康法律法规，拟定全{lvl}卫生健康事业发展规划。",
            "负责全{lvl}疾病预防控制工作，组织实施免疫规划和重大疾病防治。",
            "负责全{lvl}医疗机构和医疗服务行业管理，推进医药卫生体制改革。",
            "负责基本公共卫生服务和家庭医生签约服务工作。",
            "负责全{lvl}人口监测预警和计划生育服务管理工作。",
        ],
        "offices": ["办公室", "规划财务股", "医政医管股", "基层卫生股", "疾病预防控制股", "妇幼健康股"],
        "second": "卫生计生综合监督执法局",
        "works": [("健康教育讲座", "场"), ("免费体检", "人次"), ("卫生监督检查", "家"), ("家庭医生签约", "人"),
                  ("疫苗接种", "人次")],
        "headline": "卫生健康服务提质",
        "public": "卫生健康事业关系群众的生命健康",
    },
}

# Project templates per sector. ``variants``: format strings for the name as a year's report writes
# it; fields: {code} {stake} {stake2} {a} {b} {phase} {batch} {vintage} {town} {village} {village2}
# {river} {county} {city} {kind}. ``span``: years a project runs; ``tail``: chance of trailing
# payments in later years; ``output``: (activity, unit, low, high, decimals); ``amount``: 万元 range.
TEMPLATES = {
    "transport": [
        {"id": "phase_road", "weight": 2, "span": (2, 3), "amount": (300, 2500), "partial": True,
         "output": ("路基", "km", 3, 20, 3),
         "variants": ["{code}项目（{code}{a}-{b}{phase}）", "{code}{a}至{b}公路{phase}工程",
                      "{code}{county}{a}至{b}公路{phase}工程", "{code}项目{phase}"]},
        {"id": "stake_road", "weight": 3, "span": (1, 2), "amount": (8, 90),
         "output": ("改造里程", "stake", 0, 0, 3),
         "variants": ["{city}{county}{town}农村公路{code}({stake}){kind}工程", "{code}线（{stake}）{kind}项目",
                      "{town}{code}（{stake2}）{kind}工程"],
         "kinds": ["修复性养护", "提质改造", "路面改善", "安全隐患整治"]},
        {"id": "batch", "weight": 3, "span": (1, 2), "amount": (4, 300), "tail": 0.3,
         "output": ("改造里程", "km", 1, 30, 3),
         "variants": ["{vintage}年第{batch}批{kind}项目", "{vintage}年度第{batch}批{kind}工程", "{vintage}年第{batch}批{kind}"],
         "kinds": ["国省道中修", "窄路加宽", "大中修", "农村公路提质改造"]},
        {"id": "bridge_batch", "weight": 1, "span": (1, 2), "amount": (20, 200), "tail": 0.2,
         "output": ("危桥改造", "座", 2, 8, 0),
         "variants": ["{vintage}年第{batch}批农村公路危桥改造", "{vintage}年第{batch}批农村公路危桥改造项目"]},
        {"id": "recurring", "weight": 0, "span": (99, 99), "amount": (150, 900),
         "output": ("公路养护", "公里", 800, 3000, 0),
         "names": [["农村公路日常养护项目", "农村公路日常养护"], ["干线公路养护项目", "干线公路日常养护项目"],
                   ["公路桥梁日常检测项目", "公路桥梁经常性检查项目"]]},
        {"id": "place_road", "weight": 3, "span": (1, 3), "amount": (50, 800),
         "output": ("改造里程", "km", 2, 18, 3),
         "variants": ["{county}{town}{village}{kind}", "{town}{village}{kind}", "{city}{county}{town}{village}{kind}"],
         "kinds": ["资源产业路工程", "旅游路工程", "产业路项目"]},
        {"id": "link_road", "weight": 2, "span": (1, 2), "amount": (30, 400),
         "output": ("改造里程", "km", 1, 9, 3),
         "variants": ["{town}{village}至{village2}农村道路建设项目", "{county}{town}{village}-{village2}农村道路建设工程"]},
        {"id": "safety", "weight": 1, "span": (1, 2), "amount": (50, 300), "tail": 0.3,
         "output": ("安全隐患治理", "公里", 8, 60, 3),
         "variants": ["{vintage}年农村公路安全生命防护工程", "{city}{county}{vintage}年农村公路安全生命防护工程"]},
        {"id": "misc", "weight": 2, "span": (1, 1), "amount": (5, 100),
         "output": ("建设", "项", 1, 3, 0),
         "variants": ["{town}养护站院内绿化及文化墙建设工程", "{town}工班维修工程", "不停车检测系统建设项目",
                      "{code}公路观景台建设项目"]},
    ],
    "water": [
        {"id": "village_work", "weight": 3, "span": (1, 2), "amount": (10, 150), "output": ("山塘清淤", "处", 1, 6, 0),
         "variants": ["{town}{village}{kind}项目", "{county}{town}{village}{kind}工程"], "kinds": ["山塘清淤扩容", "农村饮水管网延伸", "小型农田水利设施维修"]},
        {"id": "program", "weight": 2, "span": (1, 1), "amount": (10, 300), "tail": 0.2, "output": ("河道巡查", "次", 20, 300, 0),
         "variants": ["{vintage}年{kind}项目", "{vintage}年度{kind}"], "kinds": ["中小河流治理", "水土保持", "河湖长制工作", "防汛抗旱"]},
        {"id": "river", "weight": 3, "span": (1, 3), "amount": (100, 1500), "partial": True,
         "output": ("河道治理", "km", 2, 15, 3),
         "variants": ["{town}{river}河道综合治理工程", "{river}{town}段河道治理项目", "{county}{river}{town}段综合治理工程"]},
        {"id": "reservoir", "weight": 2, "span": (1, 2), "amount": (30, 500), "tail": 0.3,
         "output": ("水库除险加固", "座", 2, 9, 0),
         "variants": ["{vintage}年第{batch}批小型水库除险加固项目", "{vintage}年度第{batch}批小型水库除险加固工程"]},
        {"id": "drinking", "weight": 2, "span": (1, 2), "amount": (20, 300),
         "output": ("供水工程", "处", 2, 12, 0),
         "variants": ["{town}农村饮水安全巩固提升工程", "{county}{town}农村饮水安全巩固提升项目"]},
        {"id": "recurring", "weight": 0, "span": (99, 99), "amount": (100, 600),
         "output": ("水利工程管护", "处", 20, 90, 0),
         "names": [["水利工程运行管护项目", "水利工程运行管护"], ["山洪灾害防治非工程措施运行维护项目", "山洪灾害防治运行维护项目"]]},
        {"id": "repair", "weight": 2, "span": (1, 1), "amount": (10, 200),
         "output": ("水毁设施修复", "处", 3, 40, 0),
         "variants": ["{vintage}年水毁水利设施修复工程", "{vintage}年度水毁水利设施修复项目"]},
    ],
    "agriculture": [
        {"id": "village_work", "weight": 3, "span": (1, 2), "amount": (10, 150), "output": ("基地建设", "亩", 50, 600, 0),
         "variants": ["{town}{village}{kind}项目", "{county}{town}{village}{kind}工程"], "kinds": ["人居环境整治", "产业路建设", "特色种植基地建设"]},
        {"id": "program", "weight": 2, "span": (1, 1), "amount": (10, 300), "tail": 0.2, "output": ("农业技术培训", "人次", 100, 3000, 0),
         "variants": ["{vintage}年{kind}项目", "{vintage}年度{kind}"], "kinds": ["耕地地力保护", "农作物病虫害防治", "农业技术推广", "农产品质量安全监测"]},
        {"id": "farmland", "weight": 3, "span": (1, 2), "amount": (200, 2000), "partial": True,
         "output": ("高标准农田建设", "亩", 3000, 20000, 0),
         "variants": ["{vintage}年高标准农田建设项目", "{county}{vintage}年度高标准农田建设工程"]},
        {"id": "village_econ", "weight": 2, "span": (1, 2), "amount": (20, 200),
         "output": ("产业基地建设", "亩", 100, 900, 0),
         "variants": ["{town}{village}村集体经济发展项目", "{county}{town}{village}村集体经济产业发展项目"]},
        {"id": "irrigation", "weight": 2, "span": (1, 2), "amount": (30, 400),
         "output": ("渠道硬化", "km", 1, 12, 3),
         "variants": ["{town}农田水利设施建设工程", "{town}农田水利设施建设项目"]},
        {"id": "recurring", "weight": 0, "span": (99, 99), "amount": (100, 800),
         "output": ("动物强制免疫", "万头", 5, 40, 0),
         "names": [["动物疫病防控项目", "重大动物疫病防控项目"], ["农机购置补贴项目", "农机购置补贴"]]},
    ],
    "housing": [
        {"id": "village_work", "weight": 3, "span": (1, 2), "amount": (10, 150), "output": ("农房改造", "户", 10, 150, 0),
         "variants": ["{town}{village}{kind}项目", "{county}{town}{village}{kind}工程"], "kinds": ["农房风貌提升", "人居环境整治", "传统村落保护"]},
        {"id": "program", "weight": 2, "span": (1, 1), "amount": (10, 300), "tail": 0.2, "output": ("安全检查", "次", 20, 300, 0),
         "variants": ["{vintage}年{kind}项目", "{vintage}年度{kind}"], "kinds": ["保障性住房维修", "城镇燃气安全整治", "建筑工地扬尘治理", "公共租赁住房运营"]},
        {"id": "old_estate", "weight": 3, "span": (1, 3), "amount": (100, 1500), "partial": True,
         "output": ("老旧小区改造", "户", 200, 2000, 0),
         "variants": ["{town}老旧小区改造工程", "{county}{town}老旧小区改造项目"]},
        {"id": "rural_house", "weight": 2, "span": (1, 2), "amount": (50, 400), "tail": 0.3,
         "output": ("农村危房改造", "户", 30, 300, 0),
         "variants": ["{vintage}年第{batch}批农村危房改造项目", "{vintage}年度第{batch}批农村危房改造"]},
        {"id": "sewer", "weight": 2, "span": (1, 2), "amount": (80, 900),
         "output": ("污水管网建设", "km", 2, 20, 3),
         "variants": ["{town}污水管网建设工程", "{county}{town}污水管网建设项目"]},
        {"id": "recurring", "weight": 0, "span": (99, 99), "amount": (100, 700),
         "output": ("市政设施维护", "处", 20, 200, 0),
         "names": [["城市道路维护管理项目", "城市道路维护管理"], ["市政路灯维护项目", "市政路灯日常维护项目"]]},
    ],
    "land": [
        {"id": "village_work", "weight": 3, "span": (1, 2), "amount": (10, 150), "output": ("土地复垦", "亩", 50, 800, 0),
         "variants": ["{town}{village}{kind}项目", "{county}{town}{village}{kind}工程"], "kinds": ["城乡建设用地增减挂钩", "耕地垦造", "生态修复"]},
        {"id": "program", "weight": 2, "span": (1, 1), "amount": (10, 300), "tail": 0.2, "output": ("隐患排查", "处", 10, 200, 0),
         "variants": ["{vintage}年{kind}项目", "{vintage}年度{kind}"], "kinds": ["地质灾害防治", "耕地保护督察整改", "矿山生态修复", "国土空间规划编制"]},
        {"id": "consolidation", "weight": 3, "span": (1, 3), "amount": (100, 1200), "partial": True,
         "output": ("土地整治", "亩", 500, 6000, 0),
         "variants": ["{town}{vintage}年土地整治项目", "{county}{town}{vintage}年度土地综合整治工程"]},
        {"id": "hazard", "weight": 2, "span": (1, 2), "amount": (30, 400),
         "output": ("地质灾害隐患点治理", "处", 2, 15, 0),
         "variants": ["{town}地质灾害隐患点治理工程", "{county}{town}地质灾害综合治理项目"]},
        {"id": "survey", "weight": 1, "span": (1, 1), "amount": (20, 200),
         "output": ("图斑调查", "个", 500, 5000, 0),
         "variants": ["{vintage}年度国土变更调查项目", "{vintage}年国土变更调查"]},
        {"id": "recurring", "weight": 0, "span": (99, 99), "amount": (50, 400),
         "output": ("不动产登记", "件", 2000, 12000, 0),
         "names": [["不动产登记信息平台运维项目", "不动产登记平台运行维护项目"], ["耕地保护补偿项目", "耕地保护激励补偿项目"]]},
    ],
    "health": [
        {"id": "village_work", "weight": 3, "span": (1, 2), "amount": (10, 150), "output": ("村卫生室建设", "个", 1, 3, 0),
         "variants": ["{town}{village}{kind}项目", "{county}{town}{village}{kind}工程"], "kinds": ["村卫生室建设", "健康村创建"]},
        {"id": "program", "weight": 2, "span": (1, 1), "amount": (10, 300), "tail": 0.2, "output": ("健康宣传", "场", 10, 200, 0),
         "variants": ["{vintage}年{kind}项目", "{vintage}年度{kind}"], "kinds": ["重大传染病防控", "妇幼健康服务", "爱国卫生运动", "基层医疗卫生机构能力提升"]},
        {"id": "clinic", "weight": 3, "span": (1, 3), "amount": (100, 1500), "partial": True,
         "output": ("业务用房建设", "平方米", 800, 6000, 0),
         "variants": ["{town}卫生院改扩建工程", "{county}{town}卫生院改扩建项目", "{town}中心卫生院业务用房改扩建工程"]},
        {"id": "village_clinic", "weight": 2, "span": (1, 2), "amount": (20, 200), "tail": 0.3,
         "output": ("村卫生室标准化建设", "个", 5, 40, 0),
         "variants": ["{vintage}年第{batch}批村卫生室标准化建设项目", "{vintage}年度第{batch}批村卫生室标准化建设"]},
        {"id": "recurring", "weight": 0, "span": (99, 99), "amount": (200, 1200),
         "output": ("健康体检", "人次", 5000, 60000, 0),
         "names": [["基本公共卫生服务项目", "基本公共卫生服务"], ["家庭医生签约服务项目", "家庭医生签约服务补助项目"]]},
    ],
}

MANAGEMENT = [
    "（1）健全内部管理制度。修订完善了财务管理、资产管理、合同管理、公务接待、车辆管理等内部管理制度，做到用制度管人、按制度办事，内部控制体系不断健全。",
    "（2）规范预算编制。坚持“量入为出、统筹兼顾、保障重点”的原则，结合年度工作计划科学编制部门预算，做到项目细化、依据充分，预算编制的准确性和完整性明显提高。",
    "（3）加强资产管理。严格执行国有资产管理规定，定期开展资产清查盘点，做到账实相符，资产的购置、使用、处置均按规定程序报批，未发生国有资产流失问题。",
    "（4）强化信息公开。按照政府信息公开的有关要求，及时在政府门户网站公开部门预算、决算和“三公”经费情况，主动接受社会监督。",
    "（5）加强干部队伍建设。持续开展政治理论和业务知识学习，组织干部职工参加各类业务培训，干部队伍的综合素质和履职能力不断提升。",
]

PADDING = [
    "该项目由{self_short}组织实施，{year}年{m1}月开工建设，严格执行项目法人责任制、招标投标制、工程监理制和合同管理制，项目资料齐全，程序规范。",
    "项目实施过程中，{self_short}成立了项目建设领导小组，明确分管领导和责任股室，定期召开调度会，及时协调解决施工中存在的困难和问题，确保项目按计划推进。",
    "项目资金严格按照专项资金管理办法使用，实行专账核算、专款专用，资金拨付依据合同约定和工程进度办理，未发现截留、挤占、挪用等问题。",
    "项目建成后，有效改善了当地群众的生产生活条件，得到了沿线群众的广泛好评，社会效益和经济效益明显。",
    "项目严格落实安全生产责任制，施工期间设置了安全警示标志，开展了安全生产检查，未发生安全生产事故。",
    "项目于{year}年{m2}月通过交工验收，工程质量合格，相关档案资料已按要求整理归档。",
    "为加强项目管理，{self_short}聘请了具有相应资质的监理单位全程监理，严把材料进场关和工序验收关，对隐蔽工程实行旁站监理，确保工程质量符合设计和规范要求。",
    "项目建设严格落实廉政建设责任制，与施工单位签订了廉政合同，主动接受纪检监察、审计和财政部门的监督检查，项目建设管理公开透明。",
    "针对施工中出现的设计变更，{self_short}严格按照变更管理程序报批，组织设计、监理、施工单位现场会审，确保变更依据充分、程序合规。",
    "项目实施过程中注重生态环境保护，合理安排施工时序，采取洒水降尘、弃土集中堆放等措施，最大限度减少对周边群众生产生活的影响。",
    "下一步，{self_short}将进一步加强项目后期管护，建立健全长效管护机制，明确管护责任主体，确保项目长期发挥效益。",
]


# ---------------------------------------------------------------------------- helpers
def wan(fen: int) -> str:
    """An amount in 分 written in 万元 without trailing zeros: 1048772537 → "1048.772537"."""
    d = (Decimal(fen) / FEN).normalize()
    return f"{d:f}"


def fen_of(wan_value: float, rng: random.Random) -> int:
    """A random-precision amount: whole 万元, 元, or 分 (as budget reports write them)."""
    gran = rng.choice([FEN, FEN, FEN // 10, FEN // 100, 100, 100, 1])
    return max(gran, int(round(wan_value * FEN / gran)) * gran)


def pct(num: float, den: float) -> Decimal:
    return (Decimal(num) * 100 / Decimal(den)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def fmt_dec(d: Decimal | float | int) -> str:
    d = Decimal(str(d)).normalize()
    s = f"{d:f}"
    return s


def cn_ord(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (heading numbers)."""
    if n <= 10:
        return CN_NUM[n]
    if n < 20:
        return "十" + CN_NUM[n - 10]
    return CN_NUM[n // 10] + "十" + (CN_NUM[n % 10] if n % 10 else "")


def stake_text(km_from: float, km_to: float, sep: str = "-") -> str:
    def one(km):
        k = int(km)
        m = int(round((km - k) * 1000))
        return f"K{k}+{m:03d}"
    return f"{one(km_from)}{sep}{one(km_to)}"


def round_km(x: float) -> float:
    return round(x, 3)


# ---------------------------------------------------------------------------- world model
@dataclass
class Region:
    city: str
    county: str
    towns: list[str] = field(default_factory=list)
    villages: dict[str, list[str]] = field(default_factory=dict)  # town → its villages
    rivers: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.city + self.county

    @property
    def level(self) -> str:
        return self.county[-1]  # 区 or 县


@dataclass
class Series:
    id: str
    unit_id: str
    template: dict
    attrs: dict
    start: int
    end: int
    amounts: dict = field(default_factory=dict)  # year → 分
    names: dict = field(default_factory=dict)  # year → name as written in the department report
    goal_pct: dict = field(default_factory=dict)  # year → % of goal reached (None = achieved)
    outputs: dict = field(default_factory=dict)  # year → (activity, value text, unit text, canonical value, canonical unit)
    group: dict = field(default_factory=dict)  # year → group label
    variant: int = 0


@dataclass
class Unit:
    id: str
    type: dict
    region: Region
    rename_year: int | None = None  # first year under the new name (types with "old")
    series: list[Series] = field(default_factory=list)
    state: dict = field(default_factory=dict)  # year → figures

    def core(self, year: int) -> str:
        if self.rename_year is not None and year < self.rename_year:
            return self.type["old"]
        return self.type["core"]

    @property
    def canonical(self) -> str:
        return self.region.county + self.type["core"]


def _place(rng: random.Random, n: int, suffix: str, taken: set[str]) -> str:
    for _ in range(1000):
        s = "".join(rng.choice(SAFE_CHARS) for _ in range(n)) + suffix
        if s not in taken:
            taken.add(s)
            return s
    raise RuntimeError("ran out of place names")


def make_regions(rng: random.Random, count: int) -> list[Region]:
    regions, taken = [], set()
    pool = list(REAL_REGIONS)
    for i in range(count):
        if i < len(pool):
            city, county = pool[i]
        else:
            while True:
                city = rng.choice(CITIES)
                level = rng.choice("县县区")
                county = "".join(rng.choice(SAFE_CHARS) for _ in range(2)) + level
                if level == "区" and county[-2] in BAD_BEFORE_QU:
                    continue
                if county not in taken and all(county != c for _, c in REAL_REGIONS):
                    break
        taken.add(county)
        regions.append(Region(city, county))
    names: set[str] = set()
    for r in regions:
        r.towns = [_place(rng, 2, rng.choice("镇镇乡"), names) for _ in range(8)]
        r.villages = {t: [_place(rng, 2, "", names) for _ in range(5)] for t in r.towns}
        r.rivers = [_place(rng, 2, rng.choice("河江水"), names) for _ in range(4)]
    return regions


def make_units(rng: random.Random, n: int, years: list[int]) -> list[Unit]:
    # 2–5 unit types per region, never two units of one type in a region.
    units, i = [], 0
    regions = make_regions(rng, max(1, math.ceil(n / 3.5)) + 4)
    ri = 0
    while len(units) < n:
        region = regions[ri % len(regions)]
        if ri >= len(regions):
            regions.extend(make_regions(rng, len(regions) + 4)[len(regions):])
            region = regions[ri]
        k = min(n - len(units), rng.randint(2, 5))
        types = rng.sample(UNIT_TYPES, k)
        # every other region has both transport units: the same-region near-synonym case
        if ri % 2 == 0 and k >= 2 and not any(t["id"] == "transport_bureau" for t in types):
            types[-1] = UNIT_TYPES[1]
        if not any(t["sector"] == "transport" for t in types):
            types[0] = UNIT_TYPES[0]
        seen = set()
        for t in types:
            if t["id"] in seen:
                continue
            seen.add(t["id"])
            i += 1
            unit = Unit(id=f"U{i:04d}", type=t, region=region)
            if "old" in t and rng.random() < 0.35:
                unit.rename_year = rng.choice(years[1:]) if len(years) > 1 else None
            units.append(unit)
        ri += 1
    return units[:n]


# ---------------------------------------------------------------------------- projects
def _attrs(rng: random.Random, tpl: dict, unit: Unit, year: int, used: set) -> dict:
    r = unit.region
    for _ in range(30):
        town = rng.choice(r.towns)
        v1, v2 = rng.sample(r.villages[town], 2)
        a = {
            "town": town, "village": v1 + "村", "village2": v2 + "村", "river": rng.choice(r.rivers),
            "county": r.county, "city": r.city, "a": rng.choice(r.towns)[:-1],
            "b": rng.choice(r.villages[rng.choice(r.towns)]),
            "phase": rng.choice(["一期", "二期"]), "batch": rng.choice("一二三"),
            "vintage": year - rng.choice([0, 0, 0, 1]), "kind": rng.choice(tpl.get("kinds", [""])),
        }
        if tpl["id"] == "stake_road":
            a["code"] = rng.choice("XY") + f"{rng.randint(1, 99):03d}"
            km = rng.randint(0, 25) + rng.randint(0, 999) / 1000
            length = rng.choice([0.3, 0.5, 0.6, 0.8, 1.2, 1.5, 2.0, 2.4]) + rng.randint(0, 99) / 1000
            a["stake_from"], a["stake_to"] = round_km(km), round_km(km + length)
            a["stake"] = stake_text(km, km + length)
            a["stake2"] = stake_text(km, km + length, rng.choice(["—", "~", "-"]))
        else:
            a["code"] = rng.choice("SSG") + f"{rng.randint(200, 360):03d}"
        if _claim(tpl, a, used):
            return a
    return None  # every name this template can make for the unit is taken


def _sibling(rng, tpl, base: dict, used: set) -> dict | None:
    """A hard negative: the same project but another phase / batch / vintage / stake section."""
    a = dict(base)
    if tpl["id"] == "phase_road":
        a["phase"] = "二期" if base["phase"] == "一期" else "一期"
    elif tpl["id"] == "stake_road":
        km = base["stake_to"] + rng.randint(1, 6) + rng.randint(0, 999) / 1000
        length = rng.choice([0.5, 0.8, 1.0, 1.5]) + rng.randint(0, 99) / 1000
        a["stake_from"], a["stake_to"] = round_km(km), round_km(km + length)
        a["stake"] = stake_text(km, km + length)
        a["stake2"] = stake_text(km, km + length, rng.choice(["—", "~", "-"]))
    elif "{batch}" in "".join(tpl.get("variants", [])):
        a["batch"] = {"一": "二", "二": "三", "三": "一"}[base["batch"]]
    else:
        return None
    return a if _claim(tpl, a, used) else None


def _claim(tpl: dict, a: dict, used: set) -> bool:
    """Reserve every name the project can take, and its identity (road code + phase, road code +
    stake range): no two projects of one unit share a name or an identity."""
    keys = {("name", v.format(**a)) for v in tpl["variants"]}
    if tpl["id"] == "phase_road":
        keys.add(("code_phase", a["code"], a["phase"]))
    if tpl["id"] == "stake_road":
        keys.add(("stake", a["code"], a["stake"]))
    if tpl["id"] == "place_road":
        keys.add(("place", a["town"], a["village"]))
    if tpl["id"] == "link_road":
        keys.add(("link", a["town"], frozenset((a["village"], a["village2"]))))
    if keys & used:
        return False
    used.update(keys)
    return True


def _name(tpl: dict, attrs: dict, variant: int) -> str:
    if "names" in tpl:
        return attrs["names"][variant % len(attrs["names"])]
    return tpl["variants"][variant % len(tpl["variants"])].format(**attrs)


def _new_series(rng, unit: Unit, tpl: dict, year: int, used: set, attrs: dict | None = None) -> Series:
    if attrs is None:
        if "names" in tpl:
            taken = {tuple(s.attrs.get("names", ())) for s in unit.series}
            choices = [n for n in tpl["names"] if tuple(n) not in taken]
            attrs = {"names": rng.choice(choices)} if choices else None
            if attrs is None:
                return None
        else:
            attrs = _attrs(rng, tpl, unit, year, used)
            if attrs is None:
                return None
    lo, hi = tpl["span"]
    span = rng.randint(lo, hi)
    s = Series(id=f"{unit.id}-P{len(unit.series) + 1:02d}", unit_id=unit.id, template=tpl, attrs=attrs,
               start=year, end=year + span - 1)
    n_variants = len(attrs["names"]) if "names" in tpl else len(tpl["variants"])
    s.variant = rng.randrange(n_variants) if rng.random() < 0.5 else 0
    unit.series.append(s)
    return s


def _output(rng, s: Series, year: int) -> tuple[str, str, str, float, str]:
    activity, unit, lo, hi, dec = s.template["output"]
    if unit == "stake":
        km = round_km(s.attrs["stake_to"] - s.attrs["stake_from"])
        return activity, fmt_dec(Decimal(str(km))), "km", km, "km"
    value = rng.uniform(lo, hi)
    value = round(value, dec) if dec else int(round(value))
    text = fmt_dec(Decimal(str(value)))
    canon_value, canon_unit = float(value), unit
    if unit in ("公里", "km"):
        canon_unit = "km"
    elif unit == "米":
        canon_value, canon_unit = float(value) / 1000, "km"
    elif unit == "平方米":
        canon_unit = "m2"
    elif unit == "亩":
        canon_value, canon_unit = None, "m2"  # 亩 → m2 by the recognizer's factor; not compared
    elif unit == "万头":
        canon_value, canon_unit = float(value) * 10000, "头"
    return activity, text, unit, canon_value, canon_unit


def plan_projects(rng: random.Random, unit: Unit, years: list[int]) -> None:
    """Which projects run in which year, their names as written, amounts, groups and progress."""
    tpls = TEMPLATES[unit.type["sector"]]
    weighted = [t for t in tpls for _ in range(t["weight"])]
    recurring = next(t for t in tpls if t["id"] == "recurring")
    used: set = set()
    first = years[0]
    # projects already running when the archive starts (vintage before the first year)
    for _ in range(len(recurring["names"])):
        _new_series(rng, unit, recurring, first, used)
    for _ in range(rng.randint(3, 6)):
        tpl = rng.choice(weighted)
        s = _new_series(rng, unit, tpl, first - rng.randint(1, 2), used)
        if s is not None:
            s.end = max(s.end, first)
    for year in years:
        active = [s for s in unit.series if s.start <= year <= s.end]
        tails = [s for s in unit.series if s.end < year and s.template.get("tail") and year - s.end <= 3
                 and year not in s.amounts and rng.random() < s.template["tail"] / 2]
        target = rng.randint(18, 27) if unit.type["sector"] == "transport" else rng.randint(16, 24)
        tries = 0
        while len(active) + len(tails) < target and tries < 500:
            tries += 1
            tpl = rng.choice(weighted)
            s = _new_series(rng, unit, tpl, year, used)
            if s is None:
                weighted = [t for t in weighted if t is not tpl] or weighted
                continue
            active.append(s)
            if rng.random() < 0.25:  # a sibling in the same unit: another phase/batch/section
                attrs = _sibling(rng, tpl, s.attrs, used)
                if attrs is not None:
                    sib = _new_series(rng, unit, tpl, year, used, attrs)
                    sib.variant = s.variant
                    active.append(sib)
        for s in active + tails:
            lo, hi = s.template["amount"]
            if s in tails:
                lo, hi = lo / 10, hi / 5
            s.amounts[year] = fen_of(rng.uniform(lo, hi), rng)
            if year > s.start and year in s.amounts and rng.random() < 0.3:  # the name drifts
                n_variants = len(s.attrs["names"]) if "names" in s.template else len(s.template["variants"])
                s.variant = (s.variant + rng.randint(1, max(1, n_variants - 1))) % n_variants
            s.names[year] = _name(s.template, s.attrs, s.variant)
            running = s.end >= year and s.end > s.start and s.template.get("partial") and year < s.end and s.end < 99
            if running and s.template["id"] != "recurring":
                span = s.end - s.start + 1
                done = (year - s.start + 1) / span
                s.goal_pct[year] = float(round(100 * done * rng.uniform(0.6, 0.95), 2))
            else:
                s.goal_pct[year] = None
            s.outputs[year] = _output(rng, s, year)
            s.group[year] = "年初预算项目" if (s.start < year or s.template["id"] == "recurring") and rng.random() < 0.45 else "年中追加项目"
        # at least one project per group
        this_year = [s for s in unit.series if year in s.amounts]
        if not any(s.group[year] == "年初预算项目" for s in this_year):
            this_year[0].group[year] = "年初预算项目"
        if not any(s.group[year] == "年中追加项目" for s in this_year):
            this_year[-1].group[year] = "年中追加项目"


# ---------------------------------------------------------------------------- figures
def plan_figures(rng: random.Random, unit: Unit, years: list[int]) -> None:
    """Unit-level figures for each year and the year before the archive (the 较上年 baseline)."""
    authorized = rng.randint(15, 90)
    actual = authorized + rng.randint(-8, 6)
    base = {
        "staff_actual": max(5, actual),
        "per_head": rng.uniform(10, 15),
        "operating_ratio": rng.uniform(0.12, 0.4),
        "vehicle": fen_of(rng.uniform(2, 12), rng) if rng.random() < 0.6 else 0,
        "reception": fen_of(rng.uniform(0.5, 6), rng),
    }
    prev = {
        "personnel": fen_of(base["staff_actual"] * base["per_head"], rng),
        "operating": 0,
        "project": fen_of(rng.uniform(1500, 9000), rng),
        "vehicle": base["vehicle"],
        "reception": base["reception"],
        "staff_actual": base["staff_actual"],
    }
    prev["operating"] = fen_of(prev["personnel"] / FEN * base["operating_ratio"], rng)
    unit.state[years[0] - 1] = prev
    for year in years:
        last = unit.state[year - 1]
        retired, moved_in = rng.randint(0, 4), rng.randint(0, 4)
        staff = max(5, last["staff_actual"] - retired + moved_in)
        if rng.random() < 0.1:
            authorized += rng.choice([-2, 2, 5])
        personnel = fen_of(staff * base["per_head"] * rng.uniform(0.95, 1.12), rng)
        operating = fen_of(personnel / FEN * base["operating_ratio"] * rng.uniform(0.7, 1.4), rng)
        g1 = sum(s.amounts[year] for s in unit.series if s.amounts.get(year) and s.group[year] == "年初预算项目")
        g2 = sum(s.amounts[year] for s in unit.series if s.amounts.get(year) and s.group[year] == "年中追加项目")
        vehicle = last["vehicle"] if (last["vehicle"] == 0 or rng.random() < 0.15) else fen_of(rng.uniform(1, 12), rng)
        reception = fen_of(rng.uniform(0.5, 6), rng) if rng.random() < 0.9 else last["reception"]
        budget1 = int(math.ceil((g1 + fen_of(rng.uniform(0, 120), rng)) / (10 * FEN))) * 10 * FEN
        adjust = 0 if rng.random() < 0.8 else fen_of(rng.uniform(5, 50), rng)
        unit.state[year] = {
            "authorized": authorized, "staff_actual": staff, "retired": retired, "moved_in": moved_in,
            "personnel": personnel, "operating": operating, "project": g1 + g2, "g1": g1, "g2": g2,
            "budget1": budget1, "adjust1": adjust, "vehicle": vehicle, "reception": reception,
            "satisfaction": rng.choice([85, 88, 90, 92, 93, 95, 96, 97, 98, 98.5, 99]),
            "offices": rng.randint(4, 8), "second": rng.randint(0, 2),
        }


def department_facts(unit: Unit, year: int) -> dict:
    """The report's canonical facts as the text states them (before faults)."""
    st, last = unit.state[year], unit.state[year - 1]
    p, o, pj = st["personnel"], st["operating"], st["project"]
    basic, total = p + o, p + o + pj
    f = {
        "staff_authorized": st["authorized"], "staff_actual": st["staff_actual"],
        "basic_expenditure": basic / FEN, "personnel_expenditure": p / FEN, "operating_expenditure": o / FEN,
        "project_expenditure": pj / FEN, "total_expenditure": total / FEN,
        "personnel_expenditure.share_pct": float(pct(p, total)),
        "operating_expenditure.share_pct": float(pct(o, total)),
        "project_expenditure.share_pct": float(pct(pj, total)),
        "satisfaction_rate": float(st["satisfaction"]),
    }
    for key, name in (("personnel", "personnel_expenditure"), ("operating", "operating_expenditure"), ("project", "project_expenditure")):
        delta = st[key] - last[key]
        f[f"{name}.yoy_delta"] = delta / FEN
        f[f"{name}.yoy_pct"] = float(pct(delta, last[key]))
    tp, tp_last = st["vehicle"] + st["reception"], last["vehicle"] + last["reception"]
    f["three_public_total"] = tp / FEN
    f["three_public_overseas"] = 0.0
    f["three_public_vehicle"] = st["vehicle"] / FEN
    f["three_public_reception"] = st["reception"] / FEN
    if tp != tp_last:
        f["three_public_total.yoy_pct"] = float(pct(tp - tp_last, tp_last))
    else:
        f["three_public_total.yoy_delta"], f["three_public_total.yoy_pct"] = 0.0, 0.0
    f["three_public_overseas.yoy_delta"] = f["three_public_overseas.yoy_pct"] = 0.0
    for key in ("vehicle", "reception"):
        if st[key] == last[key]:
            f[f"three_public_{key}.yoy_delta"] = f[f"three_public_{key}.yoy_pct"] = 0.0
        elif last[key]:
            f[f"three_public_{key}.yoy_pct"] = float(pct(st[key] - last[key], last[key]))
    return f


# ---------------------------------------------------------------------------- text
def _change(delta_pct: float, flat: str = "与上年持平") -> str:
    if delta_pct == 0:
        return flat
    word = "增长" if delta_pct > 0 else "减少"
    return f"同比{word}{fmt_dec(abs(Decimal(str(delta_pct))))}%"


def _money(fen: int) -> str:
    return "0元" if fen == 0 else f"{wan(fen)}万元"


def unit_written(rng: random.Random, unit: Unit, year: int) -> tuple[str, str]:
    """The unit's name as this year's title writes it, and the style."""
    core, r = unit.core(year), unit.region
    style = rng.choices(["county", "full", "short", "benji"], [55, 20, 15, 10])[0]
    return {
        "county": r.county + core, "full": r.name + core, "short": r.level + core,
        "benji": r.county + core + rng.choice(["本级", "（本级）"]),
    }[style], style


TITLE_CHARS = 28  # a title line at 16 pt fits 28 characters: the generator breaks titles itself


def department_title(rng: random.Random, year: int, written: str) -> list[str]:
    """Title lines as offices lay them out: broken by hand at a natural point, never wrapped."""
    layout = rng.random()
    one = f"{year}年度{written}整体支出绩效自评报告"
    if layout < 0.3 and len(one) <= TITLE_CHARS:
        return [one]
    if layout < 0.8:
        first = f"{year}年度{written}整体支出"
        return [first, "绩效自评报告"] if len(first) <= TITLE_CHARS else [f"{year}年度{written}", "整体支出绩效自评报告"]
    one = f"{written}{year}年度部门整体支出绩效自评报告"
    return [one] if len(one) <= TITLE_CHARS else [f"{written}{year}年度", "部门整体支出绩效自评报告"]


def department_report(rng: random.Random, unit: Unit, year: int, written: str, style: str,
                      facts: dict, fault: dict | None) -> tuple[list[str], list[dict], list[dict]]:
    """Lines of one department report, its project list (ground truth) and its groups."""
    st, r, sector = unit.state[year], unit.region, SECTOR_TEXT[unit.type["sector"]]
    core = unit.core(year)
    lvl = r.level
    # how the body names the unit: the short form never reveals the county (the linker must infer it)
    self_short = lvl + core if style == "short" else (r.county + core if rng.random() < 0.5 else lvl + core)
    self_word = "局" if core.endswith("局") else unit.type["self"]
    L: list[str] = []
    if rng.random() < 0.6:
        L.append(f"附件{rng.randint(1, 6)}")
    L += department_title(rng, year, written)

    L.append("一、部门（单位）基本情况")
    L.append("（一）单位主要职能")
    duties = "".join(f"{i + 1}、{d.format(lvl=lvl)}" for i, d in enumerate(sector["duties"]))
    L.append(duties + f"{len(sector['duties']) + 1}、完成{lvl}委、{lvl}政府交办的其他任务。")
    L.append("")
    L.append("（二）机构情况。")
    L.append("")
    offices = sector["offices"][: st["offices"]]
    second = f"，{st['second']}个二级机构" if st["second"] else ""
    L.append(f"{self_short}下设{len(offices)}个内设机构{second}，主要包括{'、'.join(offices)}"
             + (f"，二级机构{sector['second']}。" if st["second"] else "。"))
    L.append("")
    L.append("（三）人员情况。")
    L.append("")
    L.append(f"{year}年年末，全{self_word}编制人数{st['authorized']}人，实有人数{st['staff_actual']}人，"
             f"{year}年退休{st['retired']}人，调入{st['moved_in']}人。")

    # ---- figures
    stated = dict(facts)
    if fault:
        stated[fault["key"]] = fault["stated"]

    def growth(name: str) -> str:
        d = stated[f"{name}.yoy_delta"]
        p = stated[f"{name}.yoy_pct"]
        if d >= 0:
            return f"较上年增加{fmt_dec(Decimal(str(round(d, 6))))}万元，增长{fmt_dec(abs(Decimal(str(p))))}%"
        return f"较上年减少{fmt_dec(Decimal(str(round(-d, 6))))}万元，下降{fmt_dec(abs(Decimal(str(p))))}%"

    def amt(key: str) -> str:
        return fmt_dec(Decimal(str(round(stated[key], 6))))

    def share(key: str) -> str:
        return fmt_dec(Decimal(str(stated[key])))

    L.append("二、一般公共预算支出情况")
    L.append("（一）基本支出情况")
    L.append("")
    L.append(f"基本支出{amt('basic_expenditure')}万元。其中人员经费{amt('personnel_expenditure')}万元，"
             f"占全年总支出的{share('personnel_expenditure.share_pct')}%，{growth('personnel_expenditure')}。"
             f"运行经费{amt('operating_expenditure')}万元，占全年总支出的{share('operating_expenditure.share_pct')}%，"
             f"{growth('operating_expenditure')}。")
    L.append("（二）项目支出情况")
    L.append("")
    L.append(f"项目支出{amt('project_expenditure')}万元，其中基本建设类项目{amt('project_expenditure')}万元，"
             f"占全年总支出的{share('project_expenditure.share_pct')}%。{growth('project_expenditure')}。")
    for h in ("政府性基金预算支出情况", "国有资本经营预算支出情况", "社会保险基金预算支出情况"):
        L += [h, "", "无", ""]
    L.append("资金使用及绩效情况")
    L.append("")
    L.append("（一）部门整体支出绩效情况")
    L.append("1.运行成本方面")
    L.append("")
    tp = amt("three_public_total")
    tp_change = _change(stated.get("three_public_total.yoy_pct", 0.0))
    veh = st["vehicle"]
    veh_change = _change(facts.get("three_public_vehicle.yoy_pct", 0.0)) if "three_public_vehicle.yoy_pct" in facts else (
        "与上年持平" if "three_public_vehicle.yoy_delta" in facts else "较上年有所变化")
    rec_change = _change(facts.get("three_public_reception.yoy_pct", 0.0))
    L.append(f"（1）严控“三公”经费支出。{year}年，“三公”经费支出{tp}万元，{tp_change}。其中：因公出国（境）费0元，"
             f"与上年持平；公务用车购置及运行维护费{_money(veh)}，{veh_change}；公务接待费{_money(st['reception'])}，{rec_change}。")
    L.append("")
    L.append("（2）加强政府采购管理。凡采购办公用品、广告宣传等均需通过电子卖场进行。")
    L.append("")
    L.append("2.管理效率方面")
    L.append("")
    L.append("制定考核管理办法，调动职工工作积极性；加强预算执行监控，保证日常工作正常运转。")
    for para in MANAGEMENT[: rng.randint(3, 5)]:
        L.append(para)
    L.append("")
    L.append("3.履职效能方面")
    L.append("")
    listed = [s for s in unit.series if year in s.amounts]
    big = sorted(listed, key=lambda s: -s.amounts[year])[:5]
    L.append(f"（1）重点项目稳步推进。落实“重大项目攻坚年”各项部署，举全{self_word}之力推进项目建设。"
             + "、".join(s.names[year] for s in big) + "等项目有序实施。")
    works = rng.sample(sector["works"], min(len(sector["works"]), rng.randint(4, 7)))
    pieces = []
    for activity, u in works:
        v = rng.randint(20, 3000) if u not in ("公里", "座", "处") else rng.randint(3, 900)
        pieces.append(f"{activity}{v}{u}")
    L.append(f"（2）{sector['headline']}。全年完成" + "；".join(pieces) + "。每月定期开展检查，汛期隐患排查完成率为100%。")
    L.append(f"（3）安全监管落实到位。今年以来，我{self_word}多次组织安全生产学习教育培训，到会干部职工{rng.randint(20, 60)}余人次。"
             "按照应急预案要求，突出落实值班安排，做到沟通联系24小时不缺人。针对连日雨情，按照专项预案要求，拿出了前置措施，"
             f"对{rng.choice(r.towns)}、{rng.choice(r.towns)}等地隐患点进行了实时监控。汛期累计出动巡查人员{rng.randint(100, 900)}余人次，"
             f"巡查车辆{rng.randint(20, 120)}余台次，确保安全隐患处置到位。")
    L.append("4.社会效应方面")
    L.append("")
    L.append(f"{year}年，我单位在{lvl}委{lvl}政府的正确领导下，在上级部门的指导下团结拼搏，开拓创新，圆满完成了各项任务，获得了社会各界的认可。")
    L.append("")
    L.append("5.可持续发展能力方面")
    L.append("")
    L.append("我单位的基本支出及项目支出，均是当年支出，可持续影响为一年。")
    L.append("")
    L.append("6.服务对象满意度方面")
    L.append("")
    L.append(f"{sector['public']}，经统计，群众满意度为{fmt_dec(Decimal(str(st['satisfaction'])))}%。")

    # ---- project groups
    L.append("（二）项目支出绩效情况")
    projects: list[dict] = []
    groups: list[dict] = []
    ordinal = 0
    for gi, label in enumerate(("年初预算项目", "年中追加项目"), 1):
        members = [s for s in listed if s.group[year] == label]
        spent = sum(s.amounts[year] for s in members)
        if label == "年初预算项目":
            budget, adjust = st["budget1"], st["adjust1"]
            balance = budget + adjust - spent
            L.append(f"{gi}.年初预算项目{wan(budget)}万元专项资金，年中执行调增（减）{wan(adjust)}万元，"
                     f"实际支出{wan(spent)}万元，结余结转{wan(balance)}万元。项目实施及绩效情况如下：")
        else:
            budget, adjust, balance = spent, None, 0
            L.append(f"{gi}.年中追加项目金额{wan(spent)}万元，实际支出{wan(spent)}万元，结余结转0万元。项目实施及绩效情况如下：")
        groups.append({"label": label, "budget": budget / FEN, "adjustment": None if adjust is None else adjust / FEN,
                       "spent": spent / FEN, "balance": balance / FEN})
        for k, s in enumerate(members, 1):
            ordinal += 1
            name = s.names[year]
            activity, vtext, vunit, cval, cunit = s.outputs[year]
            purpose = f"支持{name}建设" if name.endswith(("项目", "工程")) else f"支持{name}项目建设"
            gp = s.goal_pct[year]
            goal = "已按计划实现绩效目标" if gp is None else f"实现绩效目标的{fmt_dec(Decimal(str(gp)))}%"
            L.append(f"（{k}）{name}")
            L.append("")
            L.append(f"项目支出{wan(s.amounts[year])}万元，主要用于{purpose}。项目完成{activity}{vtext}{vunit}，{goal}。")
            pad = rng.sample(PADDING, rng.randint(5, 7))
            L.append("".join(p.format(self_short=self_short, year=year, m1=rng.randint(2, 6), m2=rng.randint(9, 12))
                             for p in pad))
            L.append("")
            projects.append({
                "ordinal": ordinal, "group": label, "name": name, "amount": s.amounts[year] / FEN,
                "output_value": cval, "output_unit": cunit,
                "goal_status": "achieved" if gp is None else "partial", "goal_pct": gp,
                "road_code": _road_code(name), "stake_from": s.attrs.get("stake_from") if "{stake" in _variant_fmt(s) else None,
                "stake_to": s.attrs.get("stake_to") if "{stake" in _variant_fmt(s) else None,
                "series_id": s.id,
            })
    L.append(f"七、存在的问题及原因分析")
    L.append("1. 财务管理能力有待加强，财政资金监管仍存在薄弱环节，资金使用绩效有待进一步提升。")
    L.append("")
    L.append("2.部门整体绩效目标不够明确和量化。")
    L.append("下一步改进措施")
    L.append("")
    L.append("1.加强经费管理")
    L.append("")
    L.append("按照工作计划任务合理安排工作经费，确保各项工作有序开展并取得实效。")
    L.append("")
    L.append("2.树立绩效管理观念，根据过去经验和未来履职需要做好合理预算，编制合理、明确的绩效目标，将绩效评价与预算管理有机结合起来，以绩效评价促进预算管理。")
    L.append("九、部门整体支出绩效自评结果拟应用和公开情况")
    L.append("")
    L.append("通过绩效自评，进一步掌握了资金使用情况和取得的效果，发现了工作中存在的问题和不足，为今后加强资金使用管理、完善资金绩效管理、提高资金使用效率提供了重要依据。")
    L.append("")
    L.append("此次绩效自评报告在政府门户网站上予以公布，向社会公开，广泛接受群众监督。")
    L.append("")
    L.append("十、其他需要说明的情况")
    L.append("")
    L.append("无")
    L.append("")
    L.append(f"附件：1. {year}年度部门整体支出绩效评价基础数据表")
    L.append(f"2. {year}年度部门整体支出绩效自评表")
    L.append(f"3. {year}年度项目支出绩效自评表")
    return L, projects, groups


_ROAD = re.compile(r"(?<![A-Za-z0-9])[GSXYCZ]\d{3}(?!\d)")


def _road_code(name: str) -> str | None:
    m = _ROAD.search(name)
    return m.group(0) if m else None


def _variant_fmt(s: Series) -> str:
    if "names" in s.template:
        return ""
    return s.template["variants"][s.variant % len(s.template["variants"])]


def project_report(rng: random.Random, unit: Unit, s: Series, year: int, written: str) -> tuple[list[str], dict, dict]:
    """A single-project report (项目支出绩效自评报告) for series ``s`` in ``year``."""
    # titles name the project without brackets ("S330淦田至古岳峰公路一期工程", not "S330项目(…)")
    variants = [s.names[year]] + [_name(s.template, s.attrs, s.variant + k) for k in range(1, 4)]
    han_in_brackets = re.compile(r"[（(][^）)]*[\u4e00-\u9fff][^）)]*[）)]")
    plain = [v for v in variants if not han_in_brackets.search(v)] or [han_in_brackets.sub("", variants[0])]
    fits = [v for v in plain if len(v) <= TITLE_CHARS - 8] or [min(plain, key=len)]
    name = fits[0] if rng.random() < 0.7 else fits[-1]
    spent = s.amounts[year]
    budget = spent if rng.random() < 0.5 else spent + fen_of(rng.uniform(1, max(2, spent / FEN * 0.1)), rng)
    rate = pct(spent, budget)
    score = rng.choice([88, 90, 92, 93, 95, 96, 97, 98, 100])
    grade = "优" if score >= 90 else "良"
    activity, vtext, vunit, cval, cunit = s.outputs[year]
    gp = s.goal_pct[year]
    # "2021年度2021年第二批…" reads "2021年度第二批…": the title states the year once
    name = name.replace(f"{year}年度", "").replace(f"{year}年", "")
    report_name = name if name.endswith("项目") else name + "项目"
    r = unit.region
    first = f"{written}{year}年度{report_name}"
    L = [first] if len(first) <= TITLE_CHARS else [written, f"{year}年度{report_name}"]
    L += ["支出绩效自评报告", ""]
    L.append("一、基本情况")
    L.append("（一）项目概况")
    L.append(f"{name}是{r.county}{year}年度重点民生项目，由{written}负责组织实施。项目主要建设内容包括{activity}等，"
             f"建设地点位于{rng.choice(r.towns)}、{rng.choice(r.towns)}。项目严格按照基本建设程序组织实施，建设管理规范。")
    L.append("（二）项目资金情况")
    L.append(f"项目全年预算数为{wan(budget)}万元，执行数为{wan(spent)}万元，完成预算的{fmt_dec(rate)}%。")
    L.append("二、绩效自评工作开展情况")
    L.append("按照财政部门关于开展预算绩效自评工作的通知要求，我单位成立了绩效自评工作小组，对照年初设定的绩效目标，"
             "采取资料核查与实地查看相结合的方式，对项目资金使用、项目管理和绩效目标实现情况进行了全面自评。")
    L.append("三、综合评价结论")
    L.append(f"经评价，该项目自评得分{score}分，等级为{grade}。")
    L.append("四、绩效目标完成情况分析")
    L.append("（一）产出指标完成情况")
    goal = "已按计划实现绩效目标" if gp is None else f"实现绩效目标的{fmt_dec(Decimal(str(gp)))}%"
    L.append(f"项目完成{activity}{vtext}{vunit}，{goal}。")
    L.append("（二）效益指标完成情况")
    L.append("项目的实施改善了群众生产生活条件，促进了地方经济社会发展，社会效益明显。")
    L.append("（三）项目管理情况")
    for p in PADDING:
        L.append(p.format(self_short=written, year=year, m1=rng.randint(2, 6), m2=rng.randint(9, 12)))
    L.append("（四）制度建设情况")
    for p in MANAGEMENT[:4]:
        L.append(p[3:])
    L.append("五、偏离绩效目标的原因和下一步改进措施")
    L.append("项目前期工作准备不够充分，部分工序进度滞后。下一步将加强项目前期谋划，强化进度管理，确保项目按期完成。")
    L.append("六、绩效自评结果拟应用和公开情况")
    L.append("自评结果将作为以后年度预算安排的重要依据，并按规定在政府门户网站公开。")
    L.append("七、其他需要说明的情况")
    L.append("无")
    facts = {"budget_full_year": budget / FEN, "budget_executed": spent / FEN, "execution_rate": float(rate),
             "self_score": float(score)}
    project = {"ordinal": 1, "group": None, "name": report_name, "written_name": name, "amount": spent / FEN,
               "goal_status": "achieved" if gp is None else "partial", "goal_pct": gp, "series_id": s.id,
               "road_code": _road_code(name)}
    return L, facts, project


# ---------------------------------------------------------------------------- faults
def make_fault(rng: random.Random, facts: dict) -> dict:
    kind = rng.choice(["share", "sum", "yoy"])
    if kind == "share":
        key = "personnel_expenditure.share_pct"
        correct = facts[key]
        stated = round(correct + rng.choice([-1, 1]) * rng.uniform(1.5, 6), 2)
        stated = max(0.5, stated)
        return {"type": "share", "key": key, "stated": stated, "correct": correct, "rules": ["share_mismatch"]}
    if kind == "sum":
        key = "three_public_total"
        correct = facts[key]
        stated = round(correct + rng.choice([0.5, 1, 1.5, 2.3]), 6)
        return {"type": "sum", "key": key, "stated": stated, "correct": correct, "rules": ["sum_mismatch"]}
    key = "personnel_expenditure.yoy_delta"
    correct = facts[key]
    stated = round(correct + (1 if correct >= 0 else -1) * rng.uniform(5, 40), 2)  # same sign, larger
    return {"type": "yoy", "key": key, "stated": stated, "correct": correct,
            "rules": ["growth_mismatch", "prior_year_mismatch"]}


# ---------------------------------------------------------------------------- rendering
# The DOCX route is the example report's (scripts/make_corpus.py): same styles, fixed zip times.


_TOKEN = re.compile(r"[0-9A-Za-z.+\-%~]+|.", re.S)
NUMBERED = re.compile(r"^(?:[（(]\d{1,2}[）)]|\d{1,2}[.、．]|[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)")
NO_LINE_START = set("，。、；：？！）》”’%,.;:?!)")
NO_LINE_END = set("（《“‘(")


class PdfWriter:
    """A4 pages drawn line by line: fast, and laid out like a GB/T 9704 export (indented paragraphs)."""

    def __init__(self, font: str = "STSong-Light", keep_numbered: bool = True):
        """``keep_numbered``: a paragraph that starts like a heading ("（1）严控…", "2.树立…") is moved
        whole to the next page instead of being split by a page break. extractor's normalize stage
        does not rejoin a heading-like line with its continuation on the next page, so a split there
        loses the facts of the paragraph's end (False reproduces that)."""
        self.keep_numbered = keep_numbered
        from reportlab import rl_config
        from reportlab.pdfbase import pdfmetrics

        rl_config.invariant = 1
        if font == "STSong-Light":
            from reportlab.pdfbase.cidfonts import UnicodeCIDFont

            pdfmetrics.registerFont(UnicodeCIDFont(font))
            self.font = font
        else:
            from reportlab.pdfbase.ttfonts import TTFont

            path = Path(font)
            if not path.exists():
                raise SystemExit(f"{font}: no such font file")
            self.font = "Embedded-" + re.sub(r"\W", "", path.stem)
            pdfmetrics.registerFont(TTFont(self.font, str(path), subfontIndex=0))
        self._widths: dict[str, float] = {}
        self._sw = pdfmetrics.stringWidth

    def width(self, s: str) -> float:
        """Width in 1/1000 em."""
        w = self._widths.get(s)
        if w is None:
            w = self._widths[s] = self._sw(s, self.font, 1000)
        return w

    def wrap(self, text: str, size: float, width: float, indent: float) -> list[tuple[str, float]]:
        """Greedy CJK wrapping: numbers and Latin runs stay whole, kinsoku for punctuation."""
        toks = [(t, self.width(t) * size / 1000) for t in _TOKEN.findall(text)]
        lines: list[list[tuple[str, float]]] = []
        cur: list[tuple[str, float]] = []
        cur_w, avail = 0.0, width - indent
        for tok in toks:
            if cur and cur_w + tok[1] > avail + 0.01:
                carry = []
                if tok[0] in NO_LINE_START and len(cur) > 1:
                    carry.append(cur.pop())
                while len(cur) > 1 and cur[-1][0] in NO_LINE_END:
                    carry.insert(0, cur.pop())
                lines.append(cur)
                cur, avail = carry, width
                cur_w = sum(w for _, w in cur)
            cur.append(tok)
            cur_w += tok[1]
        if cur:
            lines.append(cur)
        return [("".join(t for t, _ in line), sum(w for _, w in line)) for line in lines]

    def render(self, lines: list[str], title: str) -> tuple[bytes, int]:
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.units import mm
        from reportlab.pdfgen import canvas

        page_w, page_h = A4
        left = right = top = bottom = 25 * mm
        text_w = page_w - left - right
        styles = {"body": (11, 17), "title": (16, 24), "h1": (14, 22), "h2": (12, 19)}
        buf = io.BytesIO()
        c = canvas.Canvas(buf, pagesize=A4, invariant=1, pageCompression=1)
        c.setTitle(title)
        c.setAuthor("make_archive")
        y = page_h - top
        pages = 1

        def new_page():
            nonlocal y, pages
            c.showPage()
            pages += 1
            y = page_h - top

        for line, kind in zip(lines, line_kinds(lines)):
            text = line.strip()
            if not text:
                y -= 6
                continue
            size, leading = styles[kind]
            indent = 0 if kind == "title" else 22
            if kind == "h1":
                y -= 4
            c.setFont(self.font, size)
            wrapped = self.wrap(text, size, text_w, indent)
            if (self.keep_numbered and len(wrapped) > 1 and NUMBERED.match(text)
                    and y - size - (len(wrapped) - 1) * leading < bottom):
                new_page()  # see keep_numbered
                c.setFont(self.font, size)
            for i, (chunk, w) in enumerate(wrapped):
                if y - size < bottom:
                    new_page()
                    c.setFont(self.font, size)
                if kind == "title":
                    c.drawString(left + (text_w - w) / 2, y - size, chunk)
                else:
                    c.drawString(left + (indent if i == 0 else 0), y - size, chunk)
                y -= leading
        c.save()
        return buf.getvalue(), pages


# ---------------------------------------------------------------------------- archive
def _safe(name: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]', "", name)


def generate(out_dir, units: int = 30, years=range(2021, 2025), seed: int = 1,
             formats=("txt", "docx", "pdf"), faults: bool = False, font: str = "STSong-Light",
             project_report_share: float = 0.15, fault_share: float = 0.15) -> dict:
    """Write the archive under ``out_dir`` and return its ground truth (also in ground_truth.json).

    Ground truth::

        {"seed", "units_requested", "years", "formats", "font",
         "units":  [{"id", "canonical_name", "region", "county", "type", "names": {year: [as written]}}],
         "series": [{"id", "unit_id", "template", "names": {year: name}, "amounts": {year: 万元},
                     "goal_pct": {year: % or null}}],
         "files":  [{"path" (relative to out_dir), "format", "pages", "unit_id", "unit_name" (as written),
                     "unit_style" (county|full|short|benji), "region", "year", "kind" (department|project),
                     "facts": {key: value}, "groups": [...], "projects": [{"ordinal", "name", "amount",
                     "group", "output_value", "output_unit", "goal_status", "goal_pct", "road_code",
                     "stake_from", "stake_to", "series_id"}], "faults": [{"type", "key", "stated",
                     "correct", "rules"}]}]}

    ``facts`` are the values the text states (a faulted key holds the stated, wrong value; its
    ``rules`` are the cross-checks that should fire on that report, and a wrong figure may also
    fire prior_year_mismatch on the same unit's next-year report);
    total_expenditure is derived (basic + project), as the extractor derives it.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    years = list(years)
    formats = tuple(formats)
    rng = random.Random(seed)
    world = make_units(rng, units, years)
    for unit in world:
        plan_projects(random.Random(f"{seed}:{unit.id}:projects"), unit, years)
        plan_figures(random.Random(f"{seed}:{unit.id}:figures"), unit, years)
    writer = PdfWriter(font) if "pdf" in formats else None
    files = []
    names_seen: dict[str, dict[int, list[str]]] = {}
    for year in years:
        for unit in world:
            urng = random.Random(f"{seed}:{unit.id}:{year}:text")
            written, style = unit_written(urng, unit, year)
            names_seen.setdefault(unit.id, {}).setdefault(year, []).append(written)
            facts = department_facts(unit, year)
            fault = make_fault(urng, facts) if faults and urng.random() < fault_share else None
            lines, projects, groups = department_report(urng, unit, year, written, style, facts, fault)
            stated = dict(facts)
            if fault:
                stated[fault["key"]] = fault["stated"]
            folder = out / str(year) / unit.region.name / _safe(unit.core(year))
            stem = _safe("".join(l for l, k in zip(lines, line_kinds(lines)) if k == "title"))
            frng = random.Random(f"{seed}:{unit.id}:{year}:format")  # content never depends on formats
            fmt = frng.choice(formats)
            rel, pages = _write(folder / stem, lines, fmt, writer, out)
            files.append({
                "path": rel, "format": fmt, "pages": pages, "unit_id": unit.id, "unit_name": written,
                "unit_style": style, "region": unit.region.name, "year": year, "kind": "department",
                "facts": stated, "groups": groups, "projects": projects, "faults": [fault] if fault else [],
            })
            if urng.random() < project_report_share:
                # a title names the report's year once: no project named after another year
                listed = [s for s in unit.series if year in s.amounts and s.template["id"] != "recurring"
                          and not re.search(r"(?:19|20)\d\d年", s.names[year].replace(f"{year}年", ""))]
                if listed:
                    s = urng.choice(sorted(listed, key=lambda s: -s.amounts[year])[:4])
                    written_p, style_p = unit_written(urng, unit, year)
                    if style_p == "benji":
                        written_p, style_p = unit.region.county + unit.core(year), "county"
                    names_seen[unit.id][year].append(written_p)
                    plines, pfacts, project = project_report(urng, unit, s, year, written_p)
                    fmt = frng.choice(formats)
                    ptitle = "".join(l for l, k in zip(plines, line_kinds(plines)) if k == "title")
                    rel, pages = _write(folder / _safe(ptitle), plines, fmt, writer, out)
                    files.append({
                        "path": rel, "format": fmt, "pages": pages, "unit_id": unit.id, "unit_name": written_p,
                        "unit_style": style_p, "region": unit.region.name, "year": year, "kind": "project",
                        "facts": pfacts, "groups": [], "projects": [project], "faults": [],
                    })
    truth = {
        "seed": seed, "units_requested": units, "years": years, "formats": list(formats), "font": font,
        "units": [{
            "id": u.id, "canonical_name": u.canonical, "region": u.region.name, "county": u.region.county,
            "type": u.type["id"], "rename_year": u.rename_year,
            "names": {str(y): sorted(set(v)) for y, v in names_seen[u.id].items()},
        } for u in world],
        "series": [{
            "id": s.id, "unit_id": s.unit_id, "template": s.template["id"],
            "names": {str(y): n for y, n in sorted(s.names.items())},
            "amounts": {str(y): a / FEN for y, a in sorted(s.amounts.items())},
            "goal_pct": {str(y): g for y, g in sorted(s.goal_pct.items())},
        } for u in world for s in u.series if s.amounts],
        "files": files,
    }
    (out / "ground_truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    return truth


def _write(stem: Path, lines: list[str], fmt: str, writer: PdfWriter | None, out: Path) -> tuple[str, int | None]:
    stem.parent.mkdir(parents=True, exist_ok=True)
    path = stem.with_name(stem.name + "." + fmt)
    pages = None
    if fmt == "txt":
        data = ("\n".join(lines) + "\n").encode("utf-8")
    elif fmt == "docx":
        data = make_docx(lines)
    elif fmt == "pdf":
        data, pages = writer.render(lines, stem.name)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    path.write_bytes(data)
    return path.relative_to(out).as_posix(), pages


# ---------------------------------------------------------------------------- scoring the linker
def _pairs(groups):
    return {pair for members in groups.values() for pair in itertools.combinations(sorted(members), 2)}


def _precision_recall(pred, truth):
    tp = len(pred & truth)
    return (tp / len(pred) if pred else 1.0), (tp / len(truth) if truth else 1.0)


def score_linking(db, out: Path, truth: dict) -> dict:
    """How a database ingested from the archive at ``out`` linked it, against ``truth``: pairwise
    precision / recall over pairs of reports in one unit and pairs of projects in one series.
    ``db`` is a sqlite_utils Database (tests/test_linking.py and bench/ingest.py use it)."""
    by_path = {str((out / f["path"]).resolve()): f for f in truth["files"]}
    pred_u, true_u, file_of = defaultdict(set), defaultdict(set), {}
    for r in db.query("select r.id, r.unit_id, d.path from reports r join documents d on d.id = r.document_id"):
        f = file_of[r["id"]] = by_path[r["path"]]
        pred_u[r["unit_id"] if r["unit_id"] is not None else f"none{r['id']}"].add(r["id"])
        true_u[f["unit_id"]].add(r["id"])
    pred_s, true_s = defaultdict(set), defaultdict(set)
    unmatched = 0
    for p in db.query("select id, report_id, ordinal, series_id from projects"):
        want = [q for q in file_of[p["report_id"]]["projects"] if q["ordinal"] == p["ordinal"]]
        if not want:
            unmatched += 1
            continue
        pred_s[p["series_id"] if p["series_id"] is not None else f"none{p['id']}"].add(p["id"])
        true_s[want[0]["series_id"]].add(p["id"])
    up, ur = _precision_recall(_pairs(pred_u), _pairs(true_u))
    sp, sr = _precision_recall(_pairs(pred_s), _pairs(true_s))
    return {"unit_precision": up, "unit_recall": ur, "series_precision": sp, "series_recall": sr,
            "reports": len(file_of), "units": len(true_u), "projects": sum(map(len, true_s.values())),
            "series": len(true_s), "unmatched_projects": unmatched}


def _years(s: str) -> range:
    if "-" in s:
        a, b = s.split("-")
        return range(int(a), int(b) + 1)
    return range(int(s), int(s) + 1)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description="Generate a synthetic archive of 绩效自评报告 with ground truth.")
    ap.add_argument("out", type=Path, help="folder to write (created)")
    ap.add_argument("--units", type=int, default=30)
    ap.add_argument("--years", type=_years, default=range(2021, 2025), help="e.g. 2021-2024")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--formats", default="txt,docx,pdf", help="comma-separated: txt,docx,pdf (one per report, chosen at random)")
    ap.add_argument("--faults", action="store_true", help="inject wrong shares / sums / deltas (recorded in the ground truth)")
    ap.add_argument("--font", default="STSong-Light", help="STSong-Light (built in, not embedded) or a TTF/TTC path to embed")
    args = ap.parse_args(argv)
    t = time.perf_counter()
    truth = generate(args.out, units=args.units, years=args.years, seed=args.seed,
                     formats=tuple(f.strip() for f in args.formats.split(",") if f.strip()),
                     faults=args.faults, font=args.font)
    elapsed = time.perf_counter() - t
    n = len(truth["files"])
    pages = sum(f["pages"] or 0 for f in truth["files"])
    print(f"{n} reports ({sum(f['kind'] == 'project' for f in truth['files'])} project reports), "
          f"{pages} PDF pages in {elapsed:.1f} s: {n / elapsed:.1f} reports/s, {pages / elapsed:.1f} PDF pages/s",
          file=sys.stderr)


if __name__ == "__main__":
    main()
