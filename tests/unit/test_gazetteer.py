"""Integrity of the gazetteer data and of its loader's error reporting."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.extract.gazetteer import (
    DATA_DIR,
    PLACE_KINDS,
    SIDES,
    TYPES,
    Gazetteer,
    GazetteerError,
    country_names,
    fold,
    load_dir,
    load_gazetteer,
    parse_date,
    place_names,
    read_tsv,
)

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


# --------------------------------------------------------------------------- the data


def test_loads_once_and_is_large(gaz: Gazetteer) -> None:
    assert load_gazetteer() is gaz  # cached
    assert len(gaz) >= 400
    assert {e.type for e in gaz} == set(TYPES)


def test_ids_unique_across_files() -> None:
    # re-read the raw files: the loader would stop at the first duplicate
    seen: dict[str, str] = {}
    for path in sorted(DATA_DIR.glob("*.tsv")):
        if path.name in ("roles.tsv", "ambiguous.tsv"):
            continue
        _, rows = read_tsv(path, tuple(_header(path)), ())
        for row in rows:
            entry_id = row.get("id")
            assert entry_id not in seen, f"{entry_id} in {path.name} and {seen.get(entry_id)}"
            seen[entry_id] = path.name
    assert len(seen) == len(load_gazetteer())


def _header(path: Path) -> list[str]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            return line.split("\t")
    raise AssertionError(f"{path} has no header")


def test_every_entry_has_both_scripts_and_english(gaz: Gazetteer) -> None:
    t2s = opencc.OpenCC("t2s")
    for e in gaz:
        assert e.zh and e.zh_hant and e.en, e.id
        assert e.type in TYPES and e.side in SIDES, e.id
        # the Simplified column really is Simplified ...
        assert t2s.convert(e.zh) == e.zh, f"{e.id}: zh {e.zh!r} is not Simplified"
        # ... and each Traditional form spells the same name
        assert len(e.zh_aliases) == len(e.zh_hant_aliases), e.id
        pairs = [(e.zh, e.zh_hant), *zip(e.zh_aliases, e.zh_hant_aliases, strict=True)]
        for simp, trad in pairs:
            assert fold(trad) == fold(simp), f"{e.id}: {simp!r} vs {trad!r}"


def test_parents_exist_and_sub_agencies_have_one(gaz: Gazetteer) -> None:
    for e in gaz:
        if e.type == "sub-agency":
            assert e.parent, e.id
        if e.parent:
            assert e.parent in gaz, f"{e.id}: parent {e.parent}"
            assert e.parent != e.id


def test_roles_have_valid_ranges(gaz: Gazetteer) -> None:
    assert gaz.roles, "no roles loaded"
    for person, roles in gaz.roles.items():
        assert gaz[person].type == "person"
        for r in roles:
            assert r.title and r.title_hant and r.title_en, person
            assert r.org in gaz, f"{person}: org {r.org}"
            assert r.end is None or r.start <= r.end, f"{person}: {r.start}..{r.end}"
            assert r.title in r.titles


def test_ambiguous_forms_point_to_the_right_sides(gaz: Gazetteer) -> None:
    forms = {a.form: a for a in gaz.ambiguous}
    assert forms["国务院"].targets == {"CN": "cn.state-council", "US": "us.dos"}
    assert forms["能源部"].targets == {"US": "us.doe"}
    for a in gaz.ambiguous:
        for side, target in a.targets.items():
            assert gaz[target].side == side


def test_brief_examples_present(gaz: Gazetteer) -> None:
    assert gaz["us.dhs.cbp"].en == "U.S. Customs and Border Protection"
    assert "CBP" in gaz["us.dhs.cbp"].en_aliases
    assert gaz["cn.gac"].en == "General Administration of Customs of China"
    assert "GACC" in gaz["cn.gac"].en_aliases
    assert gaz["us.doe.nnsa"].parent == "us.doe"
    assert {"国家发改委", "国家发展改革委"} <= set(gaz["cn.ndrc"].zh_aliases)
    assert "美国移民与海关执法局" in gaz["us.dhs.ice"].zh_aliases
    assert "JLG" in gaz["mech.jlg"].en_aliases
    for entry_id in (
        "cn.mps",
        "mech.sed",
        "person.yang-jiechi",
        "place.beijing",
        "intl.iaea",
        "doc.unscr-2270",
        "treaty.npt",
        "treaty.paris",
        "mech.jlg.acwg",
    ):
        assert entry_id in gaz, entry_id


@pytest.mark.parametrize(
    ("text", "eid"),
    [
        ("国家林业和草原局", "cn.nfga"),
        ("國家林業和草原局", "cn.nfga"),
        ("国家林业局", "cn.sfa"),
        ("自然资源部", "cn.mnr"),
        ("文化和旅游部", "cn.mct"),
        ("文化和旅遊部", "cn.mct"),
        ("中华全国妇女联合会", "cn.acwf"),
        ("全國婦聯", "cn.acwf"),
        ("上海合作组织", "intl.sco"),
        ("美国国家公园管理局", "us.doi.nps"),
        ("National Park Service", "us.doi.nps"),
        ("National Forestry and Grassland Administration", "cn.nfga"),
        ("Ministry of Culture and Tourism", "cn.mct"),
        ("All-China Women's Federation", "cn.acwf"),
        ("夏威夷", "place.hawaii"),
        ("Hawaii", "place.hawaii"),
        ("硅谷", "place.silicon-valley"),
        ("矽谷", "place.silicon-valley"),
        ("泰国", "place.thailand"),
        ("老撾", "place.laos"),
        ("东盟秘书处", "intl.asean.secretariat"),
        ("ASEAN Secretariat", "intl.asean.secretariat"),
        ("中国—东盟中心", "intl.acc"),
        ("中國－東盟中心", "intl.acc"),
        ("ASEAN-China Centre", "intl.acc"),
        ("国际海事组织", "intl.imo"),
        ("IMO", "intl.imo"),
        ("General Administration of Customs", "cn.gac"),
        ("非盟委员会", "intl.auc"),
        ("African Union Commission", "intl.auc"),
        ("非洲大陆自由贸易区秘书处", "intl.afcfta.secretariat"),
        ("AfCFTA Secretariat", "intl.afcfta.secretariat"),
        ("联合国非洲经济委员会", "intl.uneca"),
        ("UNECA", "intl.uneca"),
        ("中非发展基金", "org.cadfund"),
        ("Bureau of Economic Analysis", "us.doc.bea"),
        ("Federal Reserve Board", "us.fed"),
        ("南非", "place.south-africa"),
        ("埃塞俄比亚", "place.ethiopia"),
        ("加纳", "place.ghana"),
        ("亚的斯亚贝巴", "place.addis-ababa"),
        ("国家金融监督管理总局", "cn.nfra"),
        ("國家金融監督管理總局", "cn.nfra"),
        ("National Financial Regulatory Administration", "cn.nfra"),
        ("中国银行保险监督管理委员会", "cn.cbirc"),
        ("银保监会", "cn.cbirc"),
        ("国家药品监督管理局", "cn.nmpa"),
        ("National Medical Products Administration", "cn.nmpa"),
        ("中国疾病预防控制中心", "cn.chinacdc"),
        ("中國疾控中心", "cn.chinacdc"),
        ("Chinese Center for Disease Control and Prevention", "cn.chinacdc"),
        ("英國金融行為監管局", "gb.fca"),
        ("Financial Conduct Authority", "gb.fca"),
        # round 9: the Republic of Korea's and Japan's ministries and agencies, EU DGs,
        # China–CEEC bodies, the Trilateral Cooperation Secretariat
        ("韩国文化体育观光部", "kr.mcst"),
        ("韓國文化體育觀光部", "kr.mcst"),
        ("韩国科学技术信息通信部", "kr.msit"),
        ("韩国环境部", "kr.me"),
        ("韩国教育部", "kr.moe"),
        ("韩国特许厅", "kr.kipo"),
        ("Korea International Cooperation Agency", "kr.koica"),
        ("日本环境省", "jp.moe"),
        ("日本厚生勞動省", "jp.mhlw"),
        ("日本文化厅", "jp.bunka"),
        ("日本国际协力机构", "jp.jica"),
        ("Ministry of Land, Infrastructure, Transport and Tourism", "jp.mlit"),
        ("DG TRADE", "eu.commission.trade"),
        ("DG Trade", "eu.commission.trade"),
        ("DG ENV", "eu.commission.env"),
        ("欧委会农业总司", "eu.commission.agri"),
        ("Directorate-General for Taxation and Customs Union", "eu.commission.taxud"),
        ("欧盟驻华代表团", "eu.delegation-china"),
        ("中日韩合作秘书处", "intl.tcs"),
        ("Trilateral Cooperation Secretariat", "intl.tcs"),
        ("波兰投资贸易局", "pl.paih"),
        ("匈牙利农业部", "hu.am"),
        ("捷克文化部", "cz.mkcr"),
        ("斯洛文尼亚自然资源和空间规划部", "si.mnvp"),
        ("中东欧", "place.cee"),
        ("北马其顿", "place.north-macedonia"),
        ("卢布尔雅那", "place.ljubljana"),
    ],
)
def test_added_bodies_and_places_resolve(text: str, eid: str) -> None:
    from luoshi.extract.actors import find_actors

    assert [m.id for m in find_actors(text)] == [eid]


def test_renamed_bodies_name_their_successor(gaz: Gazetteer) -> None:
    # a renamed body keeps its own entry, dated in the note, pointing at its successor
    for old, new, year in (
        ("cn.sfa", "cn.nfga", "2018"),
        ("cn.moc", "cn.mct", "2018"),
        ("cn.cnta", "cn.mct", "2018"),
        ("cn.cbrc", "cn.cbirc", "2018"),
        ("cn.circ", "cn.cbirc", "2018"),
        ("cn.cbirc", "cn.nfra", "2023"),
        ("cn.cfda", "cn.nmpa", "2018"),
        ("eu.commission.devco", "eu.commission.intpa", "2021"),
    ):
        assert new in gaz[old].note and year in gaz[old].note, old
        assert old in gaz[new].note and year in gaz[new].note, new
    # 国家公园管理局 is both the NFGA's second name and the U.S. NPS: a bare form
    (amb,) = [a for a in gaz.ambiguous if a.form == "国家公园管理局"]
    assert amb.targets == {"CN": "cn.nfga", "US": "us.doi.nps"}


def test_country_body_suffixes_only_on_countries(tmp_path: Path) -> None:
    header = ENTITY_HEADER + "\tbody_suffixes"
    gaz = load_dir(
        _write(tmp_path, "a.tsv", "place.zz\tplace\tother\t虚国\t虛國\tFictland\t\t\t\t\t\t省|厅",
               header=header).parent
    )  # fmt: skip
    assert gaz["place.zz"].body_suffixes == ("省", "厅")
    with pytest.raises(GazetteerError, match="body_suffixes"):
        load_dir(_write(tmp_path, "a.tsv", GOOD + "\t\t\t\t\t\t省", header=header).parent)


def test_roles_by_date(gaz: Gazetteer) -> None:
    yang = "person.yang-jiechi"
    assert gaz.roles_on(yang, dt.date(2016, 6, 6))[0].title_en == "State Councilor"
    assert gaz.roles_on(yang, dt.date(2010, 1, 1))[0].org == "cn.mfa"
    kerry = gaz.roles_on("person.john-kerry", dt.date(2014, 7, 9))
    assert [r.title for r in kerry] == ["国务卿"]
    assert gaz.roles_on("person.john-kerry", dt.date(2018, 1, 1)) == []


def test_traditional_columns_up_to_date() -> None:
    # the data must be what scripts/gazetteer_hant.py would write
    spec = importlib.util.spec_from_file_location(
        "gazetteer_hant", REPO / "scripts" / "gazetteer_hant.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--check"]) == 0


# --------------------------------------------------------------------------- the loader

ENTITY_HEADER = (
    "id\ttype\tside\tzh\tzh_hant\ten\tparent\tzh_aliases\tzh_hant_aliases\ten_aliases\tnote"
)


def _write(tmp_path: Path, name: str, *rows: str, header: str = ENTITY_HEADER) -> Path:
    path = tmp_path / name
    path.write_text("# test data\n" + header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


GOOD = "zz.ministry\tagency\tCN\t虚构部\t虛構部\tMinistry of Fiction"


def test_minimal_directory_loads(tmp_path: Path) -> None:
    _write(tmp_path, "a.tsv", GOOD)
    gaz = load_dir(tmp_path)
    assert gaz["zz.ministry"].en == "Ministry of Fiction"


def test_duplicate_id_names_both_lines(tmp_path: Path) -> None:
    _write(tmp_path, "a.tsv", GOOD)
    _write(tmp_path, "b.tsv", "zz.ministry\tagency\tCN\t虚构局\t虛構局\tBureau of Fiction")
    with pytest.raises(
        GazetteerError, match=r"b\.tsv:3: duplicate id zz\.ministry \(first at a\.tsv:3\)"
    ):
        load_dir(tmp_path)


def test_missing_english_name(tmp_path: Path) -> None:
    _write(tmp_path, "a.tsv", GOOD, "zz.bureau\tagency\tCN\t虚构局\t虛構局\t")
    with pytest.raises(GazetteerError, match=r"a\.tsv:4: zz\.bureau: missing en"):
        load_dir(tmp_path)


def test_unknown_parent(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "a.tsv",
        GOOD,
        "zz.office\tsub-agency\tCN\t虚构办\t虛構辦\tFiction Office\tzz.nowhere",
    )
    with pytest.raises(GazetteerError, match=r"a\.tsv:4: zz\.office: unknown parent 'zz\.nowhere'"):
        load_dir(tmp_path)


def test_sub_agency_without_parent(tmp_path: Path) -> None:
    _write(tmp_path, "a.tsv", "zz.office\tsub-agency\tCN\t虚构办\t虛構辦\tFiction Office")
    with pytest.raises(GazetteerError, match="needs a parent"):
        load_dir(tmp_path)


def test_bad_type_side_and_id(tmp_path: Path) -> None:
    _write(tmp_path, "a.tsv", "zz.x\tministry\tCN\t虚构部\t虛構部\tX")
    with pytest.raises(GazetteerError, match="unknown type 'ministry'"):
        load_dir(tmp_path)
    _write(tmp_path, "a.tsv", "zz.x\tagency\tChina\t虚构部\t虛構部\tX")
    with pytest.raises(GazetteerError, match="unknown side 'China'"):
        load_dir(tmp_path)
    _write(tmp_path, "a.tsv", "Bad Id\tagency\tCN\t虚构部\t虛構部\tX")
    with pytest.raises(GazetteerError, match="bad id"):
        load_dir(tmp_path)
    _write(tmp_path, "a.tsv", "person.x\tagency\tCN\t虚构部\t虛構部\tX")
    with pytest.raises(GazetteerError, match="must have type person"):
        load_dir(tmp_path)


def test_stray_tab_and_alias_mismatch(tmp_path: Path) -> None:
    _write(tmp_path, "a.tsv", GOOD + "\t" * 20)
    with pytest.raises(GazetteerError, match=r"a\.tsv:3: .*stray tab"):
        load_dir(tmp_path)
    _write(tmp_path, "a.tsv", GOOD + "\t\t虚部|构部\t虛部")
    with pytest.raises(GazetteerError, match="2 zh_aliases but 1 zh_hant_aliases"):
        load_dir(tmp_path)


def test_name_shared_by_two_entries(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "a.tsv",
        GOOD,
        "zz.other\tagency\tUS\t另一部\t另一部\tOther Ministry\t\t虚构部\t虛構部",
    )
    with pytest.raises(GazetteerError, match=r"already names zz\.ministry"):
        load_dir(tmp_path)


def test_role_errors(tmp_path: Path) -> None:
    _write(tmp_path, "a.tsv", GOOD, "person.zz\tperson\tCN\t张三\t張三\tZhang San")
    role_header = "person\ttitle_zh\ttitle_zh_hant\ttitle_en\torg\tfrom\tto"
    _write(
        tmp_path,
        "roles.tsv",
        "person.zz\t部长\t部長\tMinister\tzz.ministry\t2015\t2013",
        header=role_header,
    )
    with pytest.raises(
        GazetteerError, match=r"roles\.tsv:3: person\.zz: role ends .* before it starts"
    ):
        load_dir(tmp_path)
    _write(
        tmp_path,
        "roles.tsv",
        "person.zz\t部长\t部長\tMinister\tzz.ministry\t2015-13",
        header=role_header,
    )
    with pytest.raises(GazetteerError, match="bad date"):
        load_dir(tmp_path)
    _write(
        tmp_path,
        "roles.tsv",
        "person.zz\t部长\t部長\tMinister\tzz.nowhere\t2015",
        header=role_header,
    )
    with pytest.raises(GazetteerError, match="unknown org"):
        load_dir(tmp_path)


def test_ambiguous_errors(tmp_path: Path) -> None:
    _write(tmp_path, "a.tsv", GOOD)
    amb_header = "form\tform_hant\tCN\tUS\tdefault"
    _write(tmp_path, "ambiguous.tsv", "虚构部\t虛構部\tzz.ministry", header=amb_header)
    with pytest.raises(GazetteerError, match=r"also a name of zz\.ministry"):
        load_dir(tmp_path)
    _write(tmp_path, "ambiguous.tsv", "构部\t構部\t\tzz.ministry", header=amb_header)
    with pytest.raises(GazetteerError, match=r"US target zz\.ministry has side CN"):
        load_dir(tmp_path)


def test_parse_date_periods() -> None:
    assert parse_date("2013", end=False) == dt.date(2013, 1, 1)
    assert parse_date("2013", end=True) == dt.date(2013, 12, 31)
    assert parse_date("2016-02", end=True) == dt.date(2016, 2, 29)
    assert parse_date("2016-02-10", end=True) == dt.date(2016, 2, 10)
    with pytest.raises(ValueError):
        parse_date("Feb 2016", end=False)


# --------------------------------------------------------------------------- folding speed-ups

_FOLD_ALPHABET = "中國國務院美國能源部·・•，。：（）ＪＬＧ２０\u3000 abc12約翰克里臺灣"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_FOLD_ALPHABET, max_size=40))
def test_fold_is_the_translate_table(text: str) -> None:
    # fold() substitutes only the foldable characters, or translates dense
    # Traditional text; either way it must equal a plain translate
    from luoshi.extract.gazetteer import _fold_table

    assert fold(text) == text.translate(_fold_table())
    assert len(fold(text)) == len(text)


# --------------------------------------------------------------------------- round 10 coverage


@pytest.mark.parametrize(
    ("entry_id", "parent"),
    [
        ("cn.caas", None),
        ("cn.caf", None),
        ("cn.cams", None),
        ("us.usda.fas", "us.usda"),
        ("us.usda.aphis", "us.usda"),
        ("us.usda.ars", "us.usda"),
        ("us.usda.fsis", "us.usda"),
        ("ru.minenergo", "place.russia"),
        ("ru.minobrnauki", "place.russia"),
        ("ru.roscosmos", "place.russia"),
        ("ru.rosatom", "place.russia"),
        ("intl.brics", None),
    ],
)
def test_round10_entries(entry_id: str, parent: str | None) -> None:
    entry = load_gazetteer().entries[entry_id]
    assert entry.parent == parent
    assert entry.zh_hant and entry.en


# Every country the series and commitment rule files listed themselves before they read the
# gazetteer's (series_rules.toml and commitment_rules.toml [places] countries).
FORMER_RULE_COUNTRIES = (
    "中国", "美国", "澳大利亚", "智利", "蒙古国", "印度尼西亚", "韩国", "日本", "英国", "法国",
    "德国", "瑞士", "比利时", "土耳其", "印度", "巴基斯坦", "阿富汗", "埃塞俄比亚", "秘鲁",
    "越南", "俄罗斯", "加拿大", "墨西哥", "菲律宾", "马来西亚", "泰国", "新加坡", "柬埔寨",
    "老挝", "缅甸", "文莱", "东帝汶", "阿联酋", "阿塞拜疆", "巴西", "南非", "埃及",
    "沙特阿拉伯", "新西兰", "意大利", "西班牙", "荷兰", "瑞典", "挪威", "芬兰", "丹麦",
    "奥地利", "波兰", "希腊", "葡萄牙", "阿根廷", "哈萨克斯坦", "乌兹别克斯坦", "以色列",
    "伊朗", "卡塔尔", "加纳", "肯尼亚", "尼日利亚", "坦桑尼亚", "卢旺达", "摩洛哥",
    "阿尔及利亚", "安哥拉", "赞比亚", "塞内加尔", "乌干达", "津巴布韦", "莫桑比克", "科特迪瓦",
    "喀麦隆", "刚果（金）", "刚果（布）", "吉布提", "匈牙利", "捷克", "斯洛伐克", "斯洛文尼亚",
    "罗马尼亚", "保加利亚", "塞尔维亚", "克罗地亚", "北马其顿", "阿尔巴尼亚", "波黑",
    "爱沙尼亚", "拉脱维亚", "立陶宛", "白俄罗斯", "乌克兰", "摩尔多瓦", "爱尔兰", "冰岛",
    "卢森堡", "马耳他", "塞浦路斯", "格鲁吉亚", "亚美尼亚", "吉尔吉斯斯坦", "塔吉克斯坦",
    "土库曼斯坦", "古巴", "哥伦比亚", "委内瑞拉", "厄瓜多尔", "乌拉圭", "巴拉圭", "玻利维亚",
    "哥斯达黎加", "巴拿马", "伊拉克", "叙利亚", "南苏丹", "苏丹", "马里", "朝鲜",
)


def test_every_place_has_a_kind(gaz: Gazetteer) -> None:
    places = [e for e in gaz if e.type == "place"]
    assert places
    assert not [e.id for e in places if e.kind not in PLACE_KINDS]
    assert not [e.id for e in gaz if e.type != "place" and e.kind]
    assert gaz["place.geneva"].kind == "city" and gaz["place.geneva"].parent is None
    assert gaz["place.taiwan"].kind == "region"


def test_former_rule_countries_are_gazetteer_countries(gaz: Gazetteer) -> None:
    names = set(country_names())
    assert not [c for c in FORMER_RULE_COUNTRIES if c not in names]
    for c in FORMER_RULE_COUNTRIES:
        # a canonical name or an alias of exactly one country row
        rows = [e.id for e in gaz if e.kind == "country" and c in (e.zh, *e.zh_aliases)]
        assert len(rows) == 1, (c, rows)
        assert gaz[rows[0]].side in ("CN", "US", "other")
    # the rule files no longer keep their own lists (only extra forms the gazetteer can't list)
    import tomllib

    data = REPO / "luoshi" / "data"
    commitment = tomllib.loads((data / "commitment_rules.toml").read_text(encoding="utf-8"))
    assert "countries" not in commitment["places"]
    assert set(commitment["places"]["countries_extra"]).isdisjoint(names)


def test_country_names_accessor() -> None:
    names = country_names()
    assert names is country_names()  # cached
    canonical = country_names(aliases=False)
    assert set(canonical) < set(names)
    assert {"中国", "美国", "日本", "匈牙利", "巴拿马"} <= set(canonical)
    assert {"俄罗斯联邦", "波黑", "印尼"} <= set(names) - set(canonical)
    assert not {"日内瓦", "台湾", "中东欧", "北京", "马里兰州"} & set(names)
    assert len(names) == len(set(names))
    assert "日内瓦" in place_names("city") and "浙江省" in place_names("province")
    with pytest.raises(ValueError, match="kind"):
        place_names("planet")


def test_kind_is_validated(tmp_path: Path) -> None:
    header = ENTITY_HEADER + "\tkind"
    gaz = load_dir(
        _write(tmp_path, "a.tsv", "place.zz\tplace\tother\t虚国\t虛國\tFictland\t\t\t\t\t\tcountry",
               header=header).parent
    )  # fmt: skip
    assert gaz["place.zz"].kind == "country"
    with pytest.raises(GazetteerError, match="unknown kind"):
        bad = "place.zz\tplace\tother\t虚国\t虛國\tFictland\t\t\t\t\t\tplanet"
        load_dir(_write(tmp_path, "a.tsv", bad, header=header).parent)
    with pytest.raises(GazetteerError, match="kind is only for places"):
        load_dir(_write(tmp_path, "a.tsv", GOOD + "\t\t\t\t\t\tcity", header=header).parent)


def test_places_a_country_name_opens_are_never_country_plus_city() -> None:
    from luoshi.extract.gazetteer import places_opening_with_a_country
    from luoshi.parse.meeting import _place_prefix_len

    opening = places_opening_with_a_country()
    assert "马里兰州" in opening  # 马里 (Mali) + 兰州 would be a city of the wrong country
    assert _place_prefix_len("马里兰州") == 0
    assert _place_prefix_len("中国北京") == 2


def test_bare_jlg_anti_corruption_working_group_is_the_jlg_body():
    from luoshi.extract.actors import find_actors

    got = find_actors("反腐败工作组将于今年下半年举行第九次会议。")
    assert [(m.text, m.id) for m in got] == [("反腐败工作组", "mech.jlg.acwg")]
    got = find_actors("二十国集团反腐败工作组会议在杭州举行。")
    assert ("二十国集团反腐败工作组", "intl.g20.acwg") in [(m.text, m.id) for m in got]


def test_round12_partner_bodies_are_listed(gaz: Gazetteer) -> None:
    want = {
        "de.bmel": "place.germany",
        "de.bmz": "place.germany",
        "nz.mfat": "place.new-zealand",
        "nz.mpi": "place.new-zealand",
        "nz.mbie": "place.new-zealand",
        "nz.moe": "place.new-zealand",
    }
    for eid, parent in want.items():
        assert gaz.get(eid).parent == parent, eid
    assert gaz.get("cn.csc").side == "CN"
    assert gaz.get("us.dos.eca").parent == "us.dos"
